// Shared by the importer's tests: the shipped sources, the shared corpus, and row look-ups.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type ImportResult, importMarkdown } from "../../src/import/index.ts";
import type { CellFile, RowFile } from "../../src/model/schema.ts";

export const SOURCES = new URL("../../data/sources/", import.meta.url);
export const MODELS = new URL("../../data/models/", import.meta.url);
/** The shared corpus of real pages, beside the repository (tests only: the product never reads it). */
export const CORPUS = new URL("../../../shared/corpus/", import.meta.url);
export const SEEDS = new URL("../../../shared/seeds/", import.meta.url);
/** A plain clone has no ../shared: the tests that compare with it are skipped there, and run in CI. */
export const HAS_SHARED = existsSync(fileURLToPath(CORPUS)) && existsSync(fileURLToPath(SEEDS));

export function read(base: URL, name: string): string {
  return readFileSync(fileURLToPath(new URL(name, base)), "utf8");
}

export function importFile(base: URL, name: string, options: Parameters<typeof importMarkdown>[1] = {}) {
  return importMarkdown(read(base, name), { file: name, ...options });
}

export function rowOf(result: ImportResult, responsibility: string): RowFile {
  const row = result.model.rows.find((candidate) => candidate.responsibility === responsibility);
  if (!row) throw new Error(`no row ${JSON.stringify(responsibility)}`);
  return row;
}

/** A row's marks as `{party: role}`, originals left out: what a reader of the table sees. */
export function rolesOf(row: RowFile): Record<string, string> {
  return Object.fromEntries(
    Object.entries(row.assignments).map(([party, cell]: [string, CellFile]) => [
      party,
      typeof cell === "string" ? cell : cell.role,
    ]),
  );
}

export function sectionsOf(result: ImportResult): string[] {
  return [...new Set(result.model.rows.map((row) => row.section))];
}
