// `who-owns lint` on data/phrasings.yml: phrasings that are never used (no such model, party or row), and
// phrasings that would lead questions to the wrong row (a slip in a word, a "not X" naming another row).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { LintWarning } from "../model/lint.ts";
import { displayPath } from "../model/load.ts";
import type { Model } from "../model/types.ts";
import type { Lexicon } from "../search/lexicon.ts";
import { stem, words } from "../search/text.ts";

export function lintPhrasings(dataDir: string, lexicon: Lexicon, models: readonly Model[]): LintWarning[] {
  const path = join(dataDir, "phrasings.yml");
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, "utf8").split("\n");
  const file = displayPath(path);
  const warnings: LintWarning[] = [];
  /** The line of `key:` at or after line index `from`, and of `text` after that when given (1-based). */
  const lineOf = (key: string, text?: string, from = 0): number | undefined => {
    const keyAt = lines.findIndex((line, at) => at >= from && line.trim().startsWith(`${key}:`));
    if (keyAt < 0) return undefined;
    if (text === undefined) return keyAt + 1;
    const at = lines.findIndex((line, i) => i > keyAt && line.includes(text));
    return at >= 0 ? at + 1 : undefined;
  };
  const warn = (line: number | undefined, message: string) =>
    warnings.push({ file, ...(line ? { line } : {}), message });

  const uses = usesOfWords(lexicon);
  for (const [modelId, asked] of lexicon.phrasings) {
    const model = models.find((candidate) => candidate.id === modelId);
    if (!model) {
      warn(lineOf(modelId), `no model has the id "${modelId}"`);
      continue;
    }
    const modelAt = (lineOf(modelId) ?? 1) - 1;
    if (asked.you && !model.parties.includes(asked.you))
      warn(lineOf("you", undefined, modelAt), `${modelId} has no party "${asked.you}"`);
    for (const party of Object.keys(asked.parties))
      if (!model.parties.includes(party))
        warn(lineOf(party, undefined, modelAt), `${modelId} has no party "${party}"`);
    const slips = misspelt(asked.rows, model, lexicon, uses);
    for (const [rowId, rowPhrasings] of Object.entries(asked.rows)) {
      const rowAt = (lineOf(rowId, undefined, modelAt) ?? 1) - 1;
      if (!model.rows.some((row) => row.id === rowId))
        warn(rowAt + 1, `${modelId} has no row with the id "${rowId}"`);
      for (const phrasing of rowPhrasings) {
        const line = () => lineOf(rowId, phrasing, rowAt);
        if (CONTRAST.test(phrasing))
          warn(
            line(),
            `"${phrasing}" says what ${rowId} is not: its words lead questions about that other thing here (drop it)`,
          );
        for (const { word, like } of slips.get(phrasing) ?? [])
          warn(
            line(),
            `"${word}" in "${phrasing}" looks like a slip for "${like}": the row would own the slip (questions' slips are corrected anyway)`,
          );
      }
    }
  }
  return warnings;
}

/** "Platform logs (not job logs)": the engine reads words, not negation, so the other thing's words count too. */
const CONTRAST =
  /\(not\b|,\s*not (?:the|our|my|your|their)\b|\bnot just\b|\brather than\b|\binstead of\b|\bas opposed to\b/i;

/**
 * Words of a model's phrasings that are a word its rows or the synonyms use with two neighbouring letters
 * swapped or an inner letter dropped, used in a few phrasings at most ("s3 bukcet creation"; a writer's habit
 * repeats one): the slip would match only those rows, beating the right row that a question's own slip would
 * have been corrected to. By phrasing.
 */
const SLIP_USES_AT_MOST = 3;

function misspelt(
  rows: Readonly<Record<string, readonly string[]>>,
  model: Model,
  lexicon: Lexicon,
  uses: ReadonlyMap<string, number>,
): Map<string, { word: string; like: string }[]> {
  const known = new Set<string>();
  const own = [
    model.name,
    ...model.aliases,
    ...model.rows.flatMap((row) => [row.responsibility, row.section, row.notes]),
  ];
  for (const text of own) for (const word of words(text)) known.add(word);
  for (const group of lexicon.groups) for (const phrase of group) for (const term of phrase) known.add(term);
  // Only words this long are compared: a slip in a short word is as likely another word.
  const candidates = [...known].filter((word) => word.length >= 6);
  const all = Object.values(rows).flat();
  const found = new Map<string, { word: string; like: string }[]>();
  for (const phrasing of all)
    for (const word of words(phrasing)) {
      if (
        word.length < 4 ||
        (uses.get(word) ?? 0) > SLIP_USES_AT_MOST ||
        known.has(word) ||
        known.has(stem(word))
      )
        continue;
      const like = candidates.find((candidate) => isSlip(word, candidate));
      if (like) found.set(phrasing, [...(found.get(phrasing) ?? []), { word, like }]);
    }
  return found;
}

/**
 * How many phrasings, of any model, use each word. More than SLIP_USES_AT_MOST and the word is a word
 * ("contact" beside "contract") or a term of art, whatever it looks like.
 */
function usesOfWords(lexicon: Lexicon): Map<string, number> {
  const uses = new Map<string, number>();
  for (const asked of lexicon.phrasings.values())
    for (const phrasing of Object.values(asked.rows).flat())
      for (const word of new Set(words(phrasing))) uses.set(word, (uses.get(word) ?? 0) + 1);
  return uses;
}

/** `typed` is `word` with two neighbouring letters swapped, or with one letter inside it left out. */
function isSlip(typed: string, word: string): boolean {
  if (typed.length === word.length) {
    const at = [...typed].findIndex((letter, i) => letter !== word[i]);
    return (
      at >= 0 &&
      at < typed.length - 1 &&
      typed[at] === word[at + 1] &&
      typed[at + 1] === word[at] &&
      typed.slice(at + 2) === word.slice(at + 2)
    );
  }
  if (typed.length !== word.length - 1) return false;
  for (let at = 1; at < word.length - 1; at++)
    if (word.slice(0, at) + word.slice(at + 1) === typed) return true;
  return false;
}
