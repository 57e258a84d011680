// The speller hands fuse.js only the words a slip could have come from (by length and letter counts) rather
// than the whole vocabulary: that shortlist must never leave out a word within the allowed edits.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allowedEdits, editDistance, Speller } from "../../src/search/spelling.ts";

const letters = fc.constantFrom(..."aeinorstlcdmpuxzé-0".split(""));
const word = fc.array(letters, { minLength: 3, maxLength: 12 }).map((chars) => chars.join(""));
/** A word and a few slips of it: a letter changed, dropped, added or swapped with its neighbour. */
const slips = fc.array(fc.tuple(fc.nat(3), fc.nat(20), letters), { minLength: 1, maxLength: 3 });
const slip = (start: string, changes: [number, number, string][]) =>
  changes.reduce((text, [kind, at, letter]) => {
    const i = at % Math.max(1, text.length);
    if (kind === 0) return text.slice(0, i) + letter + text.slice(i + 1);
    if (kind === 1) return text.slice(0, i) + text.slice(i + 1);
    if (kind === 2) return text.slice(0, i) + letter + text.slice(i);
    return text.slice(0, i) + (text[i + 1] ?? "") + (text[i] ?? "") + text.slice(i + 2);
  }, start);

/** A vocabulary and a word typed: mostly a slip of one of its words, so the words within reach are there. */
const typedAmong = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 60 }), fc.nat(), slips)
  .map(([vocabulary, pick, changes]) => ({
    vocabulary,
    typed: slip(vocabulary[pick % vocabulary.length] as string, changes),
  }));

describe("the speller's shortlist", () => {
  it("holds every known word within the edits allowed for the word typed", () => {
    fc.assert(
      fc.property(typedAmong, ({ vocabulary, typed }) => {
        const shortlist = new Set(new Speller(vocabulary).candidates(typed));
        for (const known of vocabulary)
          if (known.length >= 3 && editDistance(typed, known) <= allowedEdits(typed.length))
            expect(shortlist.has(known), `${known} for ${typed}`).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("corrects to the closest known words within the allowed edits, whenever there is one", () => {
    fc.assert(
      fc.property(typedAmong, ({ vocabulary, typed }) => {
        if (typed.length < 4 || typed.length > 32) return;
        const allowed = allowedEdits(typed.length);
        const near = new Set(
          vocabulary.filter((known) => {
            const distance = editDistance(typed, known);
            return known.length >= 3 && distance > 0 && distance <= allowed;
          }),
        );
        const corrections = new Speller(vocabulary).correct(typed);
        expect(corrections.length).toBe(Math.min(2, near.size));
        for (const correction of corrections) expect(near.has(correction.word)).toBe(true);
        const closest = Math.min(...[...near].map((known) => editDistance(typed, known)));
        if (corrections[0]) expect(editDistance(typed, corrections[0].word)).toBe(closest);
      }),
      { numRuns: 400 },
    );
  });

  it("corrects a slip to the word it came from", () => {
    const speller = new Speller(["permissions", "environment", "restore", "bucket"]);
    expect(speller.correct("permisions")[0]?.word).toBe("permissions");
    expect(speller.correct("enviroment")[0]?.word).toBe("environment");
    expect(speller.correct("restor")[0]?.word).toBe("restore");
    expect(speller.correct("buckte")[0]?.word).toBe("bucket");
    expect(speller.correct("zzzzzz")).toEqual([]);
    // A swap of two letters inside a short word: fuse.js's threshold alone had dropped these.
    expect(new Speller(["quota", "admin"]).correct("qutoa")[0]?.word).toBe("quota");
    expect(new Speller(["quota", "admin"]).correct("amdin")[0]?.word).toBe("admin");
  });
});
