// diff against the shipped models: any one row reworded a little is that row, reworded (its id kept);
// any one row dropped is one removal; any row's marks changed is an owner change on that row alone.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareModels } from "../../src/diff/compare.ts";
import { parseModelFile } from "../../src/model/load.ts";
import type { ModelFile } from "../../src/model/schema.ts";
import { MODELS, read } from "../import/helpers.ts";

const SHIPPED = ["moj-analytical-platform", "ovhcloud-data-processing", "2i2c-hubs"].map(
  (id) => parseModelFile(read(MODELS, `${id}.yml`), `${id}.yml`).model,
);

const withRow = (
  model: ModelFile,
  index: number,
  change: (row: ModelFile["rows"][number]) => ModelFile["rows"][number],
) => ({
  ...model,
  rows: model.rows.map((row, at) => (at === index ? change(row) : row)),
});

/** A typo a page might fix or make: one letter added, dropped or swapped, away from the ends. */
const typo = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom("insert", "delete", "replace"),
  letter: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"),
});

function applyTypo(text: string, { at, kind, letter }: { at: number; kind: string; letter: string }): string {
  const words = [...text.matchAll(/[A-Za-z]{4,}/g)];
  const word = words[at % Math.max(1, words.length)];
  if (!word || word.index === undefined) return `${text} ${letter}`;
  const i = word.index + 1 + (at % (word[0].length - 2));
  if (kind === "insert") return text.slice(0, i) + letter + text.slice(i);
  if (kind === "delete") return text.slice(0, i) + text.slice(i + 1);
  // A letter other than the one there, in either case ("requests" with its q replaced by q is no typo).
  const other =
    text[i]?.toLowerCase() === letter
      ? letter === "z"
        ? "a"
        : String.fromCharCode(letter.charCodeAt(0) + 1)
      : letter;
  return text.slice(0, i) + other + text.slice(i + 1);
}

describe("diff on the shipped models, property-tested", () => {
  it.each(SHIPPED.map((model) => ({ id: model.id, model })))(
    "$id: a typo in one row is that row, reworded",
    ({ model }) => {
      fc.assert(
        fc.property(fc.nat({ max: model.rows.length - 1 }), typo, (index, edit) => {
          const next = withRow(model, index, (row) => ({
            ...row,
            responsibility: applyTypo(row.responsibility, edit),
          }));
          const { changes, pairs } = compareModels(model, next);
          expect(changes.map((change) => change.kind)).toEqual(["row-reworded"]);
          expect(pairs.get(index)).toBe(index);
          expect(pairs.size).toBe(model.rows.length);
        }),
        { numRuns: 60 },
      );
    },
  );

  it.each(SHIPPED.map((model) => ({ id: model.id, model })))(
    "$id: one row dropped is one removal",
    ({ model }) => {
      fc.assert(
        fc.property(fc.nat({ max: model.rows.length - 1 }), (index) => {
          const next = { ...model, rows: model.rows.filter((_, at) => at !== index) };
          const { changes } = compareModels(model, next);
          expect(changes).toEqual([
            {
              kind: "row-removed",
              row: expect.objectContaining({ responsibility: model.rows[index]?.responsibility }),
            },
          ]);
        }),
        { numRuns: 40 },
      );
    },
  );

  it("a row's marks moved to another party is an owner change on that row alone", () => {
    const model = SHIPPED[0] as ModelFile;
    fc.assert(
      fc.property(
        fc.nat({ max: model.rows.length - 1 }),
        fc.constantFrom(...model.parties),
        (index, party) => {
          const next = withRow(model, index, (row) => ({ ...row, assignments: { [party]: "✅" } }));
          const { changes } = compareModels(model, next);
          const same = JSON.stringify(model.rows[index]?.assignments) === JSON.stringify({ [party]: "✅" });
          expect(changes.map((change) => change.kind)).toEqual(same ? [] : ["roles-changed"]);
        },
      ),
      { numRuns: 40 },
    );
  });
});
