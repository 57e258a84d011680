// How a question is read (src/search/query.ts): which words are the topic, which only say where or why.
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/model/load.ts";
import { SearchIndex } from "../../src/search/index.ts";
import { loadLexicon } from "../../src/search/lexicon.ts";
import { analyse } from "../../src/search/query.ts";

const index = new SearchIndex(loadCatalogue(), loadLexicon());
/** `question` is read as `plain` is: what it adds to it is not read. */
const readsAs = (read: (question: string) => string[], question: string, plain: string) =>
  expect(read(question)).toEqual(read(plain));
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
  /** The weight "seaborn" is read at; a question that does not read it fails the test. */
  const seabornWeight = (question: string) => {
    const slot = analyse(question, index).slots.find((found) => found.typed === "seaborn");
    if (!slot) throw new Error(`"seaborn" is not read in: ${question}`);
    return slot.weight;
  };

  it("is read in its place at half weight: it can name what broke, the prose says what is asked", () => {
    const pasted = "`ModuleNotFoundError: seaborn` on our hub, who adds the package?";
    expect(seabornWeight(pasted)).toBeCloseTo(
      seabornWeight("seaborn on our hub, who adds the package?") * 0.5,
    );
    const analysis = analyse(pasted, index);
    expect(analysis.typed.slice(0, 3)).toEqual(["modulenotfounderror", "seaborn", "on"]);
  });

  it("a fenced block too", () => {
    expect(seabornWeight("who fixes this on the hub?\n```\nTraceback: seaborn missing\n```")).toBeCloseTo(
      seabornWeight("who fixes this on the hub? seaborn") * 0.5,
    );
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
    readsAs(typedWords, "JIRA-2231: Airflow DAG stuck in queued state", "Airflow DAG stuck in queued state");
    readsAs(typedWords, "DATA-17 pip install timeout on AP", "pip install timeout on AP");
    readsAs(typedWords, "INC0012345 hub down for the class", "hub down for the class");
  });

  it("nor is the article of a law an auditor cites", () => {
    readsAs(
      typedWords,
      "GDPR Art 5(1)(e): who sets how long we keep datasets?",
      "GDPR: who sets how long we keep datasets?",
    );
    readsAs(typedWords, "under article 30, who keeps the records?", "under, who keeps the records?");
    expect(typedWords("who makes art for the hub")).toContain("art");
  });

  it("a key counts only where a pasted title puts it: first, or before a colon", () => {
    readsAs(typedWords, "[DATA-17] pip install timeout on AP", "pip install timeout on AP");
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
    readsAs(slotWords, "procurement here - who does the DPIA paperwork?", "who does the DPIA paperwork?");
    expect(slotWords("who does the procurement paperwork?")).toContain("procurement");
  });

  it("nor is an apology for one's English", () => {
    readsAs(slotWords, "sorry for my english, who restarts apps on the AP", "who restarts apps on the AP");
  });

  it("a word the models know is still read, and a question that says “here” is read whole", () => {
    expect(slotWords("backups here, who takes them?")).toContain("backups");
    expect(slotWords("who owns it here - the procurement?")).toContain("procurement");
    // A problem or a thing of one's own said first is what is asked, not who asks.
    expect(slotWords("payroll issue here - who do I ask on the AP?")).toContain("payroll");
    expect(slotWords("my laptop broke here - who fixes it on the AP?")).toContain("laptop");
  });
});
