// One side of a diff: a model file (YAML), or a document (markdown, HTML, URL) imported on the spot.
import { extname } from "node:path";
import { importRead, readDocument } from "../import/document.ts";
import type { FetchOptions } from "../import/fetch.ts";
import { parseModelFile, readDataFile } from "../model/load.ts";
import type { ModelFile } from "../model/schema.ts";

export function isModelFile(location: string): boolean {
  return [".yml", ".yaml"].includes(extname(location).toLowerCase()) && !/^https?:/i.test(location);
}

/** Reads either kind of version. Throws DataError, ImportError or FetchError, each naming what failed. */
export async function loadVersion(location: string, options: FetchOptions = {}): Promise<ModelFile> {
  if (isModelFile(location)) return parseModelFile(readDataFile(location), location).model;
  const document = await readDocument(location, options);
  if (!document) throw new Error(`${location} answered "not modified"`);
  return importRead(document).model;
}
