// who-owns sync: re-read a model's source, compare, and (when asked) bring the model up to date in place.
// What the document says (parties, boundary, sections, rows) comes from the new version; what people
// curated (id, name, aliases, support, the source's licence) is kept; a reworded row keeps its old id,
// pinned in the file, so links and feedback that name it still find it. The copy of the document in
// data/sources/ is replaced by the version read, so the model still re-imports from it.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { type Change, compareModels, rowIds } from "../diff/compare.ts";
import { describeChange, ordered } from "../diff/render.ts";
import { importRead, readDocument, today } from "../import/document.ts";
import type { FetchOptions } from "../import/fetch.ts";
import { isUrl } from "../import/fetch.ts";
import { toModelYaml } from "../import/output.ts";
import { buildModel, slugify } from "../model/build.ts";
import { DataError } from "../model/errors.ts";
import { parseModelFile } from "../model/load.ts";
import type { ModelFile } from "../model/schema.ts";

export interface SyncOptions {
  /** Read this file or URL instead of the model's `source.url` (a repository's raw file, a local copy). */
  from?: string;
  write?: boolean;
  fetch?: FetchOptions;
  /** The day recorded in the change log and `source.fetched` (tests fix it). */
  date?: string;
}

export interface SyncResult {
  model: string;
  /** What was read. */
  location: string;
  /** True when the URL answered 304 to the ETag held: nothing to compare. */
  notModified: boolean;
  changes: Change[];
  written: boolean;
  /** The model as it would be written (also when not written). */
  updated?: ModelFile;
}

export async function syncModel(modelPath: string, options: SyncOptions = {}): Promise<SyncResult> {
  const current = parseModelFile(readFileSync(modelPath, "utf8"), modelPath).model;
  const location = options.from ?? current.source?.url;
  if (!location)
    throw new DataError(modelPath, undefined, "source.url", "has no source to re-read: give one with --from");
  // The ETag held is only for the model's own URL: another location is a different document.
  const etag = !options.from && current.source?.etag ? { etag: current.source.etag } : {};
  const document = await readDocument(location, { ...options.fetch, ...etag });
  const base = { model: current.id, location, written: false };
  if (!document) return { ...base, notModified: true, changes: [] };

  const imported = importRead(document, { id: current.id }).model;
  const { changes, pairs } = compareModels(current, imported);
  const ids = rowIds(current.rows);
  const date = options.date ?? today();
  const fetchedFromUrl = isUrl(location) && location === current.source?.url;
  const updated: ModelFile = {
    ...current,
    parties: imported.parties,
    ...(imported.boundary ? { boundary: imported.boundary } : { boundary: undefined }),
    rows: imported.rows.map((row, index) => {
      const old = [...pairs].find(([, to]) => to === index)?.[0];
      const id = old === undefined ? undefined : ids[old];
      const { id: _ignored, ...rest } = row;
      return id && id !== slugify(row.responsibility) ? { id, ...rest } : rest;
    }),
    ...(current.source
      ? {
          source: {
            ...current.source,
            ...(fetchedFromUrl ? { fetched: date } : {}),
            ...(fetchedFromUrl && document.etag ? { etag: document.etag } : {}),
          },
        }
      : {}),
  };
  if (!updated.boundary) delete updated.boundary;
  // The loader's own checks (duplicate rows, unknown parties, ids) before anything is written.
  buildModel(updated, { file: modelPath });

  // The copy kept in data/sources/ follows the model, so importing it still gives the model: markdown as
  // read; a page as published HTML, beside it (the markdown copy of an older version would be stale).
  const copy = updated.source?.file
    ? document.kind === "html"
      ? `${basename(updated.source.file, extname(updated.source.file))}.html`
      : updated.source.file
    : undefined;
  if (copy && updated.source) updated.source = { ...updated.source, file: copy };

  const sourceMoved = JSON.stringify(updated.source) !== JSON.stringify(current.source);
  if (options.write && (changes.length > 0 || sourceMoved)) {
    if (copy) {
      const sources = join(dirname(dirname(modelPath)), "sources");
      mkdirSync(sources, { recursive: true });
      writeAtomically(join(sources, copy), document.text);
    }
    // The log first: a reload triggered by the model file then finds the entry that explains it.
    if (changes.length > 0) appendChangeLog(modelPath, current.id, date, location, changes);
    writeAtomically(modelPath, toModelYaml(updated));
    return { ...base, notModified: false, changes, written: true, updated };
  }
  return { ...base, notModified: false, changes, updated };
}

/** data/models/<id>.yml → data/changes/<id>.md */
export function changeLogPath(modelPath: string, id: string): string {
  return join(dirname(dirname(modelPath)), "changes", `${id}.md`);
}

function appendChangeLog(modelPath: string, id: string, date: string, location: string, changes: Change[]) {
  const path = changeLogPath(modelPath, id);
  mkdirSync(dirname(path), { recursive: true });
  let log = "";
  try {
    log = readFileSync(path, "utf8");
  } catch {
    log = `# Changes to ${id}\n\nNewest first. Written by \`who-owns sync --write\`.\n`;
  }
  const entry = [
    `## ${date}`,
    "",
    `From ${location}: ${changes.length} change${changes.length === 1 ? "" : "s"}.`,
    "",
    ...ordered(changes).map((change) => `- ${change.kind}: ${describeChange(change)}`),
    "",
  ].join("\n");
  // Newest first, right after the heading block.
  const at = log.search(/^## /m);
  const next = at < 0 ? `${log.trimEnd()}\n\n${entry}` : `${log.slice(0, at)}${entry}\n${log.slice(at)}`;
  writeAtomically(path, next.endsWith("\n") ? next : `${next}\n`);
}

/** Write beside, then rename: a watcher never sees half a file. */
function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}
