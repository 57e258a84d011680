// Warnings about a model that loads but may mislead: nobody owns a row, marks and notes disagree, …
import type { Model } from "./types.ts";

export interface LintWarning {
  file: string;
  line?: number;
  message: string;
}

function wordsOf(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** Share of words two texts have in common (Jaccard). */
function similarity(a: string, b: string): number {
  const left = wordsOf(a);
  const right = wordsOf(b);
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  const union = left.size + right.size - shared;
  return union === 0 ? 1 : shared / union;
}

const NEAR_DUPLICATE = 0.8;

export function lintModel(model: Model): LintWarning[] {
  const file = model.file ?? model.id;
  const warnings: LintWarning[] = [];
  const warn = (line: number | undefined, message: string) => warnings.push({ file, line, message });

  model.rows.forEach((row, index) => {
    const where = `rows[${index}] "${row.responsibility}"`;
    if (row.owners.length === 0)
      warn(row.line, `${where}: no owner — no party is marked and the notes name none`);
    if (row.notesOwners) {
      warn(
        row.line,
        `${where}: marks say ${row.owners.join(", ")} but the notes say ${row.notesOwners.join(", ")} (answers show both)`,
      );
    }
    for (const contact of row.contacts) {
      if (contact.type === "slack-channel" && !contact.workspace) {
        warn(row.line, `${where}: channel ${contact.value} is named without its workspace`);
      }
    }
    for (let other = index + 1; other < model.rows.length; other++) {
      const twin = model.rows[other];
      if (twin && similarity(row.responsibility, twin.responsibility) >= NEAR_DUPLICATE) {
        warn(twin.line, `rows[${other}] "${twin.responsibility}" nearly duplicates ${where}`);
      }
    }
  });
  return warnings;
}
