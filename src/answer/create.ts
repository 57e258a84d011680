// The engine: question → index → Answer. The only place search results become answers.
import type { Catalogue, Model, Row } from "../model/types.ts";
import { SearchIndex } from "../search/index.ts";
import type { Lexicon } from "../search/lexicon.ts";
import { analyse, type QueryAnalysis } from "../search/query.ts";
import { rank, type Scored } from "../search/rank.ts";
import { terms } from "../search/text.ts";
import type { AskOptions, Engine } from "./engine.ts";
import type { Answer, Match, SupportRoute } from "./types.ts";

/**
 * When to answer. Confidence is how much of what the question asks about the top row meets;
 * below it, the bot says it does not know and offers the closest rows instead.
 */
export const CONFIDENCE = {
  minConfidence: 0.6,
  /** Some of it must be met by words typed right (or their synonyms), not by spelling corrections alone. */
  minExactCoverage: 0.2,
  /** A runner-up this close to the top is offered beside it. */
  ambiguityMargin: 0.04,
} as const;

const DEFAULT_LIMIT = 5;

export function toMatch(row: Row, model: Model, score: number): Match {
  const useSupport = row.contacts.length === 0 && model.support !== undefined;
  const match: Match = {
    model: model.id,
    modelName: model.name,
    rowId: row.id,
    section: row.section,
    responsibility: row.responsibility,
    assignments: row.assignments,
    owners: row.owners,
    ownersFrom: row.ownersFrom,
    contacts: useSupport ? (model.support?.contacts ?? []) : row.contacts,
    notes: row.notes,
    score: Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000,
  };
  if (row.item !== undefined) match.item = row.item;
  if (row.notesOwners) match.notesOwners = row.notesOwners;
  if (useSupport) match.contactsFromSupport = true;
  if (row.ownersFrom === "boundary" && model.boundary) {
    match.caveat = [model.boundary.text, model.boundary.caveat].filter(Boolean).join(" ");
    const { before, from, item, caveat } = model.boundary;
    match.boundary = { before, from, item, ...(caveat ? { caveat } : {}) };
  }
  if (model.source)
    match.source = { url: model.source.url, licence: model.source.licence, file: model.source.file };
  return match;
}

function supportOf(model: Model): SupportRoute | undefined {
  return model.support
    ? { model: model.id, modelName: model.name, text: model.support.text, contacts: model.support.contacts }
    : undefined;
}

export function createEngine(catalogue: Catalogue, lexicon: Lexicon): Engine {
  const index = new SearchIndex(catalogue, lexicon);
  const byId = new Map(catalogue.models.map((model) => [model.id, model]));

  // Every name of every model, normalised once: findModel runs on each question that names a channel's model.
  const byName = new Map<string, Model>();
  for (const model of catalogue.models) {
    for (const name of [model.id.replace(/-/g, " "), model.name, ...model.aliases]) {
      const key = terms(name).join(" ");
      if (key && !byName.has(key)) byName.set(key, model);
    }
  }
  const findModel = (nameOrAlias: string): Model | undefined => {
    const wanted = terms(nameOrAlias).join(" ");
    if (!wanted) return undefined;
    return byId.get(nameOrAlias.trim().toLowerCase()) ?? byName.get(wanted);
  };

  const browse = (modelId: string, party?: string): Row[] => {
    const model = byId.get(modelId);
    if (!model) return [];
    if (!party) return model.rows;
    const wanted = party.toLowerCase();
    return model.rows.filter((row) => row.owners.some((owner) => owner.toLowerCase() === wanted));
  };

  /** "What is the Customer responsible for?": a party named and nothing else asked. */
  const partyQuestion = (analysis: QueryAnalysis, modelIds: string[]): Answer["party"] | undefined => {
    if (analysis.parties.length !== 1) return undefined;
    const party = analysis.parties[0];
    if (!party) return undefined;
    const partyTerms = new Set(terms(party.name).flatMap((term) => [term, `${term}s`]));
    const asksMore = analysis.slots.some(
      (slot) => !slot.namesModel && !terms(slot.typed).every((term) => partyTerms.has(term)),
    );
    if (asksMore) return undefined;
    if (modelIds.length > 0 && !party.modelIds.some((id) => modelIds.includes(id))) return undefined;
    return party.name;
  };

  const ask = (question: string, options: AskOptions = {}): Answer => {
    const limit = Math.max(1, options.limit ?? DEFAULT_LIMIT);
    const analysis = analyse(question, index);
    const forced = options.model ? findModel(options.model) : undefined;
    const modelIds = forced ? [forced.id] : analysis.modelIds;
    const preferModelId = options.preferModel ? findModel(options.preferModel)?.id : undefined;
    const base = { query: question, ...(modelIds.length === 1 ? { model: modelIds[0] } : {}) };

    const party = partyQuestion(analysis, modelIds);
    if (party) {
      const models = catalogue.models.filter(
        (model) => model.parties.includes(party) && (modelIds.length === 0 || modelIds.includes(model.id)),
      );
      const matches = models.flatMap((model) => browse(model.id, party).map((row) => toMatch(row, model, 1)));
      return {
        ...base,
        answered: matches.length > 0,
        kind: "party",
        party,
        matches,
        ambiguous: false,
        support: [],
      };
    }

    const ranked: Scored[] = rank(index, analysis, { modelIds, preferModelId, limit });
    const top = ranked[0];
    const answered =
      top !== undefined &&
      top.confidence >= CONFIDENCE.minConfidence &&
      top.exactCoverage >= CONFIDENCE.minExactCoverage;
    const second = ranked[1];
    const ambiguous =
      answered &&
      second !== undefined &&
      top !== undefined &&
      top.score - second.score <= CONFIDENCE.ambiguityMargin;

    // Without an answer, point at the general routes of the models in question (or of all of them).
    const supportModels = answered
      ? []
      : modelIds.length > 0
        ? modelIds.flatMap((id) => byId.get(id) ?? [])
        : preferModelId
          ? [byId.get(preferModelId)].filter((model): model is Model => model !== undefined)
          : catalogue.models;
    return {
      ...base,
      answered,
      kind: "responsibility",
      matches: ranked.map((scored) => toMatch(scored.entry.row, scored.entry.model, scored.score)),
      ambiguous,
      support: supportModels.flatMap((model) => supportOf(model) ?? []),
    };
  };

  const match = (modelId: string, rowId: string): Match | undefined => {
    const model = byId.get(modelId);
    const row = model?.rows.find((candidate) => candidate.id === rowId);
    return model && row ? toMatch(row, model, 1) : undefined;
  };

  return { catalogue, ask, findModel, browse, match };
}
