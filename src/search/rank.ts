// Scoring rows against a question: how much of the question a row answers, and how much of the row it asks.
import { FIELD_BITS, type IndexedRow, type SearchIndex } from "./index.ts";
import type { Alternative, QueryAnalysis, Slot } from "./query.ts";

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
  /** The question names a topic no model covers (pay, leave) that this row does not mention. */
  missesOutside: boolean;
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

/**
 * How well a row meets one alternative: the field weight of its terms, all of which must be present (0 if
 * not). `fields` receives the fields holding every term (FIELD_BITS), so a row's terms are looked up once.
 */
function altMatch(entry: IndexedRow, alt: Alternative, fields: { mask: number }): number {
  let sum = 0;
  let mask = ~0;
  for (const term of alt.phrase) {
    const weight = entry.weights.get(term);
    if (weight === undefined) return 0;
    sum += weight;
    mask &= entry.fields.get(term) ?? 0;
  }
  fields.mask = mask;
  return (sum / alt.phrase.length) * alt.weight;
}

/** Score weights: how a row's measures add up. A row meeting slots of total weight w scores at most boundOf(w). */
export const SCORE = { coverage: 0.35, breadth: 0.25, cohesion: 0.2, focus: 0.2 } as const;

export function rank(index: SearchIndex, analysis: QueryAnalysis, options: RankOptions): Scored[] {
  const { slots } = analysis;
  const totalWeight = slots.reduce((sum, slot) => sum + slot.weight, 0);
  if (slots.length === 0 || totalWeight === 0) return [];

  // Terms the question asks about, with the best weight it gives them, for the row-side measure.
  const asked = new Map<string, number>();
  for (const slot of slots) {
    if (slot.namesModel) continue;
    for (const alt of slot.alternatives) {
      for (const term of alt.phrase) asked.set(term, Math.max(asked.get(term) ?? 0, alt.weight));
    }
  }

  const found = { mask: 0 };
  const allowed = options.modelIds && options.modelIds.length > 0 ? new Set(options.modelIds) : undefined;
  const score = (entry: IndexedRow): Scored | undefined => {
    let met = 0;
    let metAtAll = 0;
    let metExactly = 0;
    // Weight met within each field, in FIELD_BITS order: responsibility, section, notes, model, phrasing.
    let inResponsibility = 0;
    let inSection = 0;
    let inNotes = 0;
    let inModel = 0;
    let inPhrasing = 0;
    let missesOutside = false;
    for (const slot of slots) {
      let best = 0;
      let bestExact = 0;
      let fields = 0;
      for (const alt of slot.alternatives) {
        const match = altMatch(entry, alt, found);
        if (match > 0) fields |= found.mask;
        if (match > best) best = match;
        if (!alt.fuzzy && match > bestExact) bestExact = match;
      }
      if (slot.kind === "outside" && best === 0) missesOutside = true;
      met += slot.weight * best;
      if (best > 0) metAtAll += slot.weight;
      metExactly += slot.weight * bestExact;
      // A model's name is met by all its rows through the model field: no sign of concepts found together.
      if (slot.namesModel) fields &= ~FIELD_BITS.model;
      if (fields & FIELD_BITS.responsibility) inResponsibility += slot.weight;
      if (fields & FIELD_BITS.section) inSection += slot.weight;
      if (fields & FIELD_BITS.notes) inNotes += slot.weight;
      if (fields & FIELD_BITS.model) inModel += slot.weight;
      if (fields & FIELD_BITS.phrasing) inPhrasing += slot.weight;
    }
    const coverage = met / totalWeight;
    if (coverage === 0) return undefined;

    let topicAsked = 0;
    let echoes = 0;
    for (const term of entry.topic) {
      const weight = asked.get(term);
      if (weight) topicAsked += index.idf(term) * weight;
    }
    for (const term of analysis.stopwords)
      if (entry.row.responsibility && entry.weights.get(term) === 1) echoes++;
    const focus = entry.topicWeight > 0 ? topicAsked / entry.topicWeight : 0;
    const breadth = metAtAll / totalWeight;
    const cohesion = Math.max(inResponsibility, inSection, inNotes, inModel, inPhrasing) / totalWeight;
    const preferred = options.preferModelId === entry.model.id ? PREFERRED_MODEL_BONUS : 0;
    return {
      entry,
      coverage,
      breadth,
      cohesion,
      exactCoverage: metExactly / totalWeight,
      focus,
      missesOutside,
      confidence: (coverage + breadth) / 2,
      score:
        SCORE.coverage * coverage +
        SCORE.breadth * breadth +
        SCORE.cohesion * cohesion +
        SCORE.focus * focus +
        preferred +
        STOPWORD_ECHO_BONUS * echoes,
    };
  };

  // Candidates are rows holding a term of some slot; everything else scores 0. Slots are taken rarest (heaviest)
  // first, and once the rows of the remaining slots could not reach the current top `limit` even by meeting all
  // of them perfectly, they are not looked at: the result is the same as scoring every candidate (exact, not a
  // heuristic), but a question with a common word ("data", "service") no longer scores thousands of rows.
  const bonusMax =
    (options.preferModelId ? PREFERRED_MODEL_BONUS : 0) + STOPWORD_ECHO_BONUS * analysis.stopwords.size;
  const boundOf = (weight: number) =>
    ((SCORE.coverage + SCORE.breadth + SCORE.cohesion) * weight) / totalWeight + SCORE.focus + bonusMax;
  // Heavy slots with short postings first: they decide the most for the least scoring. Any order gives the same
  // result; this one lets the loop stop soonest.
  const postingsOf = (slot: Slot) =>
    slot.alternatives.reduce((sum, alt) => sum + (index.postings.get(alt.phrase[0] ?? "")?.length ?? 0), 0);
  const order = slots
    .map((slot) => ({ slot, value: slot.weight / (postingsOf(slot) + 50) }))
    .sort((a, b) => b.value - a.value)
    .map(({ slot }) => slot);
  const byRank = (a: Scored, b: Scored) =>
    b.score - a.score ||
    a.entry.row.responsibility.localeCompare(b.entry.row.responsibility) ||
    a.entry.position - b.entry.position;
  // The best `limit` rows so far, best first. Rows are offered one by one: sorting every candidate (with
  // localeCompare breaking the many ties) cost more than scoring them.
  const top: Scored[] = [];
  const offer = (scored: Scored) => {
    const last = top[top.length - 1];
    if (top.length >= options.limit && last && byRank(scored, last) >= 0) return;
    let at = top.length;
    while (at > 0 && byRank(scored, top[at - 1] as Scored) < 0) at--;
    top.splice(at, 0, scored);
    if (top.length > options.limit) top.pop();
  };
  let remaining = totalWeight;
  const seen = new Uint8Array(index.rows.length);
  for (const slot of order) {
    const kth = top.length >= options.limit ? top[top.length - 1] : undefined;
    if (kth && boundOf(remaining) + 1e-9 < kth.score) break;
    for (const alt of slot.alternatives) {
      for (const position of index.postings.get(alt.phrase[0] ?? "") ?? []) {
        if (seen[position]) continue;
        seen[position] = 1;
        const entry = index.rows[position];
        if (!entry || (allowed && !allowed.has(entry.model.id))) continue;
        const scored = score(entry);
        if (scored) offer(scored);
      }
    }
    remaining -= slot.weight;
  }
  return top;
}
