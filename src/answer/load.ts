// Builds the engine from a data folder (the shipped data/ by default).
import { DEFAULT_DATA_DIR, loadCatalogue } from "../model/load.ts";
import { loadLexicon } from "../search/lexicon.ts";
import { createEngine } from "./create.ts";
import type { Engine } from "./engine.ts";

/** Loads models and vocabulary from `dataDir`. Throws DataError (file:line field: problem) on bad data. */
export function loadEngine(dataDir: string = DEFAULT_DATA_DIR): Engine {
  return createEngine(loadCatalogue(dataDir), loadLexicon(dataDir));
}
