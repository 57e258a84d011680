// "Item 7", "#7", "section 2.2", "3.1.7": a row named by its place in the document rather than its words.
// A number counts as a reference only when written as one — a bare "7" or "python 3.11" is not — so
// numbers in ordinary questions never pull a question towards a heading.
import type { Catalogue, Model, Row } from "../model/types.ts";

export type Reference = { kind: "item"; item: number } | { kind: "section"; number: string };

/** "item 7", "point 7", "no. 7" — not "number 3" or "#12", which are as often an issue or a count. */
const ITEM = /(?:\bitem|\bpoint|\bno\.)\s*#?\s*(\d{1,3})(?!\d|\.\d)/gi;
const PREFIXED_SECTION = /(?:\bsection|§)\s*(\d{1,2}(?:\.\d{1,2})*)(?![\d]|\.\d)/gi;
/**
 * Exactly two dots ("3.1.7") reads as a section number; one dot ("3.11") could be a version, three an IP
 * address, and a letter before it ("v1.2.3") makes it a version.
 */
const DOTTED_SECTION = /(?<![\w.])(\d{1,2}\.\d{1,2}\.\d{1,2})(?![\w]|\.\d)/g;

/** Whether a text holds an ASCII digit, which every reference has: most questions have none. */
function hasDigit(text: string): boolean {
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code >= 48 && code <= 57) return true;
  }
  return false;
}

export function referencesIn(question: string): Reference[] {
  const found: Reference[] = [];
  // Three patterns run on a cold cache cost more than the rest of reading the question.
  if (!hasDigit(question)) return found;
  for (const [, item] of question.matchAll(ITEM)) found.push({ kind: "item", item: Number(item) });
  const sections = new Set<string>();
  for (const pattern of [PREFIXED_SECTION, DOTTED_SECTION])
    for (const [, number] of question.matchAll(pattern)) if (number) sections.add(number);
  for (const number of sections) found.push({ kind: "section", number });
  return found;
}

/** The heading of a section path starts with the number: "3.1.7. Business continuity" is 3.1.7, not 3.1. */
function inSection(row: Row, number: string): boolean {
  return row.sectionPath.some((heading) => {
    const lead = /^(\d+(?:\.\d+)*)\.?(?:\s|$)/.exec(heading.trim());
    return lead !== null && lead[1] === number;
  });
}

function refersTo(row: Row, reference: Reference): boolean {
  return reference.kind === "item" ? row.item === reference.item : inSection(row, reference.number);
}

/** Rows the references name, in document order, within the given models (all of them when none are given). */
export function referencedRows(
  catalogue: Catalogue,
  references: readonly Reference[],
  modelIds: readonly string[],
): { model: Model; row: Row }[] {
  if (references.length === 0) return [];
  const models =
    modelIds.length > 0 ? catalogue.models.filter((model) => modelIds.includes(model.id)) : catalogue.models;
  return models.flatMap((model) =>
    model.rows
      .filter((row) => references.some((reference) => refersTo(row, reference)))
      .map((row) => ({ model, row })),
  );
}
