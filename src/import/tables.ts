// A responsibility table → rows: one column of responsibilities, one per party (RACI letters or marks),
// optionally a notes column. Legends are read around; tables with nothing to assign are reported and left out.
import type { CellFile } from "../model/schema.ts";
import type { TableBlock } from "./blocks.ts";
import { isLegend, isNotesHeader, isSubjectHeader, partyName } from "./columns.ts";
import { quote, type ReadContext, type ReadRow, SECTION_SEPARATOR } from "./context.ts";
import { emojiLegendOf, readEmojiTable } from "./emoji-table.ts";
import { lineOf, plainText } from "./markdown.ts";
import { readOwnerGroupedTable } from "./owner-grouped.ts";
import { type CellReading, readRole } from "./roles.ts";
import { type BodyRow, bodyRows, headersOf } from "./table-rows.ts";

export type TableReading =
  | { kind: "responsibilities"; parties: string[]; rows: ReadRow[] }
  /** A legend, or a table with no party columns: it adds no rows (and has been reported if it mattered). */
  | { kind: "other"; line: number };

interface PartyColumn {
  index: number;
  party: string;
  readings: CellReading[];
}

export function readTable(block: TableBlock, context: ReadContext): TableReading {
  const table = block.node;
  const line = lineOf(table);
  context.line = line;
  const headers = headersOf(table);
  const firstCells = table.children
    .slice(1)
    .map((row) => (row.children[0] ? plainText(row.children[0]) : ""));
  if (isLegend(headers, firstCells)) return { kind: "other", line };

  const grouped = readOwnerGroupedTable(block, context);
  if (grouped) return grouped;

  const legend = emojiLegendOf(block);
  if (legend) {
    const reading = readEmojiTable(block, legend, context);
    if (reading) return reading;
  }

  if (headers.length < 2) {
    context.warnings.add(
      line,
      `table ${quote(headers[0] ?? "")} has a single column, so no party columns: not read as responsibilities`,
    );
    return { kind: "other", line };
  }

  const subjectAt = Math.max(0, headers.findIndex(isSubjectHeader));
  const subjectHeader = headers[subjectAt] ?? "";
  const rows = bodyRows(table, subjectAt, subjectHeader, context);
  const columns = classifyColumns(headers, subjectAt, rows, line, context);
  const parties = columns.parties.map((column) => column.party);

  if (table.children.length === 1) {
    context.warnings.add(
      line,
      `table has a header and no rows (${headers.map((h) => quote(h, 30)).join(" | ")})`,
    );
    return isSubjectHeader(subjectHeader) && parties.length > 0
      ? { kind: "responsibilities", parties, rows: [] }
      : { kind: "other", line };
  }
  const assigns = columns.parties.some((column) =>
    column.readings.some((reading) => reading.kind === "role"),
  );
  if (!assigns) {
    context.warnings.add(
      line,
      parties.length === 0
        ? "table has no party columns: not read as responsibilities"
        : `no RACI letters or marks under ${parties.map((party) => quote(party, 30)).join(", ")}: not read as responsibilities`,
    );
    return { kind: "other", line };
  }

  const section = block.section.join(SECTION_SEPARATOR);
  return {
    kind: "responsibilities",
    parties,
    rows: rows.map((row, index) => toRow(row, index, section, columns, headers.length, context)),
  };
}

interface Columns {
  parties: PartyColumn[];
  notes?: number;
}

function classifyColumns(
  headers: readonly string[],
  subjectAt: number,
  rows: readonly BodyRow[],
  line: number,
  context: ReadContext,
): Columns {
  let notes: number | undefined = headers.findIndex(
    (header, index) => index !== subjectAt && isNotesHeader(header),
  );
  if (notes < 0) notes = undefined;

  const parties: PartyColumn[] = [];
  const unnamed: number[] = [];
  headers.forEach((header, index) => {
    if (index === subjectAt || index === notes) return;
    const readings = rows.map((row) => readRole(row.cells[index] ?? ""));
    if (header === "") {
      if (readings.some((reading) => reading.kind !== "empty")) unnamed.push(index);
      return;
    }
    const party = partyName(header);
    if (parties.some((column) => column.party === party)) {
      context.warnings.add(line, `two columns are headed ${quote(party)}: only the first is read`);
      return;
    }
    parties.push({ index, party, readings });
  });

  // A named column of prose beside real party columns is a notes column by another name (a stray
  // letter such as RASCI's "S" is not prose: it stays a party's cell, reported as unreadable).
  const assigning = parties.filter((column) => column.readings.some((reading) => reading.kind === "role"));
  const prose = (reading: CellReading) =>
    reading.kind === "unreadable" && /\S\s+\S|\S{6,}/.test(reading.original);
  if (notes === undefined && assigning.length > 0) {
    const textColumn = parties.find(
      (column) => column.readings.some(prose) && column.readings.every((reading) => reading.kind !== "role"),
    );
    if (textColumn) {
      notes = textColumn.index;
      parties.splice(parties.indexOf(textColumn), 1);
      context.warnings.add(
        line,
        `column ${quote(textColumn.party)} holds text, not RACI letters or marks: read as notes`,
      );
    }
  }
  for (const index of unnamed) {
    if (notes === undefined) notes = index;
    else context.warnings.add(line, `column ${index + 1} has no header and is not read`);
  }
  return { parties, notes };
}

function toRow(
  row: BodyRow,
  index: number,
  section: string,
  columns: Columns,
  width: number,
  context: ReadContext,
): ReadRow {
  context.line = row.line;
  const assignments: Record<string, CellFile> = {};
  for (const column of columns.parties) {
    const reading = column.readings[index] ?? { kind: "empty" };
    if (reading.kind === "role") {
      assignments[column.party] = reading.original
        ? { role: reading.role, original: reading.original }
        : reading.role;
    } else if (reading.kind === "unreadable") {
      assignments[column.party] = { role: "", original: reading.original };
      context.warnings.add(
        row.line,
        `${quote(reading.original, 30)} under ${quote(column.party)} is not a RACI letter or a mark: kept as written, with no role`,
      );
    }
  }
  if (
    columns.parties.length > 0 &&
    columns.parties.every((column) => row.cells[column.index] === undefined)
  ) {
    context.warnings.add(row.line, `row ${quote(row.subject)} has no cells for the parties`);
  }
  const extra = row.cells.slice(width).filter(Boolean);
  if (extra.length > 0) {
    context.warnings.add(
      row.line,
      `row has more cells than the header; not read: ${extra.map((cell) => quote(cell, 30)).join(", ")}`,
    );
  }
  return {
    line: row.line,
    section,
    responsibility: row.subject,
    assignments,
    notes: columns.notes === undefined ? "" : (row.cells[columns.notes] ?? ""),
  };
}
