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
  it("is where the question is asked after on/in/at (with or without a determiner)", () => {
    expect(modelSlot("who adds users on our hub", "hub")?.place).toBe(true);
    expect(modelSlot("who patches spark on ovh", "ovh")?.place).toBe(true);
    expect(modelSlot("who adds users in the AP", "ap")?.place).toBe(true);
  });

  it("after for/of it is as often what is asked about: no place", () => {
    expect(
      modelSlot("who creates accounts for the analytical platform", "analytical platform")?.place,
    ).toBeUndefined();
    expect(modelSlot("who handles upgrades of the hub", "hub")?.place).toBeUndefined();
  });

  it("is what the question is about when it is the object", () => {
    expect(modelSlot("who removes hubs", "hubs")?.place).toBeUndefined();
    expect(modelSlot("who removes the old hubs", "hubs")?.place).toBeUndefined();
    expect(modelSlot("who adds students to our hub", "hub")?.place).toBeUndefined();
  });
});

describe("code pasted in backticks", () => {
  it("is read in its place at half weight: it can name what broke, the prose says what is asked", () => {
    const analysis = analyse("`ModuleNotFoundError: seaborn` on our hub, who adds the package?", index);
    const seaborn = analysis.slots.find((slot) => slot.typed === "seaborn");
    const prose = analyse("seaborn on our hub, who adds the package?", index).slots.find(
      (slot) => slot.typed === "seaborn",
    );
    expect(seaborn?.weight).toBeCloseTo((prose?.weight ?? 0) * 0.5);
    expect(analysis.typed.slice(0, 3)).toEqual(["modulenotfounderror", "seaborn", "on"]);
  });

  it("a fenced block too", () => {
    const analysis = analyse("who fixes this on the hub?\n```\nTraceback: seaborn missing\n```", index);
    const seaborn = analysis.slots.find((slot) => slot.typed === "seaborn");
    const prose = analyse("who fixes this on the hub? seaborn", index).slots.find(
      (slot) => slot.typed === "seaborn",
    );
    expect(seaborn?.weight).toBeCloseTo((prose?.weight ?? 0) * 0.5);
  });
});

describe("parties offered as the possible answers", () => {
  const typedSlots = (question: string) => analyse(question, index).slots.map((slot) => slot.typed);

  it("are who is asked about, not what: “…, us or the client?” reads no “client”", () => {
    expect(typedSlots("who picks where our data is kept, us or the client?")).not.toContain("client");
    expect(typedSlots("who adds users to the hub, the community or 2i2c")).not.toContain("community");
    expect(typedSlots("who keeps the data in france: ovh and/or the client?")).not.toContain("client");
  });

  it("a party named alone is still read", () => {
    expect(typedSlots("who supports the client with data kept in france")).toContain("client");
  });
});

describe("a ticket's key or a law's article cited", () => {
  const typedWords = (question: string) => analyse(question, index).typed;

  it("is which ticket, never what: a Jira key or a ServiceNow number is not read", () => {
    expect(typedWords("JIRA-2231: Airflow DAG stuck in queued state")).toEqual(
      typedWords("Airflow DAG stuck in queued state"),
    );
    expect(typedWords("DATA-17 pip install timeout on AP")).toEqual(typedWords("pip install timeout on AP"));
    expect(typedWords("INC0012345 hub down for the class")).toEqual(typedWords("hub down for the class"));
  });

  it("nor is the article of a law an auditor cites", () => {
    expect(typedWords("GDPR Art 5(1)(e): who sets how long we keep datasets?")).toEqual(
      typedWords("GDPR: who sets how long we keep datasets?"),
    );
    expect(typedWords("under article 30, who keeps the records?")).toEqual(
      typedWords("under, who keeps the records?"),
    );
    expect(typedWords("who makes art for the hub")).toContain("art");
  });

  it("a key counts only where a pasted title puts it: first, or before a colon", () => {
    expect(typedWords("[DATA-17] pip install timeout on AP")).toEqual(
      typedWords("pip install timeout on AP"),
    );
    expect(typedWords("can I use GPT-4 on the AP")).toContain("gpt");
    expect(typedWords("who upgrades PYTHON-3 on the AP")).toContain("python");
    expect(typedWords("who completes the Art 35 (DPIA) on the AP?")).toContain("dpia");
  });

  it("a CVE names the flaw, and a version is no ticket", () => {
    expect(typedWords("who patches CVE-2024-3094 on ovh")).toContain("cve");
    expect(typedWords("python 3.11 on the hub")).toContain("3");
    expect(typedWords("is soc-2 covered")).toContain("soc");
  });
});

describe("who is asking, said first", () => {
  const slotWords = (question: string) => analyse(question, index).slots.map((slot) => slot.typed);

  it("is not a topic no model covers: “procurement here - …”", () => {
    expect(slotWords("procurement here - who does the DPIA paperwork?")).toEqual(
      slotWords("who does the DPIA paperwork?"),
    );
    expect(slotWords("who does the procurement paperwork?")).toContain("procurement");
  });

  it("nor is an apology for one's English", () => {
    expect(slotWords("sorry for my english, who restarts apps on the AP")).toEqual(
      slotWords("who restarts apps on the AP"),
    );
  });

  it("a word the models know is still read, and a question that says “here” is read whole", () => {
    expect(slotWords("backups here, who takes them?")).toContain("backups");
    expect(slotWords("who owns it here - the procurement?")).toContain("procurement");
    // A problem or a thing of one's own said first is what is asked, not who asks.
    expect(slotWords("payroll issue here - who do I ask on the AP?")).toContain("payroll");
    expect(slotWords("my laptop broke here - who fixes it on the AP?")).toContain("laptop");
  });
});
