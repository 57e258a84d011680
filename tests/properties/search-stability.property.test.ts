// Search is stable: the same question gets the same answer, and adding an unrelated model — one generated
// from the shipped rows' own words, the hardest kind of neighbour — never changes the answer to a question
// that names its model and asks about one of that model's rows.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "../../bench/prng.ts";
import { generateModelFile, paraphrase, vocabularyOf } from "../../bench/synthetic.ts";
import { createEngine } from "../../src/answer/create.ts";
import type { Answer } from "../../src/answer/types.ts";
import { buildModel } from "../../src/model/build.ts";
import { loadCatalogue } from "../../src/model/load.ts";
import type { Model, Row } from "../../src/model/types.ts";
import { loadLexicon } from "../../src/search/lexicon.ts";

const catalogue = loadCatalogue();
const lexicon = loadLexicon();
const shipped = createEngine(catalogue, lexicon);
const vocabulary = vocabularyOf(catalogue);

/** Rows by "<model id>/<row id>", so that a counterexample reads as the row it is about. */
const rows = new Map<string, { model: Model; row: Row }>(
  catalogue.models.flatMap((model) =>
    model.rows.map((row) => [`${model.id}/${row.id}`, { model, row }] as const),
  ),
);

/** `count` generated models (numbered from 900, so their names are nobody's alias), from `seed`. */
function neighbours(seed: number, count: number, size: number): Model[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, n) => {
    const file = generateModelFile(rng, vocabulary, 900 + n, size);
    return buildModel(file, { file: `generated/${file.id}.yml` });
  });
}

const top = (answer: Answer) => {
  const first = answer.matches[0];
  return { answered: answer.answered, top: first ? `${first.model}/${first.rowId}` : undefined };
};

/** A row, as its key: a counterexample then names the row rather than printing the whole model. */
const row = fc.constantFrom(...rows.keys());
const rowOf = (key: string) => rows.get(key) as { model: Model; row: Row };
const alias = (model: Model, pick: number) => {
  const names = model.aliases.length > 0 ? model.aliases : [model.name];
  return names[pick % names.length] as string;
};

describe("the same question", () => {
  it("gets the same answer from two engines built from the same data", () => {
    const again = createEngine(loadCatalogue(), loadLexicon());
    fc.assert(
      fc.property(row, fc.integer(), (key, seed) => {
        const { model, row } = rowOf(key);
        const question = paraphrase(createRng(seed), model, row);
        expect(JSON.stringify(again.ask(question))).toBe(JSON.stringify(shipped.ask(question)));
      }),
      { numRuns: 200 },
    );
  });
});

describe("adding an unrelated model", () => {
  it("never changes the answer to '<alias>: <a row's responsibility>'", () => {
    fc.assert(
      fc.property(row, fc.nat(), fc.integer(), fc.integer({ min: 1, max: 3 }), (key, pick, seed, count) => {
        const { model, row } = rowOf(key);
        const question = `${alias(model, pick)}: ${row.responsibility}`;
        const before = shipped.ask(question);
        expect(before.model).toBe(model.id);
        const grown = createEngine(
          { models: [...catalogue.models, ...neighbours(seed, count, 40)] },
          lexicon,
        );
        const after = grown.ask(question);
        expect(top(after)).toEqual(top(before));
        // Named rows are found: the row itself comes first, or one with the very same text.
        expect(after.matches[0]?.responsibility).toBe(row.responsibility);
      }),
      { numRuns: 60 },
    );
  });

  it("never takes a question naming its model elsewhere, however it is phrased", () => {
    fc.assert(
      fc.property(row, fc.nat(), fc.integer(), (key, pick, seed) => {
        const { model, row } = rowOf(key);
        const question = `${alias(model, pick)}: ${paraphrase(createRng(seed), { ...model, aliases: [] }, row)}`;
        const grown = createEngine({ models: [...catalogue.models, ...neighbours(seed, 2, 40)] }, lexicon);
        const after = grown.ask(question);
        // Only the model is promised: word weights are catalogue-wide, so a paraphrase whose confidence sits
        // at the threshold (or that ties rows by dropping the word between them) may tip either way.
        for (const match of after.matches) expect(match.model).toBe(model.id);
      }),
      { numRuns: 60 },
    );
  });
});
