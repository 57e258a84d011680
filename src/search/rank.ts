// Scoring rows against a question: how much of the question a row answers, and how much of the row it asks.

import { visitCandidates } from "./candidates.ts";
import {
  FIELD_BITS,
  type IndexedRow,
  type RowPhrasings,
  type SearchIndex,
  WEIGHT_OF_FIELDS,
} from "./index.ts";
import type { Phrase } from "./lexicon.ts";
import { gramVectorOfWords, likeness, rowGramsOf } from "./likeness.ts";
import type { QueryAnalysis, Slot } from "./query.ts";

export interface Scored {
  entry: IndexedRow;
  /** 0..1: the share of the question's weight the row meets. */
  coverage: number;
  /** The share of the question's weight the row meets at all, however weakly (a word in its notes counts). */
  breadth: number;
  /** The largest share of the question's weight met within one field: concepts found together. */
  cohesion: number;
  /** The part of `coverage` met without spelling corrections. */
  exactCoverage: number;
  /** 0..1: the share of the row's own topic the question asks about. Breaks ties toward the row meant. */
  focus: number;
  /** The question names a topic no model covers (pay, leave) that this row does not mention. */
  missesOutside: boolean;
  /** The row meets none of the question's words but a model's name and everyday ones ("this weekend"). */
  namesOnly: boolean;
  score: number;
  /** The part of `score` that is the channel's default model's lift: ranking, not evidence. */
  preferred: number;
  /** 0..1: how alike the question's letters are to the row's text and phrasings (likeness.ts); 0 past the
   * first few rows (SECOND_READING.pool), which it does not reorder. */
  likeness: number;
  /** The same without the models' names the question says: every row of a model shares them, so their
   * letters are no sign that the two readings agree on one row ("who handles VS Code on the AP"). */
  likenessBeyondNames: number;
}

/**
 * The second reading's part in the order (likeness.ts): the first `pool` rows the ranking finds are put in
 * order of score + `weight` × likeness. Only the first few: the likeness of a row the words hardly found is
 * no reason to lift it.
 */
export const SECOND_READING = { weight: 0.75, pool: 5 } as const;

/** A row's place in the answer's order: its score with the second reading's part. */
export const orderScore = (scored: Scored) => scored.score + SECOND_READING.weight * scored.likeness;

export interface RankOptions {
  /** Only rows of these models. */
  modelIds?: readonly string[];
  /** A small lift for this model's rows (a channel's default model). */
  preferModelId?: string;
  limit: number;
}

/**
 * Scoring constants of ranking. A row's score is the weighted sum of four measures, each 0..1, plus two
 * small bonuses:
 *
 * - `coverage`: the share of the question's weight the row meets, each concept counted at the weight of the
 *   field it is found in (FIELD_WEIGHTS) and of how it was found (typed, synonym, correction).
 * - `breadth`: the share met at all, however weakly: a concept found only in the notes still counts fully.
 * - `cohesion`: the largest share met within one field: concepts found together, not scattered.
 * - `focus`: the share of the row's own topic (its responsibility's words, by idf) the question asks about;
 *   between two rows meeting the question alike, the one it is more about.
 * - `preferredModel`: added for the channel's default model (a question in #analytical-platform-support).
 * - `stopwordEcho`: added per stopword the question and the responsibility share ("who owns" ↔ "Owning …"),
 *   only ever a tie-breaker.
 */
export const SCORE = {
  coverage: 0.35,
  breadth: 0.25,
  cohesion: 0.2,
  focus: 0.2,
  preferredModel: 0.1,
  stopwordEcho: 0.01,
} as const;

/** An alternative with its terms as index ids (undefined: some term is in no row, so no row can meet it). */
interface ResolvedAlternative {
  ids: number[];
  /** The term of `ids` the fewest rows hold: a row meeting the alternative holds it, so its rows are the candidates. */
  rarest: number;
  weight: number;
  fuzzy: boolean;
}

/**
 * How well row `position` meets one alternative: the field weight of its terms, all of which must be present
 * (0 if not). `found.mask` receives the fields holding every term (FIELD_BITS), so a row's terms are looked up
 * once.
 */
function altMatch(
  index: SearchIndex,
  position: number,
  phrasingsOfRow: RowPhrasings | undefined,
  alt: ResolvedAlternative,
  found: Found,
): number {
  let sum = 0;
  let rest = 0;
  // Met without the phrasings only when every term is in the row's own text: a phrase half in a phrasing
  // ("performs … review") is met there, not in the text.
  let own = true;
  let mask = ~0;
  const first = index.termStart[position] as number;
  const words = phrasingsOfRow?.words ?? 0;
  const phrasings = found.phrasings;
  phrasings.fill(~0, 0, words);
  for (const id of alt.ids) {
    const at = index.termAt(position, id);
    if (at < 0) return 0;
    const fields = index.termFields[at] as number;
    sum += WEIGHT_OF_FIELDS[fields] as number;
    const ownWeight = WEIGHT_OF_FIELDS[fields & ~FIELD_BITS.phrasing] as number;
    if (ownWeight === 0) own = false;
    rest += ownWeight;
    mask &= fields;
    if (phrasingsOfRow)
      for (let w = 0; w < words; w++)
        phrasings[w] = (phrasings[w] as number) & (phrasingsOfRow.masks[(at - first) * words + w] as number);
  }
  found.mask = mask;
  found.withoutPhrasings = own ? (rest / alt.ids.length) * alt.weight : 0;
  return (sum / alt.ids.length) * alt.weight;
}

interface Found {
  /** The fields holding every term of the alternative. */
  mask: number;
  /** What the alternative is worth without the row's phrasings. */
  withoutPhrasings: number;
  /** The row's phrasings holding every term of the alternative, as bits (RowPhrasings.words words). */
  phrasings: Int32Array;
}

/**
 * A concept met only in some phrasing of the row other than the one meeting most of the question counts this
 * share of its weight: a row's dozen phrasings together hold many words, but people ask one phrasing at a time.
 */
export const SCATTERED_PHRASING_SHARE = 0.5;

/**
 * A model's name typed in the question ("hubs" in "who removes hubs") counts this share toward the focus of a
 * row whose responsibility uses it: as often the object asked about as only the model asked in. Its
 * other names ("datahub") do not count, but for the name its initials stand for (MODEL_FULL_NAME_FOCUS).
 */
export const MODEL_NAME_FOCUS = 0.75;
/**
 * The share for the model's name that the initials typed stand for ("analytical platform" for "AP"): "an AP
 * account" is the row "Creating Analytical Platform accounts" as much as typed in full, but a row whose text
 * is little else ("Updating the Analytical Platform") must not lead every AP question. On the DEV sets 0.4
 * gained 2 questions' top three; 0.6 and over put that row first for "AP uptime comms owner".
 */
export const MODEL_FULL_NAME_FOCUS = 0.4;

/**
 * Per concept of the question, for the row being scored, reused from question to question: what it is worth
 * with and without the row's phrasings, and which phrasings hold it (`words` 32-bit words each).
 */
interface ScoringWork {
  withPhrasings: Float64Array;
  withPhrasingsExact: Float64Array;
  withoutPhrasings: Float64Array;
  withoutPhrasingsExact: Float64Array;
  phrasingsOfSlot: Int32Array;
  /** Per phrasing of the row, the weight of the slots it holds. */
  weightInPhrasing: Float64Array;
  /** The phrasings holding every term of one alternative. */
  phrasingsOfAlternative: Int32Array;
}

/** Each index's scoring scratch, grown to the longest question yet (gone with the index). */
const scoringWorkOf = new WeakMap<SearchIndex, ScoringWork>();

function scoringWork(index: SearchIndex, slots: number): ScoringWork {
  const known = scoringWorkOf.get(index);
  if (known && known.withPhrasings.length >= slots) return known;
  const size = Math.max(slots, 16);
  const words = Math.max(1, index.maxPhrasingWords);
  const work: ScoringWork = {
    withPhrasings: new Float64Array(size),
    withPhrasingsExact: new Float64Array(size),
    withoutPhrasings: new Float64Array(size),
    withoutPhrasingsExact: new Float64Array(size),
    phrasingsOfSlot: new Int32Array(size * words),
    weightInPhrasing: new Float64Array(words * 32),
    phrasingsOfAlternative: new Int32Array(words),
  };
  scoringWorkOf.set(index, work);
  return work;
}

export function rank(index: SearchIndex, analysis: QueryAnalysis, options: RankOptions): Scored[] {
  // The second reading reorders the first few rows whatever the limit, so the first `limit` are the same for
  // any limit.
  const found = rankByWords(index, analysis, {
    ...options,
    limit: Math.max(options.limit, SECOND_READING.pool),
  });
  return reordered(index, analysis, found).slice(0, options.limit);
}

/** The rows the question's words find, best first (the first reading). */
function rankByWords(index: SearchIndex, analysis: QueryAnalysis, options: RankOptions): Scored[] {
  const { slots } = analysis;
  const totalWeight = slots.reduce((sum, slot) => sum + slot.weight, 0);
  if (slots.length === 0 || totalWeight === 0) return [];

  // Each slot's alternatives as term ids; alternatives with a term no row holds can never be met.
  const slotAlternatives = slots.map((slot) => {
    const alternatives: ResolvedAlternative[] = [];
    for (const alt of slot.alternatives) {
      const ids = alt.phrase.map((term) => index.idOf(term));
      if (ids.length === 0 || !ids.every((id) => id !== undefined)) continue;
      const rarest = (ids as number[]).reduce((a, b) =>
        index.postingCount(b) < index.postingCount(a) ? b : a,
      );
      alternatives.push({ ids: ids as number[], rarest, weight: alt.weight, fuzzy: alt.fuzzy });
    }
    return alternatives;
  });

  // Terms the question asks about, with the best weight it gives them, for the row-side measure.
  const asked = new Map<number, number>();
  for (const slot of slots) {
    // A model named as the place asked in ("on our hub") is not what the question is about.
    if (slot.place) continue;
    const weighed: [Phrase, number][] = slot.namesModel
      ? [[slot.alternatives[0]?.phrase ?? [], MODEL_NAME_FOCUS]]
      : slot.alternatives.map((alt) => [alt.phrase, alt.weight]);
    // "AP": the name it stands for too, at a smaller share (not the model's other names: "data processing"
    // for "ovh" would lift every row that mentions it).
    const spelt = slot.namesModel ? index.standsFor(slot.typed) : undefined;
    if (spelt) weighed.push([spelt.map((word) => index.stemOf(word)), MODEL_FULL_NAME_FOCUS]);
    for (const [phrase, weight] of weighed) {
      for (const term of phrase) {
        const id = index.idOf(term);
        if (id !== undefined) asked.set(id, Math.max(asked.get(id) ?? 0, weight));
      }
    }
  }
  // Per term id, its idf times the weight the question asks it with (0 if not asked): set by visitCandidates
  // for as long as it visits rows, which is when rows are scored.
  const { askedIdf } = index.rankingWork();
  const echoIds = [...analysis.stopwords].flatMap((term) => index.idOf(term) ?? []);

  const maxWords = Math.max(1, index.maxPhrasingWords);
  // Per slot, for a row with phrasings: reused from row to row (and question to question), not allocated.
  const scratch = scoringWork(index, slots.length);
  const found: Found = { mask: 0, withoutPhrasings: 0, phrasings: scratch.phrasingsOfAlternative };
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
  /** Whether phrasing p of the row being scored holds slot i (scratch.phrasingsOfSlot). */
  const holds = (i: number, p: number) =>
    ((scratch.phrasingsOfSlot[i * maxWords + (p >>> 5)] as number) & (1 << (p & 31))) !== 0;
  const score = (position: number): Scored | undefined => {
    let met = 0;
    let metAtAll = 0;
    let metExactly = 0;
    // Weight met within each field, in FIELD_BITS order: responsibility, section, notes, model, phrasing.
    let inResponsibility = 0;
    let inSection = 0;
    let inNotes = 0;
    let inModel = 0;
    let missesOutside = false;
    let namesOnly = true;
    // Rows with phrasings: per slot, what it is worth with and without them and which phrasings hold it.
    const phrasingsOfRow = index.phrasings.get(position);
    const words = phrasingsOfRow?.words ?? 0;
    const slotPhrasings = scratch.phrasingsOfSlot;
    if (phrasingsOfRow) slotPhrasings.fill(0, 0, slots.length * maxWords);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as Slot;
      let best = 0;
      let bestExact = 0;
      let fields = 0;
      let rest = 0;
      let restExact = 0;
      for (const alt of slotAlternatives[i] as ResolvedAlternative[]) {
        const match = altMatch(index, position, phrasingsOfRow, alt, found);
        if (match === 0) continue;
        fields |= found.mask;
        if (phrasingsOfRow)
          for (let w = 0; w < words; w++) {
            const at = i * maxWords + w;
            slotPhrasings[at] = (slotPhrasings[at] as number) | (found.phrasings[w] as number);
          }
        if (match > best) best = match;
        if (!alt.fuzzy && match > bestExact) bestExact = match;
        if (found.withoutPhrasings > rest) rest = found.withoutPhrasings;
        if (!alt.fuzzy && found.withoutPhrasings > restExact) restExact = found.withoutPhrasings;
      }
      if (phrasingsOfRow) {
        scratch.withPhrasings[i] = best;
        scratch.withPhrasingsExact[i] = bestExact;
        scratch.withoutPhrasings[i] = rest;
        scratch.withoutPhrasingsExact[i] = restExact;
      }
      if (slot.kind === "outside" && best === 0) missesOutside = true;
      if (best > 0 && !slot.namesModel && !slot.everyday) namesOnly = false;
      met += slot.weight * best;
      if (best > 0) metAtAll += slot.weight;
      metExactly += slot.weight * bestExact;
      // A model's name is met by all its rows through the model field: no sign of concepts found together.
      if (slot.namesModel) fields &= ~FIELD_BITS.model;
      if (slot.place) fields = 0;
      if (fields & FIELD_BITS.responsibility) inResponsibility += slot.weight;
      if (fields & FIELD_BITS.section) inSection += slot.weight;
      if (fields & FIELD_BITS.notes) inNotes += slot.weight;
      if (fields & FIELD_BITS.model) inModel += slot.weight;
    }
    let inPhrasing = 0;
    if (phrasingsOfRow) {
      // Cohesion counts one phrasing at a time; the phrasing meeting most of the question counts fully, and
      // concepts met only in other phrasings count a share.
      // Slot by slot over the set bits only: a row has dozens of phrasings, a slot is in few of them.
      const within = scratch.weightInPhrasing;
      within.fill(0, 0, phrasingsOfRow.count);
      for (let i = 0; i < slots.length; i++) {
        const weight = (slots[i] as Slot).weight;
        for (let w = 0; w < words; w++) {
          let bits = slotPhrasings[i * maxWords + w] as number;
          while (bits !== 0) {
            const lowest = bits & -bits;
            const p = w * 32 + 31 - Math.clz32(lowest);
            within[p] = (within[p] as number) + weight;
            bits ^= lowest;
          }
        }
      }
      let bestPhrasing = 0;
      for (let p = 0; p < phrasingsOfRow.count; p++) {
        if ((within[p] as number) > inPhrasing) {
          inPhrasing = within[p] as number;
          bestPhrasing = p;
        }
      }
      // A topic no model covers ("laptop") found only in a phrasing counts only beside another concept of the
      // question in that phrasing: "upload data from my laptop", not "my laptop screen is cracked".
      for (let i = 0; i < slots.length && !missesOutside; i++) {
        if ((slots[i] as Slot).kind !== "outside" || (scratch.withoutPhrasings[i] as number) > 0) continue;
        let beside = false;
        for (let p = 0; p < phrasingsOfRow.count && !beside; p++) {
          if (!holds(i, p)) continue;
          for (let j = 0; j < slots.length && !beside; j++) {
            const other = slots[j] as Slot;
            beside =
              j !== i && other.kind === "domain" && !other.namesModel && !other.everyday && holds(j, p);
          }
        }
        if (!beside) missesOutside = true;
      }
      met = 0;
      metExactly = 0;
      for (let i = 0; i < slots.length; i++) {
        const weight = (slots[i] as Slot).weight;
        const share = holds(i, bestPhrasing) ? 1 : SCATTERED_PHRASING_SHARE;
        met +=
          weight *
          Math.max(scratch.withoutPhrasings[i] as number, (scratch.withPhrasings[i] as number) * share);
        metExactly +=
          weight *
          Math.max(
            scratch.withoutPhrasingsExact[i] as number,
            (scratch.withPhrasingsExact[i] as number) * share,
          );
      }
    }
    const coverage = met / totalWeight;
    if (coverage === 0) return undefined;
    const entry = index.rows[position] as IndexedRow;
    const breadth = metAtAll / totalWeight;
    const cohesion = Math.max(inResponsibility, inSection, inNotes, inModel, inPhrasing) / totalWeight;
    const preferred = options.preferModelId === entry.model.id ? SCORE.preferredModel : 0;
    const base = SCORE.coverage * coverage + SCORE.breadth * breadth + SCORE.cohesion * cohesion + preferred;
    // A row that cannot reach the current top even with full focus is not worth the rest (nor an object).
    const kth = top.length >= options.limit ? top[top.length - 1] : undefined;
    if (kth && base + SCORE.focus + SCORE.stopwordEcho * echoIds.length < kth.score) return undefined;

    let topicAsked = 0;
    const topicEnd = index.topicStart[position + 1] as number;
    for (let at = index.topicStart[position] as number; at < topicEnd; at++)
      topicAsked += askedIdf[index.topicIds[at] as number] as number;
    let echoes = 0;
    if (entry.row.responsibility)
      for (const id of echoIds) if (WEIGHT_OF_FIELDS[index.fieldsOf(position, id)] === 1) echoes++;
    const topicWeight = index.topicWeights[position] as number;
    const focus = topicWeight > 0 ? topicAsked / topicWeight : 0;
    const total =
      SCORE.coverage * coverage +
      SCORE.breadth * breadth +
      SCORE.cohesion * cohesion +
      SCORE.focus * focus +
      preferred +
      SCORE.stopwordEcho * echoes;
    if (kth && total < kth.score) return undefined;
    return {
      entry,
      coverage,
      breadth,
      cohesion,
      exactCoverage: metExactly / totalWeight,
      focus,
      missesOutside,
      namesOnly,
      score: total,
      preferred,
      likeness: 0,
      likenessBeyondNames: 0,
    };
  };

  // Only rows sharing a concept with the question are looked at, and only those that can still enter the top
  // `limit` are scored (see visitCandidates): the result is the same as scoring every row.
  const ranges =
    options.modelIds && options.modelIds.length > 0
      ? [...new Set(options.modelIds)].flatMap((id) => index.modelRanges.get(id) ?? [])
      : [{ start: 0, end: index.rows.length }];
  const shares = {
    coverage: SCORE.coverage,
    measures: SCORE.breadth + SCORE.cohesion,
    focus: SCORE.focus,
    bonus: (options.preferModelId ? SCORE.preferredModel : 0) + SCORE.stopwordEcho * echoIds.length,
  };
  const query = {
    slots: slots.map((slot, i) => ({ weight: slot.weight, alternatives: slotAlternatives[i] ?? [] })),
    asked,
    ranges,
    shares,
  };
  const threshold = () =>
    top.length >= options.limit ? (top[top.length - 1] as Scored).score : Number.NEGATIVE_INFINITY;
  visitCandidates(
    index,
    query,
    (position) => {
      const scored = score(position);
      if (scored) offer(scored);
    },
    threshold,
  );
  return top;
}

/**
 * The question's words but those said around it (QueryAnalysis.aside), a model's initials spelt out: all of
 * them, and those beyond the models' names.
 */
function wordsRead(index: SearchIndex, analysis: QueryAnalysis): { all: string[]; beyondNames: string[] } {
  const within = (at: number, span: { at: number; length: number }) =>
    at >= span.at && at < span.at + span.length;
  const names = analysis.slots.filter((slot) => slot.namesModel);
  const all: string[] = [];
  const beyondNames: string[] = [];
  analysis.typed.forEach((word, at) => {
    if (analysis.aside.some((aside) => within(at, aside))) return;
    const name = names.find((slot) => within(at, slot));
    if (!name) beyondNames.push(word);
    all.push(...((name?.length === 1 && index.standsFor(word)) || [word]));
  });
  return { all, beyondNames };
}

/** The rows found, the first few in order of both readings (SECOND_READING). */
function reordered(index: SearchIndex, analysis: QueryAnalysis, found: Scored[]): Scored[] {
  if (found.length === 0) return found;
  const read = wordsRead(index, analysis);
  const question = gramVectorOfWords(read.all);
  const beyondNames =
    read.beyondNames.length === read.all.length ? question : gramVectorOfWords(read.beyondNames);
  const grams = rowGramsOf(index);
  const pool = found.slice(0, SECOND_READING.pool);
  for (const scored of pool) {
    const row = grams.of(scored.entry.position);
    scored.likeness = likeness(question, row);
    scored.likenessBeyondNames = beyondNames === question ? scored.likeness : likeness(beyondNames, row);
  }
  // A stable sort: rows alike in both readings keep the ranking's order.
  pool.sort((a, b) => orderScore(b) - orderScore(a));
  return [...pool, ...found.slice(SECOND_READING.pool)];
}
