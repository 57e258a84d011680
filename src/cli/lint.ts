// `who-owns lint`: every data file (models, synonyms.yml, phrasings.yml, channels.yml) loaded with the same checks
// as at start, plus warnings.
import { DataError } from "../model/errors.ts";
import { type LintWarning, lintModel } from "../model/lint.ts";
import { displayPath, loadModelFile, modelFiles } from "../model/load.ts";
import type { Model } from "../model/types.ts";
import { loadLexicon } from "../search/lexicon.ts";
import { readChannelsFile } from "../slack/channels.ts";
import { lintKinds } from "./lint-kinds.ts";
import { lintPhrasings } from "./lint-phrasings.ts";

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
    result.warnings.push(...lintPhrasings(dataDir, lexicon, models), ...lintKinds(dataDir, lexicon, models));
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
