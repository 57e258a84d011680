// data/changes/<model>.md, as `who-owns sync --write` writes it: one `## YYYY-MM-DD` entry per sync,
// newest first, a line saying where it was read from, and one `- kind: what` line per change. Read so
// answers and Slack can say how fresh a model is and what changed last.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface ChangeEntry {
  /** ISO date of the sync. */
  date: string;
  /** "From <location>: N changes." as written. */
  summary: string;
  /** Each change: its kind ("row-added", "contacts-changed"…) and what it says. */
  changes: { kind: string; text: string }[];
}

const ENTRY = /^## (\d{4}-\d{2}-\d{2})\s*$/;
const CHANGE = /^- ([a-z-]+): (.*)$/;

/** Entries newest first; none when the model has no change file (it was never synced). */
export function readChanges(dataDir: string, modelId: string): ChangeEntry[] {
  let text: string;
  try {
    text = readFileSync(join(dataDir, "changes", `${modelId}.md`), "utf8");
  } catch {
    return [];
  }
  return parseChanges(text);
}

export function parseChanges(text: string): ChangeEntry[] {
  const entries: ChangeEntry[] = [];
  let entry: ChangeEntry | undefined;
  for (const line of text.split(/\r?\n/)) {
    const date = ENTRY.exec(line)?.[1];
    if (date) {
      entry = { date, summary: "", changes: [] };
      entries.push(entry);
      continue;
    }
    if (!entry) continue;
    const change = CHANGE.exec(line);
    if (change?.[1] && change[2] !== undefined) entry.changes.push({ kind: change[1], text: change[2] });
    else if (line.trim() && !entry.summary) entry.summary = line.trim();
  }
  return entries.sort((a, b) => b.date.localeCompare(a.date));
}
