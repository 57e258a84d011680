// Reads model files from disk: YAML → zod-checked ModelFile → Model, with file:line errors.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { LineCounter, type Node, parseDocument } from "yaml";
import { buildModel } from "./build.ts";
import { DataError, formatPath } from "./errors.ts";
import { type ModelFile, modelSchema } from "./schema.ts";
import type { Catalogue, Model } from "./types.ts";

/** The data folder shipped with the product: <repo>/data. */
export const DEFAULT_DATA_DIR = new URL("../../data/", import.meta.url).pathname;

export interface ParsedModelFile {
  model: ModelFile;
  /** 1-based line of the value at a path (`["rows", 3, "assignments"]`), or of its nearest parent. */
  lineOf: (path: readonly (string | number)[]) => number | undefined;
}

/** Parses and validates one model file's text. Throws DataError naming the file, line and field. */
export function parseModelFile(text: string, file: string): ParsedModelFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    // A missing key is reported on its parent's line.
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth) as unknown[], true) as Node | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };

  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0]?.line;
    throw new DataError(file, line, undefined, `invalid YAML: ${yamlError.message.split("\n")[0]}`);
  }

  const result = modelSchema.safeParse(doc.toJS());
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path ?? [];
    throw new DataError(file, lineOf(path), formatPath(path) || undefined, issue?.message ?? "invalid model");
  }
  return { model: result.data, lineOf };
}

/** Loads one model file: parse, validate, then check what a schema cannot (duplicates, unknown parties). */
export function loadModelFile(path: string, displayPath = path): Model {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new DataError(displayPath, undefined, undefined, `cannot read: ${(error as Error).message}`);
  }
  const { model, lineOf } = parseModelFile(text, displayPath);
  return buildModel(model, { file: displayPath, lineOf });
}

/** Loads every model in `<dataDir>/models`, refusing the whole set if any file is bad or two share an id. */
export function loadCatalogue(dataDir: string = DEFAULT_DATA_DIR): Catalogue {
  const dir = join(dataDir, "models");
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".yml") || name.endsWith(".yaml"))
    .sort();
  const models: Model[] = [];
  for (const name of files) {
    const path = join(dir, name);
    const model = loadModelFile(path, relative(process.cwd(), path) || path);
    const clash = models.find((other) => other.id === model.id);
    if (clash)
      throw new DataError(model.file ?? name, 1, "id", `"${model.id}" is also the id of ${clash.file}`);
    models.push(model);
  }
  return { models };
}
