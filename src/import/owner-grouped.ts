// Owner-grouped tables: the first column names the owning party once ("Codat Responsibility", "Azure
// Responsibility") and is left blank on the rows that follow; the responsibility is in the second column
// and what is done about it ("How is it done?") in the third. The party carries down to the next name.
import type { TableBlock } from "./blocks.ts";
import { type ReadContext, type ReadRow, SECTION_SEPARATOR } from "./context.ts";
import { lineOf, plainText } from "./markdown.ts";
import { cellText } from "./table-rows.ts";

/** "Codat Responsibility", "Customer responsibilities", "Responsibility of the Customer". */
const OWNER_CELL =
  /^(?:(.+?)(?:['’]s)?\s+responsibilit(?:y|ies)|responsibilit(?:y|ies)\s+of\s+(?:the\s+)?(.+))$/i;

export function ownerOf(cell: string): string | undefined {
  const match = OWNER_CELL.exec(cell.replace(/\*\*|__/g, "").trim());
  const name = (match?.[1] ?? match?.[2])?.replace(/^the\s+/i, "").trim();
  return name || undefined;
}

/**
 * The table read by owner groups, when its first column is only owner names and blanks (the first body
 * row naming one) and a second column holds the responsibilities.
 */
export function readOwnerGroupedTable(
  block: TableBlock,
  context: ReadContext,
): { kind: "responsibilities"; parties: string[]; rows: ReadRow[] } | undefined {
  const table = block.node;
  const body = table.children.slice(1);
  const width = table.children[0]?.children.length ?? 0;
  if (width < 2 || body.length === 0) return undefined;
  const firsts = body.map((row) => (row.children[0] ? plainText(row.children[0]) : ""));
  if (!firsts[0] || !ownerOf(firsts[0])) return undefined;
  if (!firsts.every((cell) => cell === "" || ownerOf(cell))) return undefined;

  const section = block.section.join(SECTION_SEPARATOR);
  const parties: string[] = [];
  const rows: ReadRow[] = [];
  let owner = "";
  let written = "";
  for (const row of body) {
    const line = lineOf(row);
    context.line = line;
    const cells = row.children.map((cell) => cellText(cell, context));
    const named = cells[0] ? ownerOf(plainText(row.children[0] ?? row)) : undefined;
    if (named) {
      owner = named;
      written = cells[0] ?? named;
      if (!parties.includes(owner)) parties.push(owner);
    }
    const responsibility = cells[1] ?? "";
    if (!responsibility) {
      if (cells.some(Boolean))
        context.warnings.add(line, "row has no responsibility in the second column, so it is not read");
      continue;
    }
    rows.push({
      line,
      section,
      responsibility,
      // The owner's cell as published, on every row of its group (the rows below leave it blank).
      assignments: { [owner]: { role: "✅", original: written } },
      notes: cells.slice(2, width).filter(Boolean).join("<br><br>"),
    });
  }
  return { kind: "responsibilities", parties, rows };
}
