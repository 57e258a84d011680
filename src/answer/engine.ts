// The engine every surface calls: ask a question, browse a model. Implemented over src/search.
import type { Catalogue, Model, Row } from "../model/types.ts";
import type { Lexicon } from "../search/lexicon.ts";
import type { Answer, Match } from "./types.ts";

export interface AskOptions {
  /** Only this model (an id or alias), as `--model` or "OVH: …" would. */
  model?: string;
  /** Rank this model first unless the question names another (a channel's default model). */
  preferModel?: string;
  /** How many matches to return (default 5). */
  limit?: number;
}

export interface Engine {
  readonly catalogue: Catalogue;
  /** The words it reads questions with: with the catalogue, all it takes to build the same engine again. */
  readonly lexicon: Lexicon;
  ask(question: string, options?: AskOptions): Answer;
  /** A model by id or by one of its aliases, case-insensitively. */
  findModel(nameOrAlias: string): Model | undefined;
  /** A model's rows, optionally only those a party owns or holds a letter in. */
  browse(modelId: string, party?: string): Row[];
  /** One row as a Match (score 1), for buttons that point back at a row. */
  match(modelId: string, rowId: string): Match | undefined;
}
