// Headings → section paths ("3. Service usage / 3.1. Operations / 3.1.4. Storage").
//
// Published pages get heading levels wrong (`### 2.2.` under `### 2.`, `####` among `#####` siblings), so
// where a heading is numbered its number decides its parent, and levels decide only for unnumbered ones.
import type { Heading, Root } from "mdast";
import { plainText } from "./markdown.ts";

const NUMBERED = /^(\d{1,3}(?:\.\d{1,3})*)\.?(?=\s|$)/;

interface Placed {
  level: number;
  number?: string;
  path: string[];
}

export interface Outline {
  /** The page's title: its one level-1 heading, when it opens the page. Not part of any section path. */
  title?: string;
  /** Each heading's section path. */
  paths: Map<Heading, string[]>;
}

export function numberOf(text: string): string[] | undefined {
  return NUMBERED.exec(text)?.[1]?.split(".");
}

function headingsOf(root: Root): Heading[] {
  const found: Heading[] = [];
  const visit = (node: { type: string; children?: unknown[] }) => {
    if (node.type === "heading") found.push(node as Heading);
    else for (const child of (node.children ?? []) as { type: string }[]) visit(child);
  };
  visit(root);
  return found;
}

export function outlineOf(root: Root): Outline {
  const headings = headingsOf(root);
  const first = headings[0];
  const levelOnes = headings.filter((heading) => heading.depth === 1);
  const titleNode = first?.depth === 1 && levelOnes.length === 1 ? first : undefined;

  // Top-level numbers that start again ("## Compute / ### 1." then "## Storage / ### 1.") mean the
  // unnumbered headings above them tell the sections apart, so they stay in the path.
  const topNumbers = headings
    .filter((heading) => heading !== titleNode)
    .map((heading) => numberOf(plainText(heading)))
    .filter((number) => number?.length === 1)
    .map((number) => number?.[0]);
  const restarts = new Set(topNumbers).size < topNumbers.length;

  const paths = new Map<Heading, string[]>();
  const placed: Placed[] = [];
  for (const heading of headings) {
    const text = plainText(heading);
    if (heading === titleNode) {
      placed.push({ level: 1, path: [] });
      paths.set(heading, []);
      continue;
    }
    const number = numberOf(text);
    const path = [...parentPath(placed, heading.depth, number, restarts), text];
    placed.push({ level: heading.depth, number: number?.join("."), path });
    paths.set(heading, path);
  }
  return { title: titleNode ? plainText(titleNode) : undefined, paths };
}

function parentPath(
  placed: Placed[],
  level: number,
  number: string[] | undefined,
  restarts: boolean,
): string[] {
  if (number && number.length > 1) {
    // 3.1.4 hangs under 3.1, or under 3 when there is no 3.1 heading.
    for (let length = number.length - 1; length >= 1; length--) {
      const prefix = number.slice(0, length).join(".");
      const parent = placed.findLast((entry) => entry.number === prefix);
      if (parent) return parent.path;
    }
  } else if (number && !restarts) {
    return []; // a top-level number starts a section of its own, whatever the heading above it
  }
  return placed.findLast((entry) => entry.level < level)?.path ?? [];
}
