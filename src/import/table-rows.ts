// The body rows of a table worth reading, each with its line and cells as written.
import type { Table, TableCell } from "mdast";
import { quote, type ReadContext, unescapePipes } from "./context.ts";
import { lineOf, plainText } from "./markdown.ts";

export interface BodyRow {
  line: number;
  /** Each cell's source text, padding trimmed, `\|` read as `|`. Missing cells are absent. */
  cells: string[];
  /** The responsibility: the subject column's text as written. */
  subject: string;
}

export function headersOf(table: Table): string[] {
  return (table.children[0]?.children ?? []).map((cell) => plainText(cell));
}

export function cellText(cell: TableCell | undefined, context: ReadContext): string {
  return cell ? unescapePipes(context.source.inner(cell)) : "";
}

/**
 * Body rows that are rows: GFM lets a line of text with no pipe run on as a last row when no blank line
 * separates it from the table; such a line, and a row with nothing in the responsibility column, is
 * reported and left out.
 */
export function bodyRows(
  table: Table,
  subject: number,
  subjectHeader: string,
  context: ReadContext,
): BodyRow[] {
  const rows: BodyRow[] = [];
  for (const row of table.children.slice(1)) {
    const line = lineOf(row);
    context.line = line;
    const written = context.source.of(row);
    const cells = row.children.map((cell) => cellText(cell, context));
    if (!written.includes("|")) {
      context.warnings.add(
        line,
        `${quote(written.trim())} runs on from the table above without a pipe, so it is not read as a row (a blank line before it would make it text)`,
      );
      continue;
    }
    const text = cells[subject] ?? "";
    if (text === "") {
      const rest = cells.filter(Boolean);
      if (rest.length > 0) {
        context.warnings.add(
          line,
          `row has nothing in its ${quote(subjectHeader || `column ${subject + 1}`)} column, so it is not read (its cells: ${rest.map((cell) => quote(cell, 30)).join(", ")})`,
        );
      }
      continue;
    }
    rows.push({ line, cells, subject: text });
  }
  return rows;
}
