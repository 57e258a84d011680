// The engine behind a holder: what the Slack app serves, reloaded when data/ changes or on SIGHUP.
import { join } from "node:path";
import type { Engine } from "../answer/engine.ts";
import { loadEngine } from "../answer/load.ts";
import { DataError } from "../model/errors.ts";
import { displayPath } from "../model/load.ts";
import { createDataHolder, type DataHolder, type ReloadLogger } from "./holder.ts";

export interface EngineHolderOptions {
  /** The data folder (default: the shipped data/). */
  dataDir?: string;
  logger?: ReloadLogger;
  /** Reload when data/models or data/synonyms.yml change (default false: reload() only). */
  watch?: boolean;
  debounceMs?: number;
  /** Told of each reloaded engine and the one it replaces. */
  onServe?: (next: Engine, previous: Engine) => void;
  /** How to build the engine from the folder (default loadEngine). */
  load?: (dataDir: string) => Engine;
}

export type EngineHolder = DataHolder<Engine>;

/** An engine with no models answers nothing: a folder emptied by accident must not replace a working one. */
export function engineProblem(engine: Engine, dataDir: string): DataError | undefined {
  if (engine.catalogue.models.length > 0) return undefined;
  return new DataError(displayPath(join(dataDir, "models")), undefined, undefined, "holds no model files");
}

export function describeEngine(engine: Engine): { models: number; rows: number } {
  const { models } = engine.catalogue;
  return { models: models.length, rows: models.reduce((sum, model) => sum + model.rows.length, 0) };
}

/**
 * Loads the engine from `dataDir` now — throwing a DataError on bad data, so a process never starts without
 * one — and serves it through current() until a reload succeeds.
 */
export function createEngineHolder(options: EngineHolderOptions = {}): EngineHolder {
  return createDataHolder<Engine>({
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
    ...(options.onServe ? { onServe: options.onServe } : {}),
    watch: options.watch ?? false,
    load: options.load ?? ((dir) => loadEngine(dir)),
    check: engineProblem,
    describe: describeEngine,
    name: "data",
  });
}
