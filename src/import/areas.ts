// A page organised by areas (2i2c's current SRM): `## Area`, a `### Responsibilities` numbered list, MyST
// role boxes ("Usually filled by 2i2c team members") and a `### Responsibility breakdown` paragraph that
// says in prose who owns the area ("Usually, 2i2c assumes responsibility for all of the above"). Each
// item becomes a row of its area, owned as the sentence says (from the text, the sentence kept as the
// caveat); the role boxes become the rows' notes.
import type { Code, Nodes, Paragraph, Root } from "mdast";
import { escapeRegExp } from "../model/regexp.ts";
import type { ModelFile } from "../model/schema.ts";
import { sentences, sidesOf } from "./boundary.ts";
import { quote, type ReadContext, type ReadRow } from "./context.ts";
import { readList } from "./lists.ts";
import { lineOf, plainText } from "./markdown.ts";
import type { Outline } from "./outline.ts";

const RESPONSIBILITIES = /^(?:key\s+)?responsibilit(?:y|ies)$/i;
const BREAKDOWN = /^responsibility\s+(?:breakdown|split|sharing)$/i;
/** Where a sentence stops saying who and starts qualifying it. */
const QUALIFIER = /[,;]\s*(?:though|although|but|however|while|whereas|except)\b/i;
const FILLED_BY = /\bfilled by\b/i;
const SHARED = /\b(?:shared|jointly|together|both)\b/i;

interface AreaParts {
  name: string;
  line: number;
  lists: { node: import("mdast").List; section: string[] }[];
  roles: string[];
  breakdown: Paragraph[];
}

export interface AreasRead {
  parties: string[];
  rows: ReadRow[];
  areas: NonNullable<ModelFile["areas"]>;
  boundary?: undefined;
}

/** The page read by areas, when it is written that way (at least one area with a list and a breakdown). */
export function readAreas(
  root: Root,
  outline: Outline,
  context: ReadContext,
  given?: string[],
): AreasRead | undefined {
  const areas = areasOf(root, outline, context);
  const complete = areas.filter((area) => area.lists.length > 0 && area.breakdown.length > 0);
  if (complete.length === 0) return undefined;

  const wholeText = root.children
    .filter((node): node is Paragraph => node.type === "paragraph")
    .map((paragraph) => plainText(paragraph))
    .join("\n");
  const sides = sidesOf(undefined, wholeText);
  const author =
    sides.from ??
    namedIn(
      complete.flatMap((area) => area.breakdown),
      wholeText,
      sides.before,
    );
  const parties = given ?? [sides.before, author].filter((party): party is string => Boolean(party));

  const rows: ReadRow[] = [];
  const owned: AreasRead["areas"] = [];
  for (const area of areas.filter((candidate) => candidate.lists.length > 0)) {
    const notes = area.roles.join("<br><br>");
    for (const list of area.lists) {
      for (const row of readList({ node: list.node, section: [area.name] }, context)) {
        rows.push({ ...row, notes: [row.notes, notes].filter(Boolean).join("<br><br>") });
      }
    }
    const said = ownerSentence(area.breakdown, parties);
    if (said) owned.push({ section: area.name, ...said });
    else {
      const line = area.breakdown[0] ? lineOf(area.breakdown[0]) : area.line;
      context.warnings.add(
        line,
        `area ${quote(area.name)}: ${area.breakdown.length === 0 ? "no responsibility breakdown" : `the breakdown names none of ${parties.join(", ")}`}, so its rows have no owner`,
      );
    }
  }
  return { parties, rows, areas: owned };
}

function areasOf(root: Root, outline: Outline, context: ReadContext): AreaParts[] {
  const areas: AreaParts[] = [];
  let area: AreaParts | undefined;
  let path: string[] = [];
  for (const node of root.children as Nodes[]) {
    if (node.type === "heading") {
      path = outline.paths.get(node) ?? path;
      const name = path[0];
      if (name && path.length === 1) {
        area = { name, line: lineOf(node), lists: [], roles: [], breakdown: [] };
        areas.push(area);
      }
      continue;
    }
    if (!area) continue;
    const sub = path[1] ?? "";
    if (node.type === "list" && node.ordered && RESPONSIBILITIES.test(sub))
      area.lists.push({ node, section: path });
    else if (node.type === "paragraph" && BREAKDOWN.test(sub) && !isFootnote(node, context))
      area.breakdown.push(node);
    else if (node.type === "code") {
      const role = roleBox(node);
      if (role) area.roles.push(role);
    } else if (
      node.type === "paragraph" &&
      ((node.children[0]?.type === "strong" && /\broles?\b/i.test(plainText(node))) ||
        FILLED_BY.test(plainText(node)))
    ) {
      // "**There are no formal roles for this area**. …", or a role box rendered as HTML: kept as written.
      area.roles.push(
        context.source
          .of(node)
          .replace(/\s*\n\s*/g, " ")
          .trim(),
      );
    }
  }
  return areas;
}

/**
 * `[^note]: …` (footnotes are not parsed as such here): the page's notes, not the area's. A page read from
 * HTML writes the bracket escaped.
 */
function isFootnote(node: Paragraph, context: ReadContext): boolean {
  return /^\\?\[\^[^\]]+\]:/.test(context.source.of(node));
}

/**
 * The name the breakdowns use for the service's own side when the page never writes it in the possessive:
 * a name (capitalised or with a digit, "2i2c") inside a sentence, the one the page uses most.
 */
function namedIn(paragraphs: Paragraph[], wholeText: string, not?: string): string | undefined {
  const counts = new Map<string, number>();
  for (const sentence of paragraphs.flatMap((paragraph) => sentences(plainText(paragraph)))) {
    const words = sentence.match(/[\p{L}\p{N}][\p{L}\p{N}-]*/gu) ?? [];
    for (const word of words.slice(1)) {
      if (!/^[\p{Lu}\p{N}]|\p{N}/u.test(word) || word.toLowerCase() === not?.toLowerCase()) continue;
      const uses = wholeText.split(new RegExp(`\\b${escapeRegExp(word)}\\b`)).length - 1;
      counts.set(word, uses);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * A MyST role box (```{admonition} Role: …```): the paragraph that says who fills the role, as written.
 * Only that paragraph: the box's title does not survive every renderer (markdown-it drops it), and a page
 * must read the same as its HTML.
 */
function roleBox(node: Code): string | undefined {
  if (node.lang !== "{admonition}") return undefined;
  const paragraphs = node.value
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, " ").trim());
  const filled = paragraphs.filter((paragraph) => FILLED_BY.test(paragraph));
  return filled.length > 0 ? filled.join(" ") : undefined;
}

/** The breakdown's first sentence that names a party, read up to where it starts qualifying itself. */
function ownerSentence(
  paragraphs: Paragraph[],
  parties: string[],
): { owners: string[]; text: string; caveat?: string } | undefined {
  const all = paragraphs.flatMap((paragraph) => sentences(plainText(paragraph)));
  for (const [index, sentence] of all.entries()) {
    const clause = sentence.split(QUALIFIER)[0] ?? sentence;
    const named = parties.filter((party) => names(party).test(clause));
    if (named.length === 0) continue;
    const owners = named.length > 1 || !SHARED.test(clause) ? named : parties;
    const rest = all.filter((_, other) => other !== index).join(" ");
    return { owners, text: sentence, ...(rest ? { caveat: rest } : {}) };
  }
  return undefined;
}

/** A party as prose names it: "Community" → community, communities, community members. */
function names(party: string): RegExp {
  const stem = escapeRegExp(party.toLowerCase()).replace(/y$/, "(?:y|ies)");
  return new RegExp(`\\b${stem}s?\\b`, "i");
}
