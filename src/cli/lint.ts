// `who-owns lint`: every data file loaded with the same checks as at start, plus warnings.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { DataError } from "../model/errors.ts";
import { type LintWarning, lintModel } from "../model/lint.ts";
import { displayPath, loadModelFile } from "../model/load.ts";
import { loadLexicon } from "../search/lexicon.ts";

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
  const dir = join(dataDir, "models");
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
  } catch (error) {
    result.errors.push(`${displayPath(dir)}: cannot read: ${(error as Error).message}`);
  }
  const ids = new Map<string, string>();
  for (const name of names.sort()) {
    const path = join(dir, name);
    try {
      const model = loadModelFile(path, displayPath(path));
      const other = ids.get(model.id);
      if (other) result.errors.push(`${displayPath(path)}:1 id: "${model.id}" is also the id of ${other}`);
      ids.set(model.id, displayPath(path));
      result.warnings.push(...lintModel(model));
    } catch (error) {
      record(error);
    }
  }
  try {
    loadLexicon(dataDir);
  } catch (error) {
    record(error);
  }
  return result;
}
