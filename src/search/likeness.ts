// A second reading of a question, independent of the first: how alike its letters are to a row's text and
// phrasings, as character 3- to 5-grams of each word (cosine of their counts). It knows no synonyms, stems or
// weights, so it fails differently from the ranking: it forgives typos and inflections the speller and stemmer
// miss ("securty polices", "dee pia"), and where the two readings agree on a row, that row is more surely
// meant than either shows alone.
import type { SearchIndex } from "./index.ts";
import { words } from "./text.ts";

/**
 * A text's grams, as typed arrays (a catalogue's rows hold thousands of them): each gram's 32-bit hash in
 * ascending order, and its weight at the same place; the weights' squares sum to 1.
 */
export interface GramVector {
  keys: Uint32Array;
  weights: Float64Array;
}

const SHORTEST_GRAM = 3;
const LONGEST_GRAM = 5;

/** FNV-1a of `text` from `start` to `end`: a gram's key without making a string of it. */
function hashOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let at = start; at < end; at++) {
    hash ^= text.charCodeAt(at);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Each word's grams, the word padded with a space each side (" hub " has " hu", "hub", "ub ", " hub",
 * "hub " and " hub "). A word shorter than a gram size is counted whole at that size, so the shortest words
 * ("ap", "os") count a little more, as scikit-learn's char_wb analyser that the weights were tried with does.
 */
function gramsOf(words: readonly string[]): Uint32Array {
  let total = 0;
  for (const word of words) total += 3 * (word.length + 2);
  const grams = new Uint32Array(total);
  let filled = 0;
  for (const word of words) {
    const padded = ` ${word} `;
    for (let size = SHORTEST_GRAM; size <= LONGEST_GRAM; size++) {
      const last = Math.max(0, padded.length - size);
      for (let at = 0; at <= last; at++)
        grams[filled++] = hashOf(padded, at, Math.min(at + size, padded.length));
    }
  }
  return grams.subarray(0, filled);
}

/** The grams of some texts together (their words as `words()` reads them). */
export function gramVector(texts: readonly string[]): GramVector {
  return gramVectorOfWords(texts.flatMap((text) => words(text)));
}

/**
 * The grams of words already read, each counted 1 + ln(count) (a gram repeated says less each time). Sorted,
 * a gram's repeats lie together: counted without a Map.
 */
export function gramVectorOfWords(words: readonly string[]): GramVector {
  const grams = gramsOf(words).sort();
  let distinct = 0;
  for (let at = 0; at < grams.length; at++) if (at === 0 || grams[at] !== grams[at - 1]) distinct++;
  const keys = new Uint32Array(distinct);
  const weights = new Float64Array(distinct);
  let squares = 0;
  for (let at = 0, slot = -1; at < grams.length; at++) {
    if (at === 0 || grams[at] !== grams[at - 1]) keys[++slot] = grams[at] as number;
    weights[slot] = (weights[slot] as number) + 1;
  }
  for (let slot = 0; slot < distinct; slot++) {
    const weight = 1 + Math.log(weights[slot] as number);
    weights[slot] = weight;
    squares += weight * weight;
  }
  const norm = Math.sqrt(squares);
  if (norm > 0) for (let slot = 0; slot < distinct; slot++) weights[slot] = (weights[slot] as number) / norm;
  return { keys, weights };
}

/** 0..1: the cosine of two gram vectors, walking both in key order. */
export function likeness(a: GramVector, b: GramVector): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  const { keys: aKeys, weights: aWeights } = a;
  const { keys: bKeys, weights: bWeights } = b;
  while (i < aKeys.length && j < bKeys.length) {
    const aKey = aKeys[i] as number;
    const bKey = bKeys[j] as number;
    if (aKey === bKey) sum += (aWeights[i++] as number) * (bWeights[j++] as number);
    else if (aKey < bKey) i++;
    else j = nextAtLeast(bKeys, aKey, j + 1);
  }
  return sum;
}

/** The first place from `from` whose key is at least `key` (a row's keys far outnumber a question's). */
function nextAtLeast(keys: Uint32Array, key: number, from: number): number {
  let low = from;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((keys[middle] as number) < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * How many rows' vectors are kept: those of the rows questions find, not of a whole catalogue. A shipped row's
 * phrasings make its vector slow to build (~0.3 ms), a generated row's is quick; 1,024 kept cost 100,000-row
 * catalogues ~35 MB of memory for nothing (their questions seldom find a row twice), 256 cost none measurable.
 */
export const KEPT_ROWS = 256;

const rowGramsByIndex = new WeakMap<SearchIndex, RowGrams>();

/** The row vectors of an index, made as they are needed. */
export function rowGramsOf(index: SearchIndex): RowGrams {
  let grams = rowGramsByIndex.get(index);
  if (!grams) {
    grams = new RowGrams(index);
    rowGramsByIndex.set(index, grams);
  }
  return grams;
}

/**
 * Rows' gram vectors, made when first asked for from the row's responsibility, section, notes and
 * phrasings, and kept for the rows asked about most recently.
 */
export class RowGrams {
  private readonly vectors = new Map<number, GramVector>();

  constructor(private readonly index: SearchIndex) {}

  /** How many rows' vectors are kept now. */
  get kept(): number {
    return this.vectors.size;
  }

  of(position: number): GramVector {
    const found = this.vectors.get(position);
    if (found) {
      // Most recently used last: Map keeps insertion order, so the first key is the one to drop.
      this.vectors.delete(position);
      this.vectors.set(position, found);
      return found;
    }
    const { row, model } = this.index.rows[position] ?? {};
    if (!row || !model) return gramVector([]);
    const phrasings = this.index.lexicon.phrasings.get(model.id)?.rows[row.id] ?? [];
    const vector = gramVector([row.responsibility, row.section, row.notes, ...phrasings]);
    this.vectors.set(position, vector);
    if (this.vectors.size > KEPT_ROWS) {
      const oldest = this.vectors.keys().next().value;
      if (oldest !== undefined) this.vectors.delete(oldest);
    }
    return vector;
  }
}
