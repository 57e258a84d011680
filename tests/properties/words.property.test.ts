// Plain ASCII text is split by a loop over its characters rather than by patterns (it costs far less on a cold
// cache): the words must be exactly those the patterns give, which still read every other text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wordsByPatterns as byPatterns, words } from "../../src/search/text.ts";

// The characters where the two could part: apostrophes and backticks, "s" before and after them, "_" (a word
// character to \b, not to the split), whitespace and control characters, digits, capitals, and the idioms
// ("whose job", "the customer's call?") the patterns read before the loop would.
const pieces = fc.constantFrom(
  "a",
  "S",
  "s",
  "z",
  "0",
  "9",
  "_",
  "'",
  "`",
  "’",
  " ",
  "\t",
  "\n",
  "\r",
  "\x0b",
  "\x7f",
  "-",
  ".",
  "#",
  "é",
  "job",
  "Job",
  "call",
  " is",
  "?",
  "whose ",
  "'s ",
  "'S",
);

describe("words", () => {
  it("reads plain ASCII exactly as the patterns do", () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 16 }), (parts) => {
        const text = parts.join("");
        expect(words(text)).toEqual(byPatterns(text));
      }),
      { numRuns: 5000 },
    );
  });

  it("reads any text exactly as the patterns do", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (text) => {
        expect(words(text)).toEqual(byPatterns(text));
      }),
      { numRuns: 2000 },
    );
  });
});
