// Data changes without a restart: a holder loads a value (the engine) from a data folder, serves it through
// current(), and loads it again when the folder changes (fs.watch, debounced) or when asked (SIGHUP).
// A load that fails keeps the last good value serving and logs the file, line and field once.
import { createHash } from "node:crypto";
import { type FSWatcher, readFileSync, watch } from "node:fs";
import { join } from "node:path";
import { DataError } from "../model/errors.ts";
import { DEFAULT_DATA_DIR, isModelFile, modelFiles } from "../model/load.ts";

export type Fields = Record<string, unknown>;

/** What the holder logs through: the app's logger (src/slack/logger.ts) fits, and so does a test's array. */
export interface ReloadLogger {
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

/** Why a load was refused: a DataError's file, line and field where the loader knew them. */
export interface LoadProblem {
  file?: string;
  line?: number;
  field?: string;
  problem: string;
  /** The whole message, as `file:line field: problem`. */
  message: string;
}

export interface ReloadResult {
  ok: boolean;
  /** Increases by one with every value that is served; unchanged when a load is refused or skipped. */
  version: number;
  /** Set when the load was refused: the last good value keeps serving. */
  error?: LoadProblem;
  /** True when the files were the ones already served, so nothing was loaded (watch-triggered only). */
  unchanged?: boolean;
}

export interface HolderStatus {
  dataDir: string;
  version: number;
  loadedAt: Date;
  watching: boolean;
  /** The refusal of the latest load, until a later load succeeds (or the files are back as served). */
  lastError?: LoadProblem;
}

export interface DataHolder<T> {
  readonly dataDir: string;
  /** The value to serve now. Call it for every request; never keep what it returns across requests. */
  current(): T;
  /** Loads the data now (SIGHUP, an admin command). Never throws: a refusal is returned and logged. */
  reload(reason?: string): ReloadResult;
  status(): HolderStatus;
  /** Stops watching and cancels a pending reload. current() keeps working. */
  close(): void;
}

export interface DataHolderOptions<T> {
  /** The data folder: models/*.yml, synonyms.yml, channels.yml. The shipped data/ by default. */
  dataDir?: string;
  /** Loads the value from the folder; throws (DataError, ideally) when the data is bad. */
  load: (dataDir: string) => T;
  /** Refuses a value that loaded but must not be served; returns why. */
  check?: (value: T, dataDir: string) => DataError | undefined;
  /** A few figures about a value for the logs, e.g. { models: 3, rows: 87 }. */
  describe?: (value: T) => Fields;
  logger?: ReloadLogger;
  /** Watch the folder and reload on changes (default false: reload() only). */
  watch?: boolean;
  /** How long the files must stay unchanged before a reload (default 250 ms): a write in several chunks,
   * or a delete-and-recreate, is read once it is finished. */
  debounceMs?: number;
  /** What the logs call the data (default "data"). */
  name?: string;
  /** Told of each reloaded value with the one it replaces (e.g. to announce changes); its failures are logged. */
  onServe?: (next: T, previous: T) => void;
}

const NO_LOGGER: ReloadLogger = { info() {}, warn() {}, error() {} };

/** The files a data folder is made of, in a stable order. Missing ones are left out. */
function dataFiles(dataDir: string): string[] {
  const files = ["synonyms.yml", "phrasings.yml", "channels.yml"].map((name) => join(dataDir, name));
  try {
    files.push(...modelFiles(dataDir));
  } catch {
    // no models folder: the load will say so
  }
  return files;
}

/** A digest of what the folder holds now, to tell a real change from a touch or an event echo. */
export function fingerprint(dataDir: string): string {
  const hash = createHash("sha256");
  for (const file of dataFiles(dataDir)) {
    let content: Buffer | undefined;
    try {
      content = readFileSync(file);
    } catch {
      continue;
    }
    hash.update(file).update("\0").update(String(content.length)).update("\0").update(content);
  }
  return hash.digest("hex");
}

export function toProblem(error: unknown): LoadProblem {
  if (error instanceof DataError) {
    return {
      file: error.file,
      ...(error.line !== undefined ? { line: error.line } : {}),
      ...(error.field !== undefined ? { field: error.field } : {}),
      problem: error.problem,
      message: error.message,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { problem: message, message };
}

/**
 * Loads `load(dataDir)` now (throwing if that fails: a process should not start on bad data) and serves it
 * until a later load succeeds.
 */
export function createDataHolder<T>(options: DataHolderOptions<T>): DataHolder<T> {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const logger = options.logger ?? NO_LOGGER;
  const name = options.name ?? "data";
  const debounceMs = options.debounceMs ?? 250;
  const describe = options.describe ?? (() => ({}));

  const loadChecked = (): T => {
    const value = options.load(dataDir);
    const refused = options.check?.(value, dataDir);
    if (refused) throw refused;
    return value;
  };

  let print = fingerprint(dataDir);
  let value = loadChecked();
  let version = 1;
  let loadedAt = new Date();
  let lastError: LoadProblem | undefined;
  let closed = false;

  const load = (reason: string, force: boolean): ReloadResult => {
    const before = fingerprint(dataDir);
    if (!force && before === print) {
      if (lastError) {
        logger.info(`${name} is back as served`, { dataDir, reason, version });
        lastError = undefined;
      }
      return { ok: true, version, unchanged: true };
    }
    const started = performance.now();
    try {
      const next = loadChecked();
      const previous = value;
      value = next;
      version += 1;
      loadedAt = new Date();
      print = before;
      lastError = undefined;
      logger.info(`${name} reloaded`, {
        dataDir,
        reason,
        version,
        ms: Math.round(performance.now() - started),
        ...describe(next),
      });
      try {
        options.onServe?.(next, previous);
      } catch (error) {
        logger.warn(`${name} reloaded, but what follows a reload failed`, {
          error: (error as Error).message,
        });
      }
      return { ok: true, version };
    } catch (error) {
      const problem = toProblem(error);
      // Once per distinct problem: an editor saving the same broken file twice is one failure, not two.
      if (problem.message !== lastError?.message) {
        logger.error(`${name} reload refused; still serving the last good ${name}`, {
          dataDir,
          reason,
          version,
          ...(problem.file !== undefined ? { file: problem.file } : {}),
          ...(problem.line !== undefined ? { line: problem.line } : {}),
          ...(problem.field !== undefined ? { field: problem.field } : {}),
          problem: problem.problem,
        });
      }
      lastError = problem;
      return { ok: false, version, error: problem };
    }
  };

  // Watching: the folder itself (synonyms.yml, channels.yml, models/ replaced) and models/. Watching folders
  // rather than files keeps working when an editor or git replaces a file by renaming another over it.
  let timer: NodeJS.Timeout | undefined;
  let rootWatcher: FSWatcher | undefined;
  let modelsWatcher: FSWatcher | undefined;

  const schedule = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (closed) return;
      watchModels();
      load("files changed", false);
    }, debounceMs);
    timer.unref();
  };

  const watchModels = () => {
    if (closed || modelsWatcher) return;
    try {
      const watcher = watch(join(dataDir, "models"), { persistent: false }, (_event, file) => {
        if (file === null || isModelFile(String(file))) schedule();
      });
      watcher.on("error", () => {
        watcher.close();
        if (modelsWatcher === watcher) modelsWatcher = undefined;
        schedule();
      });
      modelsWatcher = watcher;
    } catch {
      // models/ is missing: the folder watcher sees it come back
    }
  };

  if (options.watch) {
    try {
      rootWatcher = watch(dataDir, { persistent: false }, (_event, file) => {
        const changed = file === null ? undefined : String(file);
        if (changed === "models") {
          // Removed or replaced: watch the new one (or notice it is gone).
          modelsWatcher?.close();
          modelsWatcher = undefined;
          schedule();
        } else if (
          changed === undefined ||
          changed === "synonyms.yml" ||
          changed === "phrasings.yml" ||
          changed === "channels.yml"
        ) {
          schedule();
        }
      });
      rootWatcher.on("error", (error) => {
        logger.warn(`${name} folder can no longer be watched; reload with SIGHUP`, {
          dataDir,
          error: error.message,
        });
        rootWatcher?.close();
        rootWatcher = undefined;
      });
    } catch (error) {
      logger.warn(`${name} folder cannot be watched; reload with SIGHUP`, {
        dataDir,
        error: (error as Error).message,
      });
    }
    watchModels();
  }

  return {
    dataDir,
    current: () => value,
    reload: (reason = "asked") => load(reason, true),
    status: () => ({
      dataDir,
      version,
      loadedAt,
      watching: rootWatcher !== undefined,
      ...(lastError ? { lastError } : {}),
    }),
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      rootWatcher?.close();
      modelsWatcher?.close();
      rootWatcher = undefined;
      modelsWatcher = undefined;
    },
  };
}
