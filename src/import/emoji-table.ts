// Tables whose marks are emoji shortcodes explained by a legend above them:
//
//   :cloud: Microsoft :frowning_person: Customer
//   |Responsibility|SaaS|PaaS|IaaS|On-Premises||
//   |Operating system|:cloud:|:cloud:|:frowning_person:|:frowning_person:||
//
// Here the columns are service models, not parties: the parties are the legend's. Each service-model
// column becomes a section of its own ("… / SaaS"), so a row reads "in SaaS, Microsoft does the operating
// system", and a cell holding two shortcodes marks both parties. A header-less text column is the notes.
import type { CellFile } from "../model/schema.ts";
import type { TableBlock } from "./blocks.ts";
import { isNotesHeader, isSubjectHeader } from "./columns.ts";
import { inPartyOrder, quote, type ReadContext, type ReadRow, SECTION_SEPARATOR } from "./context.ts";
import { lineOf, plainText } from "./markdown.ts";
import { bodyRows, headersOf } from "./table-rows.ts";
import type { TableReading } from "./tables.ts";

const SHORTCODE = /:[a-z0-9_+-]+:/gi;
const RACI_WORD = /^(?:responsible|accountable|consulted|informed|[raci])$/i;
const LEGEND_ENTRY = /(:[a-z0-9_+-]+:)\s*([^:]+?)\s*[,;]?\s*(?=:[a-z0-9_+-]+:|$)/gi;

/** Shortcode → party, from the nearest paragraph above the table that pairs shortcodes with names. */
export function emojiLegendOf(block: TableBlock): Map<string, string> | undefined {
  for (const node of block.preceding) {
    if (node.type !== "paragraph") continue;
    const legend = new Map<string, string>();
    for (const match of plainText(node).matchAll(LEGEND_ENTRY)) {
      const [, code, name] = match;
      if (code && name && name.length <= 40) legend.set(code.toLowerCase(), name);
    }
    if (legend.size > 0) return legend;
  }
  return undefined;
}

export function readEmojiTable(
  block: TableBlock,
  legend: Map<string, string>,
  context: ReadContext,
): TableReading | undefined {
  const table = block.node;
  const headers = headersOf(table);
  const usesLegend = table.children
    .slice(1)
    .some((row) =>
      row.children.some((cell) => codesIn(context.source.inner(cell)).some((code) => legend.has(code))),
    );
  if (!usesLegend) return undefined;
  // A legend of letters (":white_check_mark: Responsible") or one naming the columns' own headers
  // describes marks in party columns: that is an ordinary table, read as one.
  const names = [...legend.values()].map((name) => name.toLowerCase());
  if (names.some((name) => RACI_WORD.test(name) || headers.some((header) => header.toLowerCase() === name))) {
    return undefined;
  }
  const subjectAt = Math.max(0, headers.findIndex(isSubjectHeader));
  const rows = bodyRows(table, subjectAt, headers[subjectAt] ?? "", context);

  let notesAt = headers.findIndex((header, index) => index !== subjectAt && isNotesHeader(header));
  const models: number[] = [];
  headers.forEach((header, index) => {
    if (index === subjectAt || index === notesAt) return;
    if (header !== "") models.push(index);
    else if (notesAt < 0) notesAt = index;
    else context.warnings.add(lineOf(table), `column ${index + 1} has no header and is not read`);
  });

  const parties = [...new Set(legend.values())];
  const base = block.section;
  const read: ReadRow[] = [];
  for (const column of models) {
    const section = [...base, headers[column] ?? ""].join(SECTION_SEPARATOR);
    for (const row of rows) {
      context.line = row.line;
      const cell = row.cells[column] ?? "";
      const assignments: Record<string, CellFile> = {};
      for (const code of codesIn(cell)) {
        const party = legend.get(code);
        if (party) assignments[party] = { role: "✅", original: code };
      }
      const unknown = cell.replace(SHORTCODE, (code) => (legend.has(code.toLowerCase()) ? "" : code)).trim();
      if (unknown) {
        context.warnings.add(
          row.line,
          `${quote(unknown, 30)} under ${quote(headers[column] ?? "")} is not in the legend (${[...legend.keys()].join(" ")}): not read`,
        );
      }
      read.push({
        line: row.line,
        section,
        responsibility: row.subject,
        assignments: inPartyOrder(assignments, parties),
        notes: notesAt < 0 ? "" : (row.cells[notesAt] ?? ""),
      });
    }
  }
  return { kind: "responsibilities", parties, rows: read };
}

function codesIn(cell: string): string[] {
  return (cell.match(SHORTCODE) ?? []).map((code) => code.toLowerCase());
}
