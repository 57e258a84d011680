// Markdown → mdast (CommonMark + GFM tables + YAML front matter), and the two ways the importer reads a
// node: its source text as written (for verbatim rows and notes) and its plain text (for headers and headings).
import type { Nodes, Parent, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { frontmatterFromMarkdown } from "mdast-util-frontmatter";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { frontmatter } from "micromark-extension-frontmatter";
import { gfmTable } from "micromark-extension-gfm-table";

export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, {
    extensions: [gfmTable(), frontmatter(["yaml"])],
    mdastExtensions: [gfmTableFromMarkdown(), frontmatterFromMarkdown(["yaml"])],
  });
}

/** 1-based line where a node starts (1 when the parser gave it no position). */
export function lineOf(node: Nodes): number {
  return node.position?.start.line ?? 1;
}

/** The document's text, read by node offsets. */
export class Source {
  constructor(readonly text: string) {}

  /** What a node's children were written as, from the first to the last: a cell without its padding. */
  inner(node: Parent): string {
    const first = node.children[0]?.position?.start.offset;
    const last = node.children.at(-1)?.position?.end.offset;
    if (first === undefined || last === undefined) return "";
    return this.text.slice(first, last).trim();
  }

  /** What a node was written as, markers included. */
  of(node: Nodes): string {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    return start === undefined || end === undefined ? "" : this.text.slice(start, end);
  }
}

/** Text as read: emphasis and links reduced to their words, `<br>` to a space, other HTML dropped. */
export function plainText(node: Nodes): string {
  return collapse(plain(node));
}

function plain(node: Nodes): string {
  switch (node.type) {
    case "text":
    case "inlineCode":
      return node.value;
    case "html":
      return /^<br\s*\/?>$/i.test(node.value.trim()) ? " " : "";
    case "break":
      return " ";
    case "image":
      return node.alt ?? "";
    default:
      return "children" in node ? node.children.map((child) => plain(child as Nodes)).join("") : "";
  }
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** A paragraph that is only bold (or italic) text, used as a caption: "**Operations**". Returns its words. */
export function captionOf(node: Nodes | undefined): string | undefined {
  if (node?.type !== "paragraph") return undefined;
  const parts = node.children.filter((child) => !(child.type === "text" && child.value.trim() === ""));
  const only = parts[0];
  if (parts.length !== 1 || !only || (only.type !== "strong" && only.type !== "emphasis")) return undefined;
  const caption = plainText(only).replace(/:$/, "").trim();
  return caption || undefined;
}
