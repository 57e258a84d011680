// `who-owns lint`: every data file (models, synonyms.yml, phrasings.yml, channels.yml) loaded with the same checks
// as at start, plus warnings.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DataError } from "../model/errors.ts";
import { type LintWarning, lintModel } from "../model/lint.ts";
import { displayPath, loadModelFile, modelFiles } from "../model/load.ts";
import type { Model } from "../model/types.ts";
import { type Lexicon, loadLexicon } from "../search/lexicon.ts";
import { words } from "../search/text.ts";
import { readChannelsFile } from "../slack/channels.ts";

export interface LintResult {
  errors: string[];
  warnings: LintWarning[];
}

/** Checks each model file on its own, so one bad file does not hide the others' problems. */
export function lintData(dataDir: string): LintResult {
  const result: LintResult = { errors: [], warnings: [] };
  const record = (error: unknown) => {
    if (error instanceof DataError) result.errors.push(error.message);
    else throw error;
  };
  let paths: string[] = [];
  try {
    paths = modelFiles(dataDir);
  } catch (error) {
    record(error);
  }
  const ids = new Map<string, string>();
  const models: Model[] = [];
  for (const path of paths) {
    try {
      const model = loadModelFile(path, displayPath(path));
      const other = ids.get(model.id);
      if (other) result.errors.push(`${displayPath(path)}:1 id: "${model.id}" is also the id of ${other}`);
      ids.set(model.id, displayPath(path));
      models.push(model);
      result.warnings.push(...lintModel(model));
    } catch (error) {
      record(error);
    }
  }
  try {
    const lexicon = loadLexicon(dataDir);
    result.warnings.push(...lintPhrasings(dataDir, lexicon, models));
  } catch (error) {
    record(error);
  }
  try {
    const channels = readChannelsFile(dataDir);
    for (const [channel, model] of Object.entries(channels?.entries ?? {})) {
      // Only when every model loaded: otherwise the missing id may be a model file that failed above.
      if (channels && result.errors.length === 0 && !ids.has(model))
        record(
          new DataError(channels.file, channels.lineOf([channel]), channel, `no model has the id "${model}"`),
        );
    }
  } catch (error) {
    record(error);
  }
  return result;
}

/** Phrasings for a model, party or row that does not exist are never used: say where they are. */
function lintPhrasings(dataDir: string, lexicon: Lexicon, models: readonly Model[]): LintWarning[] {
  const { phrasings } = lexicon;
  const path = join(dataDir, "phrasings.yml");
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, "utf8").split("\n");
  const lineOf = (key: string) => {
    const at = lines.findIndex((line) => line.trim().startsWith(`${key}:`));
    return at >= 0 ? at + 1 : undefined;
  };
  const file = displayPath(path);
  const warnings: LintWarning[] = [];
  const warn = (key: string, message: string) => {
    const line = lineOf(key);
    warnings.push({ file, ...(line ? { line } : {}), message });
  };
  for (const [modelId, asked] of phrasings) {
    const model = models.find((candidate) => candidate.id === modelId);
    if (!model) {
      warn(modelId, `no model has the id "${modelId}"`);
      continue;
    }
    if (asked.you && !model.parties.includes(asked.you))
      warn("you", `${modelId} has no party "${asked.you}"`);
    for (const party of Object.keys(asked.parties))
      if (!model.parties.includes(party)) warn(party, `${modelId} has no party "${party}"`);
    for (const { phrasing, word, like } of misspelt(asked.rows, model, lexicon)) {
      const at = lines.findIndex((line) => line.includes(phrasing));
      warnings.push({
        file,
        ...(at >= 0 ? { line: at + 1 } : {}),
        message: `"${word}" in "${phrasing}" looks like a slip for "${like}": the row would own the slip (questions' slips are corrected anyway)`,
      });
    }
    for (const [rowId, rowPhrasings] of Object.entries(asked.rows)) {
      if (!model.rows.some((row) => row.id === rowId))
        warn(rowId, `${modelId} has no row with the id "${rowId}"`);
      for (const phrasing of rowPhrasings)
        if (CONTRAST.test(phrasing)) {
          const at = lines.findIndex((line) => line.includes(phrasing));
          warnings.push({
            file,
            ...(at >= 0 ? { line: at + 1 } : {}),
            message: `"${phrasing}" says what ${rowId} is not: its words lead questions about that other thing here (drop it)`,
          });
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
 * swapped or an inner letter dropped, used in no other phrasing ("s3 bukcet creation"): the slip would match
 * only that row, beating the right row that a question's own slip would have been corrected to.
 */
function misspelt(
  rows: Readonly<Record<string, readonly string[]>>,
  model: Model,
  lexicon: Lexicon,
): { phrasing: string; word: string; like: string }[] {
  const known = new Set<string>();
  const own = [
    model.name,
    ...model.aliases,
    ...model.rows.flatMap((row) => [row.responsibility, row.section, row.notes]),
  ];
  for (const text of own) for (const word of words(text)) known.add(word);
  for (const group of lexicon.groups) for (const phrase of group) for (const term of phrase) known.add(term);
  const uses = new Map<string, number>();
  const all = Object.values(rows).flat();
  for (const phrasing of all)
    for (const word of new Set(words(phrasing))) uses.set(word, (uses.get(word) ?? 0) + 1);
  const found: { phrasing: string; word: string; like: string }[] = [];
  for (const phrasing of all)
    for (const word of words(phrasing)) {
      if (word.length < 4 || uses.get(word) !== 1 || known.has(word)) continue;
      const like = [...known].find((candidate) => candidate.length >= 6 && isSlip(word, candidate));
      if (like) found.push({ phrasing, word, like });
    }
  return found;
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
