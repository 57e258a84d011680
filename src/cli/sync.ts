// who-owns sync [MODEL…] [--from FILE|URL] [--write]: re-read each model's source and show what changed;
// --write updates the model file and appends to data/changes/<model>.md. Exit 0 nothing changed, 1 changes,
// 2 when a model's source could not be read (the others are still synced).
import { join } from "node:path";
import { ordered, renderChanges } from "../diff/render.ts";
import { ImportError } from "../import/errors.ts";
import { FetchError } from "../import/fetch.ts";
import { DataError } from "../model/errors.ts";
import { modelFiles, parseModelFile, readDataFile } from "../model/load.ts";
import { type SyncResult, syncModel } from "../sync/sync.ts";

export interface SyncCommand {
  dataDir: string;
  models: string[];
  from?: string;
  write: boolean;
  json: boolean;
  out: (text: string) => void;
  err: (text: string) => void;
}

export class SyncUsageError extends Error {}

export async function syncCommand(command: SyncCommand): Promise<number> {
  const files = modelFilesById(command.dataDir);
  const wanted = command.models.length > 0 ? command.models : [...files.keys()];
  if (command.from && wanted.length !== 1)
    throw new SyncUsageError("--from reads one document: name the one model it is for");
  for (const id of wanted) {
    if (!files.has(id))
      throw new SyncUsageError(`no model called "${id}" in ${join(command.dataDir, "models")}`);
  }
  const results: SyncResult[] = [];
  const failures: { model: string; error: string }[] = [];
  for (const id of wanted) {
    const path = files.get(id) as string;
    try {
      const result = await syncModel(path, {
        write: command.write,
        ...(command.from ? { from: command.from } : {}),
      });
      results.push(result);
      if (!command.json) command.out(describeResult(result));
    } catch (error) {
      // One model's source failing (offline, moved, unreadable) does not stop the others being synced.
      if (!(error instanceof ImportError || error instanceof FetchError || error instanceof DataError))
        throw error;
      failures.push({ model: id, error: error.message });
      command.err(`who-owns: ${id}: ${error.message}`);
    }
  }
  if (command.json) {
    const plain = results.map(({ updated: _updated, ...result }) => result);
    command.out(JSON.stringify({ results: plain, failures }, null, 2));
  }
  if (failures.length > 0) return 2;
  return results.some((result) => result.changes.length > 0) ? 1 : 0;
}

function describeResult(result: SyncResult): string {
  const title = `${result.model} (${result.location})`;
  if (result.notModified) return `${title}: not modified since the last sync`;
  const lines = [renderChanges(title, ordered(result.changes))];
  if (result.written) lines.push(`  written: the model, its copy in sources/ and changes/${result.model}.md`);
  else if (result.changes.length > 0) lines.push("  (nothing written: add --write to apply)");
  return lines.join("\n");
}

/** Model id → its file, read from the files themselves (the id inside, not the file name). */
function modelFilesById(dataDir: string): Map<string, string> {
  return new Map(
    modelFiles(dataDir).map((path) => [parseModelFile(readDataFile(path), path).model.id, path]),
  );
}
