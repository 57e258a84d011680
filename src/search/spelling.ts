// Typo tolerance: a question word the rows never use is matched to the nearest word they do use.
import Fuse from "fuse.js";

export interface Correction {
  word: string;
  /** 0..1: 1 is the same word. */
  similarity: number;
}

/** Words this short are too easy to mistake for another ("lab" → "log"): they must be typed right. */
const MIN_WORD_LENGTH = 4;
const MAX_CACHE = 5_000;

/** Edits allowed for a word of this length: one slip in a short word, two in a long one. */
export function allowedEdits(length: number): number {
  return length >= 8 ? 2 : 1;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swapped neighbours. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  const at = (i: number, j: number) => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(a.length, b.length);
}

/** Letters are counted in this many buckets (by char code, so a few share one): few enough to scan. */
const LETTER_BUCKETS = 64;

/** fuse.js, asked only to order words as many edits away: every word it is given is returned, in its order. */
const FUSE_OPTIONS = { threshold: 1, ignoreLocation: true, isCaseSensitive: true };

/**
 * The known words within the allowed edits of a word typed, fewest edits first; between words as many edits
 * away, fuse.js's order (how its letters match, in order). The vocabulary is not scanned with fuse.js: that
 * took ~4 ms for each word never seen before (every question with a new typo, name or slang word), and its
 * threshold dropped some slips of short words ("qutoa"). Only the words a slip could have come from are looked
 * at: within the allowed edits in length, and in letters counted (a slip changes at most two counts).
 */
export class Speller {
  /** The vocabulary by length: `byLength[n]` lists the words of n letters. */
  private readonly byLength: string[][] = [];
  private readonly cache = new Map<string, Correction[]>();
  /** Scratch: the word being corrected's letter counts minus a candidate's. */
  private readonly counts = new Int16Array(LETTER_BUCKETS);

  constructor(vocabulary: Iterable<string>) {
    for (const word of new Set(vocabulary)) {
      if (word.length < MIN_WORD_LENGTH - 1) continue;
      const sameLength = this.byLength[word.length];
      if (sameLength) sameLength.push(word);
      else this.byLength[word.length] = [word];
    }
  }

  /** Up to two known words within a slip or two of `word`, closest first; none for short words. */
  correct(word: string): Correction[] {
    if (word.length < MIN_WORD_LENGTH || word.length > 32) return [];
    const cached = this.cache.get(word);
    if (cached) return cached;
    const edits = allowedEdits(word.length);
    const near = this.candidates(word)
      .map((known) => ({ word: known, distance: editDistance(word, known) }))
      .filter((candidate) => candidate.distance > 0 && candidate.distance <= edits);
    const order =
      near.length > 2
        ? new Map(
            new Fuse(
              near.map((candidate) => candidate.word),
              FUSE_OPTIONS,
            )
              .search(word)
              .map((result, at) => [result.item, at]),
          )
        : undefined;
    const corrections = near
      .sort(
        (a, b) =>
          a.distance - b.distance ||
          (order?.get(a.word) ?? Number.POSITIVE_INFINITY) - (order?.get(b.word) ?? Number.POSITIVE_INFINITY),
      )
      .slice(0, 2)
      .map(({ word: known, distance }) => ({ word: known, similarity: 1 - distance / word.length }));
    if (this.cache.size >= MAX_CACHE) this.cache.clear();
    this.cache.set(word, corrections);
    return corrections;
  }

  /**
   * The known words that the slips allowed for `word` could have turned into it, judged by length and letter
   * counts: every word within those edits, and some that are not (the edit distance tells them apart).
   */
  candidates(word: string): string[] {
    const edits = allowedEdits(word.length);
    const { counts } = this;
    counts.fill(0);
    for (let i = 0; i < word.length; i++) {
      const bucket = word.charCodeAt(i) % LETTER_BUCKETS;
      counts[bucket] = (counts[bucket] as number) + 1;
    }
    const out: string[] = [];
    for (let length = word.length - edits; length <= word.length + edits; length++) {
      for (const known of this.byLength[length] ?? []) {
        // Letters in common, taken from the counts and given back after: the counts apart are what is not.
        let shared = 0;
        for (let i = 0; i < known.length; i++) {
          const bucket = known.charCodeAt(i) % LETTER_BUCKETS;
          const left = counts[bucket] as number;
          counts[bucket] = left - 1;
          if (left > 0) shared++;
        }
        for (let i = 0; i < known.length; i++) {
          const bucket = known.charCodeAt(i) % LETTER_BUCKETS;
          counts[bucket] = (counts[bucket] as number) + 1;
        }
        if (word.length + known.length - 2 * shared <= 2 * edits) out.push(known);
      }
    }
    return out;
  }
}
