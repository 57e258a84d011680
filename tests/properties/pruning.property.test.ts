// Pruning never changes a ranking: the top `limit` rows are the first `limit` of every row meeting the
// question scored in full (a limit as large as the catalogue prunes nothing). Over the shipped models beside
// 10,000 generated rows from their own words, where common words hold thousands of rows and the postings of
// some slots are left unread.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "../../bench/prng.ts";
import { generateCatalogue, paraphrase } from "../../bench/synthetic.ts";
import { loadCatalogue } from "../../src/model/load.ts";
import { SearchIndex } from "../../src/search/index.ts";
import { loadLexicon } from "../../src/search/lexicon.ts";
import { analyse } from "../../src/search/query.ts";
import { rank, type Scored } from "../../src/search/rank.ts";

const shipped = loadCatalogue();
const generated = generateCatalogue(shipped, { models: 100, rowsPerModel: 100, seed: 5 });
const catalogue = { models: [...shipped.models, ...generated.models] };
const index = new SearchIndex(catalogue, loadLexicon());
const rows = index.rows;

const ranking = (found: Scored[]) =>
  found.map((scored) => ({ row: scored.entry.position, score: scored.score }));

describe("pruned ranking", () => {
  it("gives the same top rows, in the same order, as scoring every row", () => {
    fc.assert(
      fc.property(
        fc.nat(rows.length - 1),
        fc.integer(),
        fc.integer({ min: 1, max: 10 }),
        fc.constantFrom("none", "own model", "prefer own model", "prefer another"),
        (at, seed, limit, scope) => {
          const { row, model } = rows[at] as (typeof rows)[number];
          const question = paraphrase(createRng(seed), model, row);
          const analysis = analyse(question, index);
          const other = catalogue.models[(at * 7) % catalogue.models.length]?.id;
          const options = {
            ...(scope === "own model" ? { modelIds: [model.id] } : { modelIds: analysis.modelIds }),
            ...(scope === "prefer own model" ? { preferModelId: model.id } : {}),
            ...(scope === "prefer another" && other ? { preferModelId: other } : {}),
          };
          const everyRow = rank(index, analysis, { ...options, limit: rows.length });
          const pruned = rank(index, analysis, { ...options, limit });
          expect(ranking(pruned)).toEqual(ranking(everyRow.slice(0, limit)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("meets questions whose common words hold thousands of rows", () => {
    const question = "who manages the analytical platform services and data";
    const analysis = analyse(question, index);
    const rowsHolding = (term: string) => {
      const id = index.idOf(term);
      return id === undefined ? 0 : index.postingCount(id);
    };
    const common = analysis.slots.filter((slot) =>
      slot.alternatives.some((alt) => alt.phrase.every((term) => rowsHolding(term) > 4096)),
    );
    expect(common.length).toBeGreaterThan(0);
    const everyRow = rank(index, analysis, { limit: rows.length });
    expect(ranking(rank(index, analysis, { limit: 5 }))).toEqual(ranking(everyRow.slice(0, 5)));
  });
});
