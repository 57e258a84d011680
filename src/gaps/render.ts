// The gaps report for people (terminal) and spreadsheets (CSV). JSON is the report itself.
import type { GapsReport } from "./report.ts";

const SHOWN = 20;

export function renderGaps(report: GapsReport): string {
  const lines: string[] = [];
  lines.push(`Questions since ${report.since.slice(0, 10)}: ${report.questions}`);
  const section = <T>(title: string, items: readonly T[], line: (item: T) => string, empty: string) => {
    lines.push("", title);
    if (items.length === 0) lines.push(`  ${empty}`);
    for (const item of items.slice(0, SHOWN)) lines.push(`  ${line(item)}`);
    if (items.length > SHOWN) lines.push(`  … and ${items.length - SHOWN} more (--json or --csv for all)`);
  };
  section(
    "Unanswered (grouped; count, model, an example):",
    report.unanswered,
    (g) => `${String(g.count).padStart(5)}  ${g.model ?? "-"}  ${g.question}`,
    "none",
  );
  section(
    "Marked 👎 (count, model/row, comments):",
    report.downvoted,
    (d) =>
      `${String(d.count).padStart(5)}  ${d.model}/${d.rowId}${d.comments.length ? `  “${d.comments.join("”, “")}”` : ""}`,
    "none",
  );
  const asked = report.rows.filter((row) => row.asked > 0);
  const never = report.rows.filter((row) => row.asked === 0);
  section(
    "Rows asked about most:",
    asked,
    (r) => `${String(r.asked).padStart(5)}  ${r.model}/${r.rowId}`,
    "none yet",
  );
  lines.push("", `Rows never asked about: ${never.length}`);
  section(
    "Suggested synonyms (add to data/synonyms.yml beside a word of the row):",
    report.suggestions,
    (s) => `${s.word}  → ${s.rows.join(", ")}`,
    "none",
  );
  return lines.join("\n");
}

function cell(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One table: kind (unanswered, downvoted, row, suggestion), model, row, text, count. */
export function gapsCsv(report: GapsReport): string {
  const rows: (string | number | null)[][] = [["kind", "model", "row_id", "text", "count"]];
  for (const g of report.unanswered) rows.push(["unanswered", g.model, null, g.question, g.count]);
  for (const d of report.downvoted)
    rows.push(["downvoted", d.model, d.rowId, d.comments.join(" | "), d.count]);
  for (const r of report.rows) rows.push(["row", r.model, r.rowId, null, r.asked]);
  for (const s of report.suggestions)
    rows.push(["suggestion", null, s.rows.join(" "), s.word, s.rows.length]);
  return rows.map((row) => row.map(cell).join(",")).join("\n");
}
