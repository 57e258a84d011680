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

/**
 * fuse.js finds candidates quickly in the vocabulary; an edit distance then keeps only real slips, since
 * fuse's scores also accept a word found inside a longer one ("answers" in "manages").
 */
export class Speller {
  private readonly fuse: Fuse<string>;
  private readonly cache = new Map<string, Correction[]>();

  constructor(vocabulary: Iterable<string>) {
    const list = [...new Set(vocabulary)].filter((word) => word.length >= MIN_WORD_LENGTH - 1);
    this.fuse = new Fuse(list, {
      includeScore: true,
      threshold: 0.35,
      ignoreLocation: true,
      isCaseSensitive: true,
    });
  }

  /** Up to two known words within a slip or two of `word`, closest first; none for short words. */
  correct(word: string): Correction[] {
    if (word.length < MIN_WORD_LENGTH || word.length > 32) return [];
    const cached = this.cache.get(word);
    if (cached) return cached;
    const corrections = this.fuse
      .search(word, { limit: 12 })
      .map((result) => ({ word: result.item, distance: editDistance(word, result.item) }))
      .filter((candidate) => candidate.distance > 0 && candidate.distance <= allowedEdits(word.length))
      .sort((a, b) => a.distance - b.distance)
      .slice(0, 2)
      .map(({ word: known, distance }) => ({ word: known, similarity: 1 - distance / word.length }));
    if (this.cache.size >= MAX_CACHE) this.cache.clear();
    this.cache.set(word, corrections);
    return corrections;
  }
}
