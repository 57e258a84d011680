// Scoring rows against a question: how much of the question a row answers, and how much of the row it asks.
import { FIELD_BITS, FIELD_LIST, type IndexedRow, type SearchIndex } from "./index.ts";
import type { Alternative, QueryAnalysis } from "./query.ts";

export interface Scored {
  entry: IndexedRow;
  /** 0..1: the share of the question's weight the row meets. The confidence measure. */
  coverage: number;
  /** The share of the question's weight the row meets at all, however weakly (a word in its notes counts). */
  breadth: number;
  /** The largest share of the question's weight met within one field: concepts found together. */
  cohesion: number;
  /** The part of `coverage` met without spelling corrections. */
  exactCoverage: number;
  /** 0..1: how sure the answer is; decides between answering and "I don't know". */
  confidence: number;
  /** 0..1: the share of the row's own topic the question asks about. Breaks ties toward the row meant. */
  focus: number;
  score: number;
}

export interface RankOptions {
  /** Only rows of these models. */
  modelIds?: readonly string[];
  /** A small lift for this model's rows (a channel's default model). */
  preferModelId?: string;
  limit: number;
}

const PREFERRED_MODEL_BONUS = 0.1;
/** Stopwords the row's responsibility uses ("who owns" ↔ "Owning …"): only ever a tie-breaker. */
const STOPWORD_ECHO_BONUS = 0.01;

/** How well a row meets one alternative: the field weight of its terms, all of which must be present. */
function altMatch(entry: IndexedRow, alt: Alternative): number {
  let sum = 0;
  for (const term of alt.phrase) {
    const weight = entry.weights.get(term);
    if (weight === undefined) return 0;
    sum += weight;
  }
  return (sum / alt.phrase.length) * alt.weight;
}

/** The fields holding every term of the alternative. */
function altFields(entry: IndexedRow, alt: Alternative): number {
  let mask = ~0;
  for (const term of alt.phrase) mask &= entry.fields.get(term) ?? 0;
  return mask;
}

export function rank(index: SearchIndex, analysis: QueryAnalysis, options: RankOptions): Scored[] {
  const { slots } = analysis;
  const totalWeight = slots.reduce((sum, slot) => sum + slot.weight, 0);
  if (slots.length === 0 || totalWeight === 0) return [];

  // Candidates: rows holding any term of any alternative. Everything else scores 0.
  const candidates = new Set<number>();
  for (const slot of slots) {
    for (const alt of slot.alternatives) {
      for (const posting of index.postings.get(alt.phrase[0] ?? "") ?? []) candidates.add(posting);
    }
  }

  // Terms the question asks about, with the best weight it gives them, for the row-side measure.
  const asked = new Map<string, number>();
  for (const slot of slots) {
    if (slot.namesModel) continue;
    for (const alt of slot.alternatives) {
      for (const term of alt.phrase) asked.set(term, Math.max(asked.get(term) ?? 0, alt.weight));
    }
  }

  const allowed = options.modelIds && options.modelIds.length > 0 ? new Set(options.modelIds) : undefined;
  const results: Scored[] = [];
  for (const position of candidates) {
    const entry = index.rows[position];
    if (!entry || (allowed && !allowed.has(entry.model.id))) continue;

    let met = 0;
    let metAtAll = 0;
    let metExactly = 0;
    const metInField = [0, 0, 0, 0];
    for (const slot of slots) {
      let best = 0;
      let bestExact = 0;
      let fields = 0;
      for (const alt of slot.alternatives) {
        const match = altMatch(entry, alt);
        if (match > 0) fields |= altFields(entry, alt);
        if (match > best) best = match;
        if (!alt.fuzzy && match > bestExact) bestExact = match;
      }
      met += slot.weight * best;
      if (best > 0) metAtAll += slot.weight;
      metExactly += slot.weight * bestExact;
      // A model's name is met by all its rows through the model field: no sign of concepts found together.
      if (slot.namesModel) fields &= ~FIELD_BITS.model;
      FIELD_LIST.forEach((field, position) => {
        if (fields & FIELD_BITS[field]) metInField[position] = (metInField[position] ?? 0) + slot.weight;
      });
    }
    const coverage = met / totalWeight;
    if (coverage === 0) continue;

    let topicWeight = 0;
    let topicAsked = 0;
    let echoes = 0;
    for (const term of entry.topic) {
      const idf = index.idf(term);
      topicWeight += idf;
      topicAsked += idf * (asked.get(term) ?? 0);
    }
    for (const term of analysis.stopwords)
      if (entry.row.responsibility && entry.weights.get(term) === 1) echoes++;
    const focus = topicWeight > 0 ? topicAsked / topicWeight : 0;
    const breadth = metAtAll / totalWeight;
    const cohesion = Math.max(...metInField) / totalWeight;
    const preferred = options.preferModelId === entry.model.id ? PREFERRED_MODEL_BONUS : 0;
    results.push({
      entry,
      coverage,
      breadth,
      cohesion,
      exactCoverage: metExactly / totalWeight,
      focus,
      confidence: (coverage + breadth) / 2,
      score:
        0.35 * coverage +
        0.25 * breadth +
        0.2 * cohesion +
        0.2 * focus +
        preferred +
        STOPWORD_ECHO_BONUS * echoes,
    });
  }
  results.sort(
    (a, b) => b.score - a.score || a.entry.row.responsibility.localeCompare(b.entry.row.responsibility),
  );
  return results.slice(0, options.limit);
}
