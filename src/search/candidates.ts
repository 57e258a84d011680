// Which rows a question can reach, and in what order to score them: max-score pruning over the postings.
import { BOUND_BUCKETS, IN_TOPIC, type SearchIndex, WEIGHT_OF_FIELDS } from "./index.ts";

/** A concept of the question as the postings see it: its weight, and its alternatives as term ids. */
export interface SlotTerms {
  weight: number;
  alternatives: readonly {
    ids: readonly number[];
    /** The term of `ids` the fewest rows hold: a row meeting the alternative holds it. */
    rarest: number;
    weight: number;
  }[];
}

/** How a score is made of a row's measures, for bounding it (see SCORE in rank.ts). */
export interface ScoreShares {
  /** A slot met counts at most this share of its weight for coverage, times its alternative's worth. */
  coverage: number;
  /** A slot met counts at most this share of its weight for breadth and cohesion together. */
  measures: number;
  focus: number;
  /** The most any row gets besides its measures and focus (default-model lift, stopword echoes). */
  bonus: number;
}

export interface CandidateQuery {
  slots: readonly SlotTerms[];
  /** Term ids the question asks about and their weight, for the focus (see rank.ts). */
  asked: ReadonlyMap<number, number>;
  /** Only rows at these positions (start up to end). */
  ranges: readonly { start: number; end: number }[];
  shares: ScoreShares;
}

/**
 * A slot whose rows number more than this is not read until the best rows of the heavier slots have been
 * scored: by then the top may be out of reach for rows that do not hold a heavier slot, and its rows need not
 * be read.
 */
const SCAN_FREELY = 4096;
/** How many of the best rows so far are scored to see whether the slots left need reading. */
const PROBE = 16;
/**
 * Bounds are summed in 32-bit floats and in another order than the score: a bound this close to the top is not
 * trusted to miss it.
 */
const EPSILON = 1e-5;
/** `mark` of a row scored or ruled out. */
const DONE = 0xffff;

/**
 * Calls `visit` with each row that may score at least `threshold()` (the current top's last score, or -Infinity
 * while the top is not full), highest upper bound first; rows that cannot reach it are never scored. The rows
 * reached are those holding the rarest term of some slot's alternative (a row meeting an alternative holds all
 * its terms), and each gets an upper bound of its score from the postings alone:
 *
 * - a slot adds its weight for breadth and cohesion, and for coverage its alternative's weight times the best
 *   its terms can be worth given the fields the rarest is found in;
 * - focus: the asked terms read in the row's topic, and the most the asked terms not read could add, over the
 *   row's topic weight;
 * - the bonuses, for every row.
 *
 * Slots are read heaviest first (MaxScore). Before a slot with many rows is read, the best rows so far are
 * scored; if the slots still unread cannot then lift a row holding none of the others into the top, no row is
 * reached any more: a question with common words ("data", "service") scores only rows holding its rarer ones.
 */
export function visitCandidates(
  index: SearchIndex,
  query: CandidateQuery,
  visit: (position: number) => void,
  threshold: () => number,
): void {
  const { slots, shares, ranges, asked } = query;
  const { state, mark, touched, askedIdf, pending, bounds, buckets, sorted, bucketStarts } =
    index.rankingWork();
  const { postings, postingFields, postingStart } = index;
  if (slots.length >= DONE) throw new Error(`a question of ${slots.length} concepts is too long to rank`);
  const totalWeight = slots.reduce((sum, slot) => sum + slot.weight, 0);
  const order = slots
    .map((slot, i) => ({
      i,
      most:
        slot.alternatives.length === 0
          ? 0
          : (slot.weight *
              (shares.coverage * Math.max(...slot.alternatives.map((alt) => alt.weight)) + shares.measures)) /
            totalWeight,
      postings: slot.alternatives.reduce((sum, alt) => sum + index.postingCount(alt.rarest), 0),
    }))
    .filter((entry) => entry.most > 0)
    .sort((a, b) => b.most - a.most || a.postings - b.postings);
  // rest[j]: the most the slots order[j] and after can add to a row's measures.
  const rest = new Float64Array(order.length + 1);
  for (let j = order.length - 1; j >= 0; j--) rest[j] = (rest[j + 1] as number) + (order[j]?.most ?? 0);

  let focusMost = 0;
  // What asked terms not read yet can add to a row's focus, times its topic weight.
  let focusUnread = 0;
  for (const [id, weight] of asked) {
    focusMost += index.focusBoundOf(id) * weight;
    askedIdf[id] = index.idfOfId(id) * weight;
    focusUnread += askedIdf[id] as number;
  }
  const beyondMeasures = shares.focus * Math.min(1, focusMost) + shares.bonus;

  let count = 0;
  // Terms whose rows have been read: their share of the focus is in the rows' state.
  const readTerms = new Set<number>();
  // Reads slot i's rows; once the top is out of reach of rows not reached yet, only reached rows are updated.
  const readSlot = (i: number, reachNew: boolean) => {
    const slot = slots[i] as SlotTerms;
    const flat = (slot.weight * shares.measures) / totalWeight;
    const slotMark = i + 1;
    for (const alt of slot.alternatives) {
      const others = alt.ids.length - 1;
      const scale = (alt.weight * slot.weight * shares.coverage) / alt.ids.length / totalWeight;
      const focusShare = readTerms.has(alt.rarest) ? 0 : (askedIdf[alt.rarest] as number);
      const from = postingStart[alt.rarest] as number;
      const to = postingStart[alt.rarest + 1] as number;
      for (const { start, end } of ranges)
        for (let at = firstAtLeast(postings, from, to, start); at < to; at++) {
          const position = postings[at] as number;
          if (position >= end) break;
          const marked = mark[position] as number;
          if (marked === DONE || (marked === 0 && !reachNew)) continue;
          const fields = postingFields[at] as number;
          const value = scale * ((WEIGHT_OF_FIELDS[fields & ~IN_TOPIC] as number) + others) + flat;
          const row = 4 * position;
          if (marked !== slotMark) {
            if (marked === 0) touched[count++] = position;
            mark[position] = slotMark;
            state[row + 1] = value;
            state[row] = (state[row] as number) + value;
          } else if (value > (state[row + 1] as number)) {
            state[row] = (state[row] as number) + value - (state[row + 1] as number);
            state[row + 1] = value;
          }
          // Counted once per alternative: a term shared by two of them is counted twice, which a bound allows.
          if (fields & IN_TOPIC) state[row + 2] = (state[row + 2] as number) + focusShare;
        }
    }
    for (const alt of slot.alternatives) {
      if (readTerms.has(alt.rarest)) continue;
      readTerms.add(alt.rarest);
      focusUnread -= askedIdf[alt.rarest] as number;
    }
  };

  // A row's focus bound from its state, and its focus as the score works it out (dearer: three reads apart).
  const focusBound = (row: number) => {
    const topicWeight = state[row + 3] as number;
    return topicWeight > 0 ? Math.min(1, ((state[row + 2] as number) + focusUnread) / topicWeight) : 0;
  };
  const { topicIds, topicStart, topicWeights } = index;
  const focusOf = (position: number) => {
    const topicWeight = topicWeights[position] as number;
    if (!(topicWeight > 0)) return 0;
    let topicAsked = 0;
    for (let at = topicStart[position] as number; at < (topicStart[position + 1] as number); at++)
      topicAsked += askedIdf[topicIds[at] as number] as number;
    return Math.min(1, topicAsked / topicWeight);
  };

  // Visits the rows reached and not yet visited that may reach the top, highest bound first, up to `most` of
  // them. A probe sorts them by what they met; the last pass, with every slot read, adds focus and bonuses.
  const visitBest = (last: boolean, most: number) => {
    let size = 0;
    let highest = 0;
    for (let k = 0; k < count; k++) {
      const position = touched[k] as number;
      if (mark[position] === DONE) continue;
      const row = 4 * position;
      let bound = state[row] as number;
      if (last) bound += shares.focus * focusBound(row) + shares.bonus;
      pending[size] = position;
      bounds[size++] = bound;
      if (bound > highest) highest = bound;
    }
    // A counting sort into buckets, highest first (as many as rows, up to BOUND_BUCKETS); `starts[b]` ends up
    // where bucket b + 1 starts.
    const bucketCount = Math.min(BOUND_BUCKETS, Math.max(16, size));
    const starts = bucketStarts.fill(0, 0, bucketCount + 1);
    const scale = highest > 0 ? bucketCount / highest : 0;
    for (let k = 0; k < size; k++) {
      const b = bucketCount - 1 - Math.min(bucketCount - 1, Math.floor((bounds[k] as number) * scale));
      buckets[k] = b;
      starts[b + 1] = (starts[b + 1] as number) + 1;
    }
    for (let b = 1; b <= bucketCount; b++) starts[b] = (starts[b] as number) + (starts[b - 1] as number);
    for (let k = 0; k < size; k++) {
      const b = buckets[k] as number;
      sorted[starts[b] as number] = k;
      starts[b] = (starts[b] as number) + 1;
    }
    let bucket = 0;
    let visited = 0;
    for (let s = 0; s < size && visited < most; s++) {
      while (s >= (starts[bucket] as number)) bucket++;
      // A bucket's rows are below its upper edge: once that is out of reach, so is every row after it.
      if (s % 64 === 0 && ((bucketCount - bucket) / bucketCount) * highest + EPSILON < threshold()) break;
      const k = sorted[s] as number;
      if ((bounds[k] as number) + EPSILON < threshold()) continue;
      const position = pending[k] as number;
      // Out of reach now is out of reach for good: the top only gets better.
      mark[position] = DONE;
      if (last) {
        const closer = (bounds[k] as number) + shares.focus * (focusOf(position) - focusBound(4 * position));
        if (closer + EPSILON < threshold()) continue;
      }
      visit(position);
      visited++;
    }
  };

  // The state is the index's, shared by every question: left clean whatever happens, or later questions
  // would start from this one's marks.
  try {
    // Rows not reached by the slots read so far meet none of them: once even the unread slots cannot bring
    // such a row into the top, no row is reached any more, but the rest are still read for the rows already
    // reached, whose bounds they tighten (reading a posting costs far less than scoring a row).
    let reachNew = true;
    for (let j = 0; j < order.length; j++) {
      const entry = order[j] as { i: number; postings: number };
      if (reachNew && j > 0 && entry.postings > SCAN_FREELY) {
        visitBest(false, PROBE);
        if ((rest[j] as number) + beyondMeasures + EPSILON < threshold()) reachNew = false;
      }
      readSlot(entry.i, reachNew);
    }
    visitBest(true, Number.POSITIVE_INFINITY);
  } finally {
    for (let k = 0; k < count; k++) {
      const position = touched[k] as number;
      mark[position] = 0;
      state[4 * position] = 0;
      state[4 * position + 1] = 0;
      state[4 * position + 2] = 0;
    }
    for (const id of asked.keys()) askedIdf[id] = 0;
  }
}

/** The first index in [from, to) of a sorted array whose value is at least `value` (`to` if none). */
function firstAtLeast(values: Int32Array, from: number, to: number, value: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((values[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
