// The gaps report: what people ask that the models cannot answer, which answers they mark as wrong, which
// rows are asked about most (and never), and words that would have found a row as a synonym.
// Reads the store; asks the engine only to find suggestions. Knows nothing of Slack or the terminal.
import type { Engine } from "../answer/engine.ts";
import { terms, words } from "../search/text.ts";
import type { GapsQuery, Store } from "../store/store.ts";

export interface GapsReport {
  since: string;
  questions: number;
  unanswered: { question: string; count: number; model: string | null }[];
  downvoted: { model: string; rowId: string; count: number; comments: string[] }[];
  rows: { model: string; rowId: string; asked: number }[];
  suggestions: { word: string; rows: string[] }[];
}

/** Questions whose terms overlap this much (Jaccard) are one group. */
const SAME_QUESTION = 0.75;
/** Unanswered groups tried for synonym suggestions, most asked first. */
const SUGGESTION_GROUPS = 300;
/** Comments shown per row. */
const COMMENTS_PER_ROW = 10;

interface Group {
  model: string | null;
  terms: Set<string>;
  count: number;
  /** The most asked wording, shown as the example. */
  example: string;
  exampleCount: number;
}

/**
 * Unanswered questions grouped by model and by similarity: the same words in any order, case, plural or
 * punctuation are one question; then near-identical word sets (Jaccard ≥ 0.75) are merged into the most
 * asked group. Candidates are found through the words they share, leaving out words in most questions.
 */
export function groupQuestions(
  texts: readonly { question: string; model: string | null; count: number }[],
): { question: string; count: number; model: string | null }[] {
  const exact = new Map<string, Group>();
  for (const { question, model, count } of texts) {
    const set = new Set(terms(question));
    const key = `${model ?? ""}\u0000${[...set].sort().join(" ")}`;
    const group = exact.get(key);
    if (!group) {
      exact.set(key, { model, terms: set, count, example: question, exampleCount: count });
      continue;
    }
    group.count += count;
    if (count > group.exampleCount) {
      group.example = question;
      group.exampleCount = count;
    }
  }
  const ordered = [...exact.values()].sort((a, b) => b.count - a.count);
  const frequency = new Map<string, number>();
  for (const group of ordered)
    for (const term of group.terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  const common = Math.max(20, ordered.length * 0.05);
  const merged: Group[] = [];
  const byTerm = new Map<string, number[]>();
  for (const group of ordered) {
    const shared = new Map<number, number>();
    for (const term of group.terms) {
      if ((frequency.get(term) ?? 0) > common) continue;
      for (const index of byTerm.get(term) ?? []) shared.set(index, (shared.get(index) ?? 0) + 1);
    }
    let best = -1;
    let bestScore = 0;
    for (const index of shared.keys()) {
      const target = merged[index] as Group;
      if (target.model !== group.model) continue;
      let both = 0;
      for (const term of group.terms) if (target.terms.has(term)) both += 1;
      const score = both / (group.terms.size + target.terms.size - both);
      if (score >= SAME_QUESTION && score > bestScore) {
        best = index;
        bestScore = score;
      }
    }
    if (best >= 0) {
      (merged[best] as Group).count += group.count;
      continue;
    }
    const index = merged.length;
    merged.push({ ...group });
    for (const term of group.terms) {
      if ((frequency.get(term) ?? 0) > common) continue;
      const list = byTerm.get(term);
      if (list) list.push(index);
      else byTerm.set(term, [index]);
    }
  }
  return merged
    .sort((a, b) => b.count - a.count || a.example.localeCompare(b.example))
    .map((group) => ({ question: group.example, count: group.count, model: group.model }));
}

/**
 * Words of unanswered questions that the models do not know, where the question without the word finds a
 * row: adding the word as a synonym of that row's wording would likely have answered it.
 */
export function suggestSynonyms(
  engine: Engine,
  unanswered: readonly { question: string; model: string | null }[],
): { word: string; rows: string[] }[] {
  const known = new Map<string, boolean>();
  const isKnown = (word: string) => {
    let value = known.get(word);
    if (value === undefined) {
      value = engine.ask(word).matches.length > 0;
      known.set(word, value);
    }
    return value;
  };
  const found = new Map<string, Set<string>>();
  for (const { question, model } of unanswered.slice(0, SUGGESTION_GROUPS)) {
    const all = words(question);
    const options = model && engine.findModel(model) ? { model } : {};
    for (const word of new Set(all)) {
      if (word.length < 3 || /^\d+$/.test(word) || isKnown(word)) continue;
      const without = all.filter((other) => other !== word).join(" ");
      if (!without) continue;
      const answer = engine.ask(without, options);
      const top = answer.matches[0];
      if (!answer.answered || answer.kind !== "responsibility" || !top) continue;
      const rows = found.get(word) ?? new Set<string>();
      rows.add(top.rowId);
      found.set(word, rows);
    }
  }
  return [...found.entries()]
    .map(([word, rows]) => ({ word, rows: [...rows].sort() }))
    .sort((a, b) => b.rows.length - a.rows.length || a.word.localeCompare(b.word));
}

/** The whole report for questions recorded since `query.since` (and in `query.model`, if given). */
export async function gapsReport(store: Store, engine: Engine, query: GapsQuery): Promise<GapsReport> {
  const [questions, texts, downvoted, asked] = await Promise.all([
    store.countQuestions(query),
    store.unanswered(query),
    store.downvoted(query),
    store.rowsAsked(query),
  ]);
  const unanswered = groupQuestions(texts);
  const counts = new Map(asked.map((row) => [`${row.model}\u0000${row.rowId}`, row.asked]));
  const rows = [...asked];
  for (const model of engine.catalogue.models) {
    if (query.model && model.id !== query.model) continue;
    for (const row of model.rows) {
      if (!counts.has(`${model.id}\u0000${row.id}`)) rows.push({ model: model.id, rowId: row.id, asked: 0 });
    }
  }
  rows.sort((a, b) => b.asked - a.asked || a.model.localeCompare(b.model) || a.rowId.localeCompare(b.rowId));
  return {
    since: new Date(query.since).toISOString(),
    questions,
    unanswered,
    downvoted: downvoted
      .map((row) => ({ ...row, comments: row.comments.slice(0, COMMENTS_PER_ROW) }))
      .sort((a, b) => b.count - a.count || a.model.localeCompare(b.model) || a.rowId.localeCompare(b.rowId)),
    rows,
    suggestions: suggestSynonyms(engine, unanswered),
  };
}

const UNITS: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `--since`: "30d", "12h", "2w", or a date ("2026-11-01"); the time it means, or undefined if neither. */
export function parseSince(text: string, now: number = Date.now()): number | undefined {
  const relative = /^(\d{1,5})([hdw])$/.exec(text.trim());
  if (relative) return now - Number(relative[1]) * (UNITS[relative[2] as string] as number);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text.trim())) return undefined;
  const date = Date.parse(text.trim());
  return Number.isNaN(date) ? undefined : date;
}
