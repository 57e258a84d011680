// The second reading: character grams of a question against a row's text and phrasings.
import { describe, expect, it } from "vitest";
import { generateCatalogue } from "../../bench/synthetic.ts";
import { loadCatalogue } from "../../src/model/load.ts";
import { SearchIndex } from "../../src/search/index.ts";
import { loadLexicon } from "../../src/search/lexicon.ts";
import { gramVector, KEPT_ROWS, likeness, rowGramsOf } from "../../src/search/likeness.ts";

describe("gram vectors", () => {
  it("are of unit length, so a text is wholly like itself and nothing is more", () => {
    const text = gramVector(["Implementing, enforcing and managing security rules"]);
    let squares = 0;
    for (const weight of text.weights) squares += weight * weight;
    expect(squares).toBeCloseTo(1, 10);
    expect(likeness(text, text)).toBeCloseTo(1, 10);
    expect(likeness(text, gramVector([]))).toBe(0);
  });

  it("find a typed word's row through its typos and endings, where whole words would not", () => {
    const asked = gramVector(["who sets teh securty polices"]);
    const meant = gramVector(["security policies"]);
    const other = gramVector(["choose the service location"]);
    expect(likeness(asked, meant)).toBeGreaterThan(2 * likeness(asked, other));
  });

  it("read words as the first reading does: case, accents and possessives aside", () => {
    expect(likeness(gramVector(["The HUB's Café"]), gramVector(["the hub cafe"]))).toBeCloseTo(1, 10);
  });
});

describe("rows' gram vectors", () => {
  it("are made once and kept for the rows asked about most recently, no more", () => {
    const shipped = loadCatalogue();
    const generated = generateCatalogue(shipped, { models: 4, rowsPerModel: 100, seed: 3 });
    const index = new SearchIndex({ models: [...shipped.models, ...generated.models] }, loadLexicon());
    expect(index.rows.length).toBeGreaterThan(KEPT_ROWS + 2);
    const grams = rowGramsOf(index);
    const first = grams.of(0);
    const second = grams.of(1);
    expect(grams.of(0)).toBe(first);
    // Fill the cache; row 0 is asked about again on the way, so row 1 is the least recently used.
    for (let position = 2; position <= KEPT_ROWS; position++) {
      grams.of(position);
      if (position === KEPT_ROWS / 2) grams.of(0);
    }
    expect(grams.kept).toBe(KEPT_ROWS);
    expect(grams.of(0)).toBe(first);
    const again = grams.of(1);
    expect(again).not.toBe(second);
    expect(grams.kept).toBe(KEPT_ROWS);
    // Made again, alike.
    expect(likeness(again, second)).toBeCloseTo(1, 10);
  });
});

describe("initialisms of models' names", () => {
  it("stand for the name of several words they are the initials of, and only those", () => {
    const index = new SearchIndex(loadCatalogue(), loadLexicon());
    expect(index.standsFor("ap")).toEqual(["analytical", "platform"]);
    expect(index.standsFor("dp")).toEqual(["data", "processing"]);
    // A name of one word ("moj", "ovh") stands for nothing else; nor does a word no name has as initials.
    for (const word of ["moj", "ovh", "api", "hub"]) expect(index.standsFor(word), word).toBeUndefined();
  });
});
