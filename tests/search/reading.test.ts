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

describe("code pasted inline", () => {
  it("is read after the prose, at half weight: it can name what broke, the prose says what is asked", () => {
    const analysis = analyse("`ModuleNotFoundError: seaborn` on our hub, who adds the package?", index);
    const seaborn = analysis.slots.find((slot) => slot.typed === "seaborn");
    const prose = analyse("seaborn on our hub, who adds the package?", index).slots.find(
      (slot) => slot.typed === "seaborn",
    );
    expect(seaborn?.weight).toBeCloseTo((prose?.weight ?? 0) * 0.5);
    // The prose comes first: the code's words follow it.
    expect(analysis.typed.slice(0, 3)).toEqual(["on", "our", "hub"]);
  });
});

describe("parties offered as the possible answers", () => {
  const typedSlots = (question: string) => analyse(question, index).slots.map((slot) => slot.typed);

  it("are who is asked about, not what: “…, us or the client?” reads no “client”", () => {
    expect(typedSlots("who picks where our data is kept, us or the client?")).not.toContain("client");
    expect(typedSlots("who adds users to the hub, the community or 2i2c")).not.toContain("community");
  });

  it("a party named alone is still read", () => {
    expect(typedSlots("who supports the client with data kept in france")).toContain("client");
  });
});
