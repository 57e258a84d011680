// A list split at one item by a sentence of the document ("our responsibility generally begins around
// number 7"), its caveat, and who the two sides are.
import type { Nodes, Paragraph } from "mdast";
import { escapeRegExp } from "../model/regexp.ts";
import { collapse, lineOf, plainText } from "./markdown.ts";

export interface BoundarySentence {
  line: number;
  item: number;
  /** The sentence as read: the document's words, markup (links) reduced to their text. */
  text: string;
  caveat?: string;
  /** Whose side starts at the item: "our" (the author's), or a party the sentence names ("the Customer's"). */
  from: { ours: true } | { ours: false; name: string };
}

const BOUNDARY =
  /\b(?:begins?|starts?|commences?|takes? over|picks? up|kicks? in)\b.*?\b(?:number|item|step|point|no\.|#)\s*(\d+)\b|\bfrom\s+(?:number|item|step|point|#)\s*(\d+)\b/i;
const CAVEAT =
  /^(?:however|but|although|though|note|that said|in some cases|depending|except|exceptionally)\b/i;
const OURS = /\b(?:our|we|us)\b/i;
const NAMED_SIDE = /\b([\p{L}\p{N}][\p{L}\p{N}-]*)['’]s\s+(?:responsibilit(?:y|ies)|part|role|side|work)\b/iu;

export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?]["'”’)]?)\s+(?=\S)/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

export function findBoundary(paragraphs: readonly Paragraph[]): BoundarySentence | undefined {
  for (const paragraph of paragraphs) {
    const all = sentences(plainText(paragraph));
    for (const [index, sentence] of all.entries()) {
      const match = BOUNDARY.exec(sentence);
      if (!match) continue;
      const item = Number(match[1] ?? match[2]);
      if (!Number.isInteger(item) || item < 1) continue;
      const next = all[index + 1];
      const named = NAMED_SIDE.exec(sentence)?.[1];
      return {
        line: lineOfPhrase(paragraph, String(item)),
        item,
        text: sentence,
        ...(next && CAVEAT.test(next) ? { caveat: next } : {}),
        from: OURS.test(sentence) || !named ? { ours: true } : { ours: false, name: named },
      };
    }
  }
  return undefined;
}

/** The line of the first text in a paragraph that holds `phrase` (the sentence's item number). */
function lineOfPhrase(paragraph: Paragraph, phrase: string): number {
  let found: number | undefined;
  const visit = (node: Nodes) => {
    if (found !== undefined) return;
    if (node.type === "text" && node.value.includes(phrase)) {
      const before = node.value.slice(0, node.value.indexOf(phrase));
      found = lineOf(node) + (before.match(/\n/g)?.length ?? 0);
    } else if ("children" in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(paragraph);
  return found ?? lineOf(paragraph);
}

// Who the two sides are, from the document's own words.

const NOT_NAMES = new Set([
  "it",
  "that",
  "let",
  "one",
  "everyone",
  "someone",
  "who",
  "there",
  "here",
  "what",
  "today",
]);
const POSSESSIVE = /\b([\p{L}\p{N}][\p{L}\p{N}-]*)['’]s\b/gu;
/** The usual other side of a service: the people it serves. */
const SERVED = /\b(communit(?:y|ies)|customers?|clients?|users?|tenants?|consumers?)\b/gi;

/**
 * The two sides of a list: `from` starts at the boundary, `before` holds the items above it. "Our
 * responsibility begins…" puts the author (whose model the sentence cites: "2i2c's service model") from
 * the boundary and the people it serves before it; "the customer's responsibility starts…" puts the
 * customer from it and the page's author before it. Without a boundary: the served side, then the author.
 */
export function sidesOf(
  boundary: BoundarySentence | undefined,
  wholeText: string,
): { before?: string; from?: string } {
  if (boundary && !boundary.from.ours) {
    const from = asPartyName(boundary.from.name);
    return { from, before: authorOf("", wholeText, from) ?? servedOf(wholeText, from) };
  }
  const author = authorOf(boundary?.text ?? "", wholeText);
  return { from: author, before: counterpartOf(author, wholeText) };
}

/** The author: the name the sentence puts in the possessive, else the page's commonest possessive name. */
function authorOf(sentence: string, wholeText: string, not?: string): string | undefined {
  const other = (name: string) => name.toLowerCase() !== not?.toLowerCase();
  const named = possessives(sentence).find(other);
  if (named) return named;
  const counts = new Map<string, number>();
  for (const name of possessives(wholeText).filter((name) => /^[\p{Lu}\p{N}]/u.test(name) && other(name))) {
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function possessives(text: string): string[] {
  return [...text.matchAll(POSSESSIVE)]
    .map((match) => match[1] ?? "")
    .filter((name) => name && !NOT_NAMES.has(name.toLowerCase()));
}

/** The side named beside the author ("a collaboration between 2i2c and the communities"), else the served group. */
function counterpartOf(author: string | undefined, wholeText: string): string | undefined {
  if (author) {
    const escaped = escapeRegExp(author);
    const pair = new RegExp(
      `\\bbetween\\s+(?:the\\s+)?(?:${escaped}(?:\\s+team)?\\s+and\\s+(?:the\\s+|its\\s+|their\\s+)?([\\p{L}][\\p{L}-]*)|([\\p{L}][\\p{L}-]*)\\s+and\\s+(?:the\\s+)?${escaped}\\b)`,
      "iu",
    ).exec(wholeText);
    const other = pair?.[1] ?? pair?.[2];
    if (other && !/^(?:the|a|an|its|their)$/i.test(other)) return asPartyName(other);
  }
  return servedOf(wholeText, author);
}

/** The group a service is for that the page mentions most, as a party name: "Community", "Customer". */
function servedOf(wholeText: string, not?: string): string | undefined {
  const counts = new Map<string, number>();
  for (const match of wholeText.matchAll(SERVED)) {
    const name = asPartyName(match[1] ?? "");
    if (name.toLowerCase() !== not?.toLowerCase()) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Singular, capitalised: "communities" → "Community"; a name already capitalised ("2i2c", "Acme") is kept. */
function asPartyName(word: string): string {
  if (/^[\p{Lu}\p{N}]/u.test(word) && !/s$/.test(word)) return word;
  const singular = word.replace(/ies$/i, "y").replace(/(?<!s)s$/i, "");
  return collapse(singular.charAt(0).toUpperCase() + singular.slice(1).toLowerCase());
}
