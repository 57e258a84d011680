// who-owns sync [MODEL…] [--from FILE|URL] [--write]: re-read each model's source and show what changed;
// --write updates the model file and appends to data/changes/<model>.md. Exit 0 nothing changed, 1 changes.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { ordered, renderChanges } from "../diff/render.ts";
import { parseModelFile, readDataFile } from "../model/load.ts";
import { type SyncResult, syncModel } from "../sync/sync.ts";

export interface SyncCommand {
  dataDir: string;
  models: string[];
  from?: string;
  write: boolean;
  json: boolean;
  out: (text: string) => void;
}

export class SyncUsageError extends Error {}

export async function syncCommand(command: SyncCommand): Promise<number> {
  const files = modelFiles(command.dataDir);
  const wanted = command.models.length > 0 ? command.models : [...files.keys()];
  if (command.from && wanted.length !== 1)
    throw new SyncUsageError("--from reads one document: name the one model it is for");
  const results: SyncResult[] = [];
  for (const id of wanted) {
    const path = files.get(id);
    if (!path) throw new SyncUsageError(`no model called "${id}" in ${join(command.dataDir, "models")}`);
    results.push(
      await syncModel(path, { write: command.write, ...(command.from ? { from: command.from } : {}) }),
    );
  }
  if (command.json) {
    command.out(
      JSON.stringify({ results: results.map(({ updated: _updated, ...result }) => result) }, null, 2),
    );
  } else {
    for (const result of results) {
      const title = `${result.model} (${result.location})`;
      if (result.notModified) command.out(`${title}: not modified since the last sync`);
      else command.out(renderChanges(title, ordered(result.changes)));
      if (result.written)
        command.out(`  written: data/models/${result.model}.yml and data/changes/${result.model}.md`);
      else if (result.changes.length > 0) command.out("  (nothing written: add --write to apply)");
    }
  }
  return results.some((result) => result.changes.length > 0) ? 1 : 0;
}

/** Model id → its file, read from the files themselves (the id inside, not the file name). */
function modelFiles(dataDir: string): Map<string, string> {
  const dir = join(dataDir, "models");
  const files = new Map<string, string>();
  for (const name of readdirSync(dir)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()) {
    const path = join(dir, name);
    files.set(parseModelFile(readDataFile(path), path).model.id, path);
  }
  return files;
}
