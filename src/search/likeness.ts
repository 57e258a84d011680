// A second reading of a question, independent of the first: how alike its letters are to a row's text and
// phrasings, as character 3- to 5-grams of each word (cosine of their counts). It knows no synonyms, stems or
// weights, so it fails differently from the ranking: it forgives typos and inflections the speller and stemmer
// miss ("securty polices", "dee pia"), and where the two readings agree on a row, that row is more surely
// meant than either shows alone.
import type { SearchIndex } from "./index.ts";
import { words } from "./text.ts";

/** A text's grams: per gram (a 32-bit hash), its weight; the weights' squares sum to 1. */
export type GramVector = Map<number, number>;

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

/** Counts each word's grams, the word padded with a space each side (" ap " has " ap", "ap " and " ap "). */
function countGrams(text: string, counts: Map<number, number>, skip?: ReadonlySet<string>): void {
  for (const word of words(text)) {
    if (skip?.has(word)) continue;
    const padded = ` ${word} `;
    for (let size = SHORTEST_GRAM; size <= LONGEST_GRAM; size++) {
      // A word shorter than the gram counts once, whole.
      const last = Math.max(0, padded.length - size);
      for (let at = 0; at <= last; at++) {
        const key = hashOf(padded, at, Math.min(at + size, padded.length));
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
}

/** The grams of some texts together, each counted 1 + ln(count) (a gram repeated says less each time). */
export function gramVector(texts: readonly string[], skip?: ReadonlySet<string>): GramVector {
  const counts = new Map<number, number>();
  for (const text of texts) countGrams(text, counts, skip);
  let squares = 0;
  for (const [key, count] of counts) {
    const weight = 1 + Math.log(count);
    counts.set(key, weight);
    squares += weight * weight;
  }
  const norm = Math.sqrt(squares);
  if (norm > 0) for (const [key, weight] of counts) counts.set(key, weight / norm);
  return counts;
}

/** 0..1: the cosine of two gram vectors. */
export function likeness(a: GramVector, b: GramVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [key, weight] of small) sum += weight * (large.get(key) ?? 0);
  return sum;
}

/** How many rows' vectors are kept: those of the rows questions find, not of a whole 100,000-row catalogue. */
export const KEPT_ROWS = 1024;

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
    if (!row || !model) return new Map();
    const phrasings = this.index.lexicon.phrasings.get(model.id)?.rows[row.id] ?? [];
    const vector = gramVector([row.responsibility, row.section, row.notes, ...phrasings], undefined);
    this.vectors.set(position, vector);
    if (this.vectors.size > KEPT_ROWS) {
      const oldest = this.vectors.keys().next().value;
      if (oldest !== undefined) this.vectors.delete(oldest);
    }
    return vector;
  }
}
