// How a question is read (src/search/query.ts): which words are the topic, which only say where or why.
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/model/load.ts";
import { SearchIndex } from "../../src/search/index.ts";
import { loadLexicon } from "../../src/search/lexicon.ts";
import { analyse } from "../../src/search/query.ts";

const index = new SearchIndex(loadCatalogue(), loadLexicon());
const modelSlot = (question: string, name: string) =>
  analyse(question, index).slots.find((slot) => slot.namesModel && slot.typed === name);

describe("a model named in a question", () => {
  it("is where the question is asked after on/for/in (with or without a determiner)", () => {
    expect(modelSlot("who adds users on our hub", "hub")?.place).toBe(true);
    expect(modelSlot("who patches spark for ovh", "ovh")?.place).toBe(true);
    expect(modelSlot("who adds users in the AP", "ap")?.place).toBe(true);
  });

  it("is what the question is about when it is the object", () => {
    expect(modelSlot("who removes hubs", "hubs")?.place).toBeUndefined();
    expect(modelSlot("who removes the old hubs", "hubs")?.place).toBeUndefined();
    expect(modelSlot("who adds students to our hub", "hub")?.place).toBeUndefined();
  });
});
