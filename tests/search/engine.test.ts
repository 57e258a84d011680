// How the engine answers: as written in the source, with owners and routes, and "I don't know" when unsure.
import { describe, expect, it } from "vitest";
import { loadEngine } from "../../src/answer/load.ts";

const engine = loadEngine();
const top = (question: string, options = {}) => {
  const answer = engine.ask(question, options);
  return { answer, match: answer.matches[0] };
};

describe("answering a question", () => {
  it("gives the responsibility verbatim, its section, every party's mark, owners and route", () => {
    const { answer, match } = top("who can restart my app?");
    expect(answer.answered).toBe(true);
    expect(match).toMatchObject({
      model: "moj-analytical-platform",
      responsibility: "Application restarts",
      section: "Tools and packages / User applications",
      owners: ["Analytical Platform"],
      ownersFrom: "marks",
      assignments: [
        { party: "Analytical Platform", role: "✅" },
        { party: "User", role: "" },
        { party: "Other MoJ Team", role: "" },
      ],
      contacts: [
        { type: "slack-channel", value: "#analytical-platform-support", workspace: "Justice Digital" },
      ],
    });
    expect(match?.source?.url).toMatch(/^https:\/\//);
  });

  it("keeps the source's typos in the text while finding the row through them", () => {
    expect(top("who buys the spark licences").match?.responsibility).toBe(
      "Buy and hold licences and usage rights for software provided by OVHcloud (Apache Sparck)",
    );
    expect(top("who manages python packages").match?.responsibility).toBe(
      "Manging and supporting Python packages",
    );
  });

  it("gives RACI letters for RACI models", () => {
    const { match } = top("who deploys patches");
    expect(match?.assignments).toEqual([
      { party: "Customer", role: "" },
      { party: "OVHcloud", role: "RA" },
    ]);
    expect(match?.owners).toEqual(["OVHcloud"]);
  });

  it("names the owner from the notes when no party is marked, and says so", () => {
    const { match } = top("who manages aws resources");
    expect(match).toMatchObject({ owners: ["Analytical Platform"], ownersFrom: "notes" });
  });

  it("shows both the marks and the notes when they disagree", () => {
    const match = engine.ask("user application code").matches[0];
    expect(match).toMatchObject({
      responsibility: "User application code",
      owners: ["Other MoJ Team"],
      notesOwners: ["User"],
    });
  });

  it("shows 2i2c's own caveat with owners taken from the list's boundary", () => {
    const { match } = top("who makes complex environment changes");
    expect(match).toMatchObject({ owners: ["2i2c"], ownersFrom: "boundary", item: 8 });
    expect(match?.caveat).toContain("for some communities we may take on more or less");
  });

  it("falls back to the model's general support route when a row names none, and labels it", () => {
    const { match } = top("who supports airflow");
    expect(match?.contactsFromSupport).toBe(true);
    expect(match?.contacts.some((contact) => contact.value === "#analytical-platform-support")).toBe(true);
  });
});

describe("models named in the question", () => {
  it.each([
    ["OVH: who deploys patches", "ovhcloud-data-processing"],
    ["2i2c: who adds users", "2i2c-hubs"],
    ["AP - who restarts apps", "moj-analytical-platform"],
    ["who monitors apps on the analytical platform", "moj-analytical-platform"],
  ])("%s → only %s", (question, model) => {
    const answer = engine.ask(question);
    expect(answer.model).toBe(model);
    expect(answer.matches.length).toBeGreaterThan(0);
    expect(answer.matches.every((match) => match.model === model)).toBe(true);
  });

  it("honours --model over the wording", () => {
    const answer = engine.ask("who is responsible for incidents", { model: "2i2c" });
    expect(answer.matches.every((match) => match.model === "2i2c-hubs")).toBe(true);
  });

  it("ranks a channel's default model first without excluding the others", () => {
    const plain = engine.ask("who monitors");
    const preferred = engine.ask("who monitors", { preferModel: "ovhcloud-data-processing" });
    expect(preferred.matches[0]?.model).toBe("ovhcloud-data-processing");
    expect(plain.matches.length).toBeGreaterThan(0);
  });
});

describe("questions about a party", () => {
  it("lists the rows a party owns", () => {
    const answer = engine.ask("what is the Customer responsible for?");
    expect(answer).toMatchObject({ kind: "party", party: "Customer", answered: true });
    expect(answer.matches.length).toBeGreaterThan(15);
    expect(answer.matches.every((match) => match.owners.includes("Customer"))).toBe(true);
  });

  it("understands plurals and the 2i2c community", () => {
    expect(engine.ask("what are users responsible for").party).toBe("User");
    const community = engine.ask("what does the community do?");
    expect(community.party).toBe("Community");
    expect(community.matches.map((match) => match.item)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe("not knowing", () => {
  it("says it does not know, offers the closest rows and the general routes", () => {
    const answer = engine.ask("who restocks the coffee machine");
    expect(answer.answered).toBe(false);
    expect(answer.support.some((route) => route.model === "moj-analytical-platform")).toBe(true);
  });

  it.each(["", "   ", "?!", "who owns this?", "who"])(
    "answers %j with I don't know, not a guess",
    (question) => {
      expect(engine.ask(question).answered).toBe(false);
    },
  );

  it("survives any size and alphabet: nothing it cannot read is answered, the words it knows still are", () => {
    for (const question of [
      "x".repeat(100_000),
      "谁负责备份？",
      "مَن المسؤول عن النسخ الاحتياطي",
      "\u0000\u0007\u001b[31m",
    ]) {
      const answer = engine.ask(question);
      expect(answer.answered, JSON.stringify(question.slice(0, 20))).toBe(false);
      expect(answer.matches).toEqual([]);
      expect(answer.support.length).toBeGreaterThan(0);
    }
    for (const question of ["🔥🔥🔥 restart 🔥", "<!channel> who restarts apps"]) {
      const answer = engine.ask(question);
      expect(answer.answered, question).toBe(true);
      expect(answer.matches[0]?.responsibility).toBe("Application restarts");
    }
  });

  it("gives the same answer to the same question", () => {
    expect(engine.ask("who is responsible for backups")).toEqual(
      engine.ask("who is responsible for backups"),
    );
  });
});
