// Reads model files from disk: YAML → zod-checked ModelFile → Model, with file:line errors.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { buildModel } from "./build.ts";
import { readChanges } from "./changes.ts";
import { DataError } from "./errors.ts";
import { type ModelFile, modelSchema } from "./schema.ts";
import type { Catalogue, Model } from "./types.ts";
import { type LineOf, parseYaml } from "./yaml.ts";

/** The data folder shipped with the product: <repo>/data. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL("../../data/", import.meta.url));

export interface ParsedModelFile {
  model: ModelFile;
  lineOf: LineOf;
}

/** Parses and validates one model file's text. Throws DataError naming the file, line and field. */
export function parseModelFile(text: string, file: string): ParsedModelFile {
  const { value, lineOf } = parseYaml(text, file, modelSchema);
  return { model: value, lineOf };
}

/** Reads a text file, turning a read failure into a DataError that names it. */
export function readDataFile(path: string, displayPath = path): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new DataError(displayPath, undefined, undefined, `cannot read: ${(error as Error).message}`);
  }
}

/** Loads one model file: parse, validate, then check what a schema cannot (duplicates, unknown parties). */
export function loadModelFile(path: string, displayPath = path): Model {
  const { model, lineOf } = parseModelFile(readDataFile(path, displayPath), displayPath);
  return buildModel(model, { file: displayPath, lineOf });
}

/** How a data file is named in messages: relative to the working directory when inside it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") ? rel : path;
}

/**
 * Whether a file name in `models/` is a model: *.yml or *.yaml, not hidden (hidden files are an editor's swap
 * file or a temporary file about to be renamed into place).
 */
export function isModelFile(name: string): boolean {
  return /\.ya?ml$/.test(name) && !name.startsWith(".");
}

/** The model files of a data folder, as paths in a stable order. Throws DataError naming an unreadable folder. */
export function modelFiles(dataDir: string): string[] {
  const dir = join(dataDir, "models");
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new DataError(displayPath(dir), undefined, undefined, `cannot read: ${(error as Error).message}`);
  }
  return names
    .filter(isModelFile)
    .sort()
    .map((name) => join(dir, name));
}

/** Loads every model in `<dataDir>/models`, refusing the whole set if any file is bad or two share an id. */
export function loadCatalogue(dataDir: string = DEFAULT_DATA_DIR): Catalogue {
  const models: Model[] = [];
  for (const path of modelFiles(dataDir)) {
    const model = loadModelFile(path, displayPath(path));
    const changes = readChanges(dataDir, model.id);
    if (changes.length > 0) model.changes = changes;
    const clash = models.find((other) => other.id === model.id);
    if (clash)
      throw new DataError(model.file ?? path, 1, "id", `"${model.id}" is also the id of ${clash.file}`);
    models.push(model);
  }
  return { models };
}
