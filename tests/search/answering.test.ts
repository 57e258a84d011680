// Deciding whether to answer, and party questions. (The examples the product prints are asked in
// tests/examples/examples.test.ts, read from where each surface shows them.)
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  CONFIDENCE,
  confidenceOf,
  createEngine,
  lastClause,
  questionParts,
  readingsAgree,
} from "../../src/answer/create.ts";
import { loadEngine } from "../../src/answer/load.ts";
import { questionsSchema } from "../../src/eval/questions.ts";
import { DataError } from "../../src/model/errors.ts";
import { loadCatalogue } from "../../src/model/load.ts";
import { parseYaml } from "../../src/model/yaml.ts";
import { SearchIndex } from "../../src/search/index.ts";
import { kindsOf, parseLexicon, parsePhrasings, phraseOf } from "../../src/search/lexicon.ts";
import { analyse } from "../../src/search/query.ts";
import type { Scored } from "../../src/search/rank.ts";

const engine = loadEngine();

describe("a message with nothing the models cover", () => {
  it.each([
    "hi",
    "thanks!",
    "test",
    "42",
    "7",
    "cheers mate",
    "x\u0007\u00ff\u0001 \u0010zz",
    "who is my line manager",
  ])("%j is refused with no rows at all", (question) => {
    const answer = engine.ask(question);
    expect(answer.answered).toBe(false);
    expect(answer.matches).toEqual([]);
  });

  it("a topic no model covers is refused even beside a domain word, with the closest rows offered", () => {
    const answer = engine.ask("who pays the aws bill for the AP");
    expect(answer.answered).toBe(false);
    expect(answer.matches.length).toBeGreaterThan(0);
    // No answer however far its top row leads: the confidence says so.
    expect(answer.confidence).toBe(0);
  });

  it("a question with a domain word among everyday words is still answered", () => {
    const answer = engine.ask("who do I email about a DPIA pls");
    expect(answer.answered).toBe(true);
    expect(answer.matches[0]?.responsibility).toContain("Data Protection Impact Assessment");
  });
});

describe("everyday English and topics no model covers", () => {
  it("a question of everyday words alone gets no rows, though phrasings use those words", () => {
    const answer = engine.ask("can you recommend a good pizza place");
    expect(answer).toMatchObject({ answered: false, matches: [] });
  });

  it("an everyday word the rows themselves use still makes a question (“down” is an outage)", () => {
    expect(engine.ask("hub is down, who do i tell").answered).toBe(true);
  });

  it("a topic no model covers is met only where its words are, not half in the row's text and half in a phrasing", () => {
    // "Reviewing … content" says "review"; give it a phrasing saying "performs": together they are not
    // "performance reviews", a topic no model covers.
    const dataDir = fileURLToPath(new URL("../../data/", import.meta.url));
    const phrasings = parsePhrasings(readFileSync(join(dataDir, "phrasings.yml"), "utf8"), "phrasings.yml");
    const rows = phrasings["moj-analytical-platform"]?.rows ?? {};
    const id = "reviewing-analytical-platform-user-guidance-content";
    rows[id] = [
      ...(rows[id] ?? []),
      "for the control test: who performs quality review of the platform's documentation content?",
    ];
    const lexicon = parseLexicon(
      readFileSync(join(dataDir, "synonyms.yml"), "utf8"),
      "synonyms.yml",
      phrasings,
    );
    const withPhrasing = createEngine(loadCatalogue(dataDir), lexicon);
    expect(withPhrasing.ask("who runs performance reviews").answered).toBe(false);
    expect(withPhrasing.ask("who performs the review of the user guidance").matches[0]?.rowId).toBe(id);
  });

  it("a topic no model covers that no row mentions offers no closest rows, unless a model is named", () => {
    for (const question of ["who do I talk to about my payslip", "how do I book annual leave"])
      expect(engine.ask(question)).toMatchObject({ answered: false, matches: [] });
    const named = engine.ask("our ovh billing dashboard is down, who fixes it");
    expect(named.answered).toBe(false);
    expect(named.matches.length).toBeGreaterThan(0);
    expect(named.matches.every((match) => match.model === "ovhcloud-data-processing")).toBe(true);
  });

  it("a set expression is read whole, never word by word: the same answer, just as sure, with it or without", () => {
    const plain = engine.ask("how does a new analyst get access to the AP?");
    for (const idiom of ["in the first place", "right now", "at all"]) {
      const asked = engine.ask(`how does a new analyst get access to the AP ${idiom}?`);
      expect(asked.matches[0]?.rowId).toBe(plain.matches[0]?.rowId);
      expect(asked.answered).toBe(true);
      expect(asked.confidence).toBe(plain.confidence);
    }
    // Its words still count where they are not that expression.
    expect(engine.ask("who holds the usage rights for spark").matches[0]?.responsibility).toMatch(/licences/);
  });

  it("a time or a span of time says when, not what: the same answer with it or without", () => {
    const plain = engine.ask("who keeps the spark job logs");
    for (const when of ["since 2am", "for 6 months", "for 24 hours", "for 3 wks"]) {
      const asked = engine.ask(`who keeps the spark job logs ${when}`);
      expect(asked.matches[0]?.rowId).toBe(plain.matches[0]?.rowId);
      expect(asked.answered).toBe(plain.answered);
      expect(asked.confidence).toBeCloseTo(plain.confidence ?? Number.NaN, 1);
    }
    // A number that is no time still counts: "item 6" names a row.
    expect(engine.ask("who does item 6 on the 2i2c hub").matches[0]?.item).toBe(6);
  });

  it("a topic no model covers, found in a phrasing only beside nothing else asked, is refused", () => {
    expect(engine.ask("my laptop screen is cracked").answered).toBe(false);
    const upload = engine.ask("how do i upload data from my laptop");
    expect(upload.answered).toBe(true);
    expect(upload.matches[0]?.responsibility).toBe("Managing and supporting the Data Uploader tool");
  });
});

describe("a row with dozens of phrasings", () => {
  it("keeps each phrasing apart: concepts from two phrasings past the 32nd are not found together", () => {
    const dir = mkdtempSync(join(tmpdir(), "who-owns-phrasings-"));
    cpSync(fileURLToPath(new URL("../../data/synonyms.yml", import.meta.url)), join(dir, "synonyms.yml"));
    const model = (rows: string) => `id: widgets\nname: Widget Works\nparties: [Team, User]\nrows:\n${rows}`;
    mkdirSync(join(dir, "models"));
    writeFileSync(
      join(dir, "models", "widgets.yml"),
      model(
        "  - section: Running\n    responsibility: Running the frobnicator\n    assignments:\n      Team: R\n" +
          "  - section: Running\n    responsibility: Running the gizmo\n    assignments:\n      User: R\n",
      ),
    );
    const filler = Array.from({ length: 38 }, (_, n) => `      - frobnicator question number ${n}`);
    writeFileSync(
      join(dir, "phrasings.yml"),
      [
        "widgets:",
        "  rows:",
        "    running-the-frobnicator:",
        ...filler,
        "      - quarterly zephyr report",
        "      - tangerine dashboards",
        "    running-the-gizmo:",
        "      - zephyr tangerine export",
      ].join("\n"),
    );
    const answer = loadEngine(dir).ask("zephyr tangerine");
    expect(answer.matches[0]?.responsibility).toBe("Running the gizmo");
  });
});

describe("a row named by its place in the document", () => {
  it("“item 7” is 2i2c's seventh item, with or without the model named", () => {
    for (const question of ["item 7", "who handles item #7 on 2i2c"]) {
      const answer = engine.ask(question);
      expect(answer.answered).toBe(true);
      expect(answer.matches[0]).toMatchObject({ model: "2i2c-hubs", item: 7 });
    }
  });

  it("“3.1.7” is every row of that section, the question's words putting the one it means first", () => {
    const section = engine.ask("what is 3.1.7");
    expect(section.answered).toBe(true);
    expect(section.ambiguous).toBe(true);
    expect(section.matches.map((match) => match.section)).toEqual(
      Array(3).fill("3. Service usage / 3.1. Operations / 3.1.7. Business continuity"),
    );
    expect(engine.ask("3.1.7 restoration tests").matches[0]?.responsibility).toBe(
      "Perform restoration tests of your data",
    );
    expect(engine.ask("section 2.2 on ovh").matches.map((match) => match.section)).toEqual([
      "2. Service availability / 2.2. Reversibility model",
    ]);
  });

  it("a number in passing is no reference: an issue number, a count, “part 2 of my question”", () => {
    for (const question of [
      "who fixes github issue #12 for our hub",
      "what is the number 1 priority for the hub",
      "part 2 of my question: who restores backups on ovh",
    ]) {
      const answer = engine.ask(question);
      // A row named by reference comes first with a full score; its words may still find it lower down.
      const referenced = (match: (typeof answer.matches)[number]) =>
        match.item === 12 || match.item === 1 || match.section.startsWith("2. ");
      expect(answer.matches.some((match) => referenced(match) && match.score === 1)).toBe(false);
      expect(answer.matches[0] && referenced(answer.matches[0])).toBeFalsy();
    }
  });

  it("numbers not written as a reference name no section: a version, a bare number", () => {
    const version = engine.ask("python 3.11 packages who installs");
    expect(version.matches[0]?.section).toBe("Tools and packages / Python packages");
    expect(engine.ask("who handles 3.1").matches.every((match) => !match.section.includes("3.1."))).toBe(
      true,
    );
  });
});

describe("questions asked under a standard", () => {
  it("reads past the standard and its control's reference, but keeps the documents' own numbering", () => {
    const top = (question: string) => {
      const answer = engine.ask(question);
      return answer.answered ? answer.matches[0]?.responsibility : undefined;
    };
    expect(top("ISO 27001 A.5.26: who owns remediation of hub outages")).toBe(
      "Responding to and resolving incidents related to Kubernetes and cloud infrastructure",
    );
    expect(top("SOC2 CC6.1: which party is accountable for access to S3 buckets on the AP")).toBe(
      "Managing access to S3 buckets",
    );
    expect(engine.ask("ovh section 3.1.7")).toMatchObject({ answered: true, confidence: 1 });
  });
});

describe("everyday names for what the rows say", () => {
  it.each([
    ["who can turn my shiny app off and on again", "Application restarts"],
    ["who keeps the read me files on github current for the AP", "Updating GitHub READMEs"],
    ["who maintains the AP's responsibility matrix", "Updating this Shared Responsibility Model"],
  ])("%j → %j", (question, responsibility) => {
    const answer = engine.ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.matches[0]?.responsibility).toBe(responsibility);
  });
});

describe("what looks like a standard but is not one", () => {
  it("a SOC alone is a security operations centre, and a version is not a control reference", () => {
    expect(engine.ask("who runs the SOC for the AP").answered).toBe(false);
    expect(engine.ask("who upgrades to API v6.1 on ovh").matches[0]?.responsibility).toBe(
      "Launch jobs once you have  retrieved your API v6 token",
    );
    expect(engine.ask("SOC 2 Type II: who retains job logs on ovh").matches[0]?.responsibility).toBe(
      "Retain logs of your jobs execution",
    );
  });

  it("the asker of “give me” is the party when no other is named", () => {
    expect(engine.ask("give me the list of things on the AP")).toMatchObject({
      kind: "party",
      party: "User",
    });
  });
});

describe("an office, HR or mail word inside a longer phrase of the domain", () => {
  it.each([
    "who runs the service desk for the AP",
    "who deallocates our storage post-termination on ovh",
    "the job logs are gone and i need them for a post-mortem, who was supposed to keep them on ovh",
  ])("is read as the longer phrase: %j is answered", (question) => {
    expect(engine.ask(question).answered).toBe(true);
  });

  it.each([
    "who approves my leave",
    "need to book some leave, who handles that",
    "who do i send my sick note to",
    "who assigns desks",
    "who do I ask for a phone",
    "lift broke again, who do I call",
    "who books my travel",
    "my chair is wobbly",
    "who handles a subject access request about data in our S3 bucket",
  ])("alone still marks a topic no model covers: %j is refused", (question) => {
    expect(engine.ask(question).answered).toBe(false);
  });
});

describe("a thing named only to compare with", () => {
  it("is not the topic: “like a fire drill” does not make a question about restores out of scope", () => {
    const answer = engine.ask("who should test that our ovh backups restore, like a fire drill?");
    expect(answer.answered).toBe(true);
    expect(answer.matches[0]?.responsibility).toBe("Perform restoration tests of your data");
  });

  it("is still the topic when nothing compares it", () => {
    expect(engine.ask("who fixes my laptop like the AP team does").answered).toBe(false);
    expect(engine.ask("who runs the fire drill on ovh").answered).toBe(false);
  });
});

describe("a message asking several things", () => {
  it("answers the part a model covers when the others are in none, and says which part", () => {
    const question = "who keeps spark patched on ovh, and can I get admin rights on my laptop?";
    const answer = engine.ask(question);
    expect(answer).toMatchObject({ answered: true, query: question, part: "who keeps spark patched on ovh" });
    expect(answer.matches[0]?.responsibility).toBe(
      "Deploy patches, update softwares available on the service",
    );
    // Asked alone, the unanswerable part is refused, which is why the whole message was not sure.
    expect(engine.ask("can I get admin rights on my laptop?").answered).toBe(false);
  });

  it("gives no part when every part is out of scope, and none when the whole message is answered", () => {
    expect(engine.ask("who approves my leave and who resets my building pass")).toMatchObject({
      answered: false,
    });
    expect(engine.ask("who approves my leave and who resets my building pass").part).toBeUndefined();
    const whole = engine.ask("who restarts my app on the AP?");
    expect(whole.answered).toBe(true);
    expect(whole.part).toBeUndefined();
  });

  it("reads a part naming no model as asked on the model the message names, and leaves alone a part that points back", () => {
    // "Who sets it up?" names nothing it sets up: no part is answered, so the message is not sure.
    for (const question of [
      "what's the cheapest instance type on ovh, and who sets it up?",
      "whats the budget for our ovh project, and who signs it off?",
      "what's the cheapest instance type on ovh and how much is egress?",
    ])
      expect(engine.ask(question).answered, question).toBe(false);
    // What follows the last question is left out.
    const moving = engine.ask(
      "we're moving off ovh next quarter. who migrates the data? the finance team wants a cost estimate too.",
    );
    expect(moving).toMatchObject({
      answered: true,
      part: "we're moving off ovh next quarter. who migrates the data",
    });
  });

  it("questionParts: questions split at sentence ends and at “and” before a question word; what only tells joins the question after it, and what follows the last is left out", () => {
    expect(questionParts("who keeps spark patched, and can I get admin rights?")).toEqual({
      parts: ["who keeps spark patched", "can I get admin rights?"],
      after: false,
    });
    expect(questionParts("who fixes the hub? and who pays for pizza")).toEqual({
      parts: ["who fixes the hub", "who pays for pizza"],
      after: false,
    });
    expect(questionParts("who restarts apps - and who pays?").parts).toEqual([
      "who restarts apps",
      "who pays?",
    ]);
    // Context before a question is part of it; a question word inside a statement does not ask.
    expect(questionParts("started monday, still can't get in. how do i get access")).toEqual({
      parts: ["started monday, still can't get in. how do i get access"],
      after: false,
    });
    expect(
      questionParts("no idea what changed. our job logs on ovh are gone, who keeps them?").parts,
    ).toEqual(["no idea what changed. our job logs on ovh are gone, who keeps them?"]);
    // What follows the last question is said, not asked.
    expect(questionParts("who owns the shared drive? it's full and we need space")).toEqual({
      parts: ["who owns the shared drive"],
      after: true,
    });
    // "and" inside a question, or before no question word, splits nothing; nor does an abbreviation's stop.
    expect(questionParts("who adds and removes users, e.g. students").parts).toEqual([
      "who adds and removes users, e.g. students",
    ]);
    // At most four parts, read from the first 500 characters.
    expect(questionParts("who pays? ".repeat(2000)).parts).toHaveLength(4);
  });
});

describe("party questions", () => {
  it("a list asked for after some context is the last clause's, within the models the message names", () => {
    for (const [question, party] of [
      ["second day on the analytical platform - what am I on the hook for as a user?", "User"],
      ["our uni signed up with 2i2c last month. what are we still expected to do ourselves?", "Community"],
    ] as const) {
      expect(engine.ask(question)).toMatchObject({ kind: "party", party, query: question });
    }
  });

  it.each([
    // A clause naming only the parties asks whose one row it is.
    "encryption of processed data at rest - us or ovh?",
    "encryption of processed data at rest - what about ovh?",
    "patching spark on ovh - do I do that myself?",
    // A problem reported, then what to do about it: routed, not listed.
    "the hub is down - what do we do?",
    "users can't log in to the AP. what should we do?",
    // A question asked before it is not mere context.
    "who owns backups on the AP? what am I responsible for?",
  ])("a last clause about what was said before is no list: %j", (question) => {
    expect(engine.ask(question).kind).toBe("responsibility");
  });

  it("lastClause: the question a message ends with and what it says before; nothing for one clause", () => {
    expect(lastClause("first week here - what am I responsible for?")).toEqual({
      clause: "what am I responsible for?",
      before: "first week here -",
    });
    expect(lastClause("we signed. what now?")).toEqual({ clause: "what now?", before: "we signed." });
    expect(lastClause("who patches the OS?")).toBeUndefined();
    expect(lastClause("re-run the well-known job")).toBeUndefined();
    expect(lastClause("which packages, e.g. pandas or numpy, are ours")).toBeUndefined();
  });

  const party = (question: string) => {
    const answer = engine.ask(question);
    return {
      kind: answer.kind,
      party: answer.party,
      models: [...new Set(answer.matches.map((m) => m.model))],
    };
  };
  /** The question is answered with `name`'s whole list. */
  const expectList = (question: string, name: string) =>
    expect(party(question)).toMatchObject({ kind: "party", party: name });

  it("how a model is used, said beside its name, and a new party, keep the question a party's list", () => {
    expectList("what do we have to handle when using the hub", "Community");
    expectList("what does a new user have to do on the AP", "User");
  });

  it("a whole list, under a model or its matrix, and a provider after “of what” keep the question a party's list", () => {
    expectList("the whole list of what 2i2c handles on our hub", "2i2c");
    expectList("what does the user own under the AP model", "User");
    expectList("what does ovh itself look after", "OVHcloud");
    // "Give me" asks; the asker is no party there.
    expectList("can you give me everything OVH does for us on data processing", "OVHcloud");
    // Without a party, the model is a row's topic.
    expect(engine.ask("who updates the model").matches[0]?.responsibility).toBe(
      "Updating this Shared Responsibility Model",
    );
  });

  it("what one party doesn't do is the other's list, and a party said not to be meant is not chosen", () => {
    expectList("what dont ovh do for us on data processing", "Customer");
    expectList("which duties fall to 2i2c (not the community)", "2i2c");
    // A negation elsewhere in the question flips nothing.
    expect(engine.ask("what do i need to do so i dont lose data on ovh").kind).toBe("responsibility");
  });

  it("a list word typed with a slip still asks for the list", () => {
    expectList("what are the user responsibilites on the AP", "User");
    expectList("customer resposibilities on ovh pls", "Customer");
  });

  it("the model's own names, its columns and its allocations ask for the list", () => {
    expectList("which responsibilities sit with the User in the AP shared responsibility model?", "User");
    expectList("what's assigned to the customer column in ovh's RACI?", "Customer");
  });

  it("what's on our plate is a list", () => {
    expectList("what's on our plate on ovh data processing", "Customer");
  });

  it("a party's name describing a model after “a” (“a community hub”) names no party", () => {
    expectList("what does 2i2c take care of on a community hub", "2i2c");
    expectList("what does the community do on a 2i2c hub", "Community");
    // Without "a", the party's name before a model's is still the party asked about.
    expectList("what are the customer ovh responsibilities?", "Customer");
    expectList("user AP responsibilities", "User");
  });

  it("a problem reported, or “who do I tell”, is not a list of one's duties", () => {
    for (const question of [
      "our hub is broken who do i tell",
      "our hub isn't working, what do we do",
      "my job failed on ovh",
      "who do i ask on the AP",
      "who do i contact on ovh",
      "who should we contact at 2i2c",
    ])
      expect(engine.ask(question).kind, question).toBe("responsibility");
    // "Who" without asking whom to go to is still a list.
    expectList("who is responsible for my stuff on the hub", "Community");
    expect(engine.ask("what am i responsible for on the AP").kind).toBe("party");
  });

  it("a party's list in the part of the document the question names, unless it asks for the whole list", () => {
    const before = engine.ask("what must the customer do before subscribing on ovh");
    expect(before).toMatchObject({ kind: "party", party: "Customer" });
    expect(before.sections).toEqual(["1. Before subscription / 1.1. Specify service as needed"]);
    expect(before.matches.map((match) => match.section)).toEqual(Array(5).fill(before.sections?.[0]));
    // "On the hook for" asks for everything; being onboarded is only the situation.
    const whole = engine.ask("we just got onboarded to the AP, what are we on the hook for");
    expect(whole).toMatchObject({ kind: "party", party: "User" });
    expect(whole.sections).toBeUndefined();
    expect(whole.matches.length).toBeGreaterThan(5);
  });

  it("words that ask for a list only in their place: 'falls to', 'what's left', 'a new user'", () => {
    expect(party("what's left for the community to do on a 2i2c hub")).toMatchObject({ party: "Community" });
    expectList("what falls to the customer on ovh", "Customer");
    // A new hub is a thing to add, not a party.
    expect(engine.ask("what do i need to do for a new hub on 2i2c").kind).toBe("responsibility");
  });

  it("something gone wrong with nothing named but the platform is its outage", () => {
    for (const question of ["our hub is broken who do i tell", "our hub isn't working, what do we do"]) {
      const hub = engine.ask(question);
      expect(hub.answered, question).toBe(true);
      expect(hub.matches[0]?.responsibility).toBe(
        "Identifying when there is an outage, and escalating to the proper team to resolve them.",
      );
    }
    // A problem word that is no filler ("crashed") reads the same.
    expect(engine.ask("ovh crashed, who do i tell").matches[0]?.responsibility).toMatch(/incidents/);
    // With no platform named there is nothing known to be down; beside a topic no model covers, it is that.
    expect(engine.ask("it's broken, who do i tell").answered).toBe(false);
    expect(engine.ask("ovh billing is wrong, who do i tell").answered).toBe(false);
    expect(engine.ask("my laptop is broken who on the AP do i tell").answered).toBe(false);
  });

  it("an outage is what a platform's online status reports", () => {
    for (const question of [
      "is the analytical platform having an outage",
      "is the AP down",
      "the AP is broken",
    ])
      expect(engine.ask(question).matches[0]?.responsibility, question).toBe(
        "Monitoring and communicating the Analytical Platform's online status",
      );
  });

  it("“what am I responsible for” in no model asks which: each model's customer side, as a question that lists it", () => {
    const answer = engine.ask("what am i responsible for");
    expect(answer).toMatchObject({ answered: false, kind: "party", matches: [] });
    expect(answer.which?.map((which) => [which.model, which.party])).toEqual([
      ["2i2c-hubs", "Community"],
      ["moj-analytical-platform", "User"],
      ["ovhcloud-data-processing", "Customer"],
    ]);
    for (const which of answer.which ?? [])
      expect(engine.ask(which.question)).toMatchObject({
        answered: true,
        kind: "party",
        party: which.party,
        model: which.model,
      });
    // Named or known from the channel, the model decides.
    expect(engine.ask("what am i responsible for on the AP")).toMatchObject({
      answered: true,
      party: "User",
    });
    expect(engine.ask("what am i responsible for", { preferModel: "2i2c-hubs" }).party).toBe("Community");
  });

  it("are asked beside other words when a word asks for the whole list, unless a row answers them", () => {
    expect(party("which bits of the spark service do i have to manage myself")).toEqual({
      kind: "party",
      party: "Customer",
      models: ["ovhcloud-data-processing"],
    });
    const row = engine.ask("is the customer responsible for backups of my data on ovh");
    expect(row.kind).toBe("responsibility");
    expect(row.matches[0]?.responsibility).toBe("Plan versionning and backups for stored data");
    // Asking "who" wants an owner, not a list.
    expect(engine.ask("who manages getting our stuff off ovh").kind).toBe("responsibility");
  });

  it("are not made of a question about something no model covers", () => {
    const ap = { preferModel: "moj-analytical-platform" };
    for (const question of [
      "what are my responsibilities for the pizza order",
      "which things am i responsible for regarding my pay and leave",
    ])
      expect(engine.ask(question, ap).kind).toBe("responsibility");
  });

  it("take “I” to be the customer side of the channel's model when the question names none", () => {
    const inChannel = engine.ask("what am I responsible for", { preferModel: "moj-analytical-platform" });
    expect(inChannel).toMatchObject({ kind: "party", party: "User", answered: true });
    // Outside any model's channel it asks which model is meant (below).
    expect(engine.ask("what am I responsible for")).toMatchObject({ kind: "party", answered: false });
  });

  it("keep the whole list when a model is named beside the party", () => {
    const onHub = engine.ask("what is the community responsible for on 2i2c");
    const bare = engine.ask("what is the community responsible for");
    expect(onHub.kind).toBe("party");
    expect(onHub.matches.map((m) => m.rowId)).toEqual(bare.matches.map((m) => m.rowId));
    expect(onHub.matches.length).toBe(6);
  });

  it("list everything a party owns, User application code included", () => {
    const answer = engine.ask("what is the user responsible for on the AP");
    expect(answer.kind).toBe("party");
    expect(answer.matches.map((m) => m.responsibility)).toContain("Managing internal team documentation");
  });

  it("read 'I' and 'we' as the customer side of the model asked about, and a provider named first as the provider", () => {
    expect(party("as a customer what am i on the hook for with data processing")).toEqual({
      kind: "party",
      party: "Customer",
      models: ["ovhcloud-data-processing"],
    });
    expect(party("what does ovh handle for me on DP?")).toMatchObject({ party: "OVHcloud" });
    expect(party("what does 2i2c do for our hub")).toMatchObject({ party: "2i2c" });
    expect(party("what are we on the hook for on 2i2c")).toMatchObject({ party: "Community" });
  });

  it("ask about the party things come from or rest with, not one set aside", () => {
    // "get from", "rest with", "falls to": the party after the preposition is the one asked about.
    expect(party("what do we get from 2i2c on our hub?")).toMatchObject({ party: "2i2c" });
    expect(party("which duties rest with the analytical platform?")).toMatchObject({
      party: "Analytical Platform",
    });
    // "Not", "neither … nor", "outside", and a party joined to one set aside, are not the one asked about.
    expect(party("what falls to the users, not the platform team or other moj teams?")).toMatchObject({
      party: "User",
    });
    expect(
      party("which AP things are neither the users' nor the platform team's but other moj teams'"),
    ).toMatchObject({ party: "Other MoJ Team" });
    // "Rather than" and "instead of" set a party aside too.
    expect(party("what do we do rather than ovh")).toMatchObject({ party: "Customer" });
    expect(party("what does ovh do rather than us")).toMatchObject({ party: "OVHcloud" });
    expect(party("what do we handle on the hub instead of 2i2c")).toMatchObject({ party: "Community" });
    // Asking for the list in so many words, and "-wise", which only says "as for".
    expect(
      party("for our auditor, enumerate the customer's duties in the data processing RACI"),
    ).toMatchObject({
      party: "Customer",
    });
    expect(party("what does 2i2c cover responsibility-wise?")).toMatchObject({ party: "2i2c" });
    // The party doing the duties ("things 2i2c handles"), not "our team" who asks.
    expect(party("our team wants the full list of things 2i2c handles on our hub")).toMatchObject({
      party: "2i2c",
    });
    expect(party("our team wants the full list of things we handle on our hub")).toMatchObject({
      party: "Community",
    });
    // Other verbs of doing duties: "takes on", "maintains".
    expect(party("my boss asked me what duties 2i2c takes on for our hub")).toMatchObject({ party: "2i2c" });
    expect(party("tell me what ovh maintains for us on data processing")).toMatchObject({
      party: "OVHcloud",
    });
    // A duty denied is the other party's ("what doesn't ovh do"); an expectation denied is not.
    expect(party("what doesn't ovh do for us")).toMatchObject({ party: "Customer" });
    expect(party("2i2c doesn't want us doing much, right? so what's everything 2i2c handles")).toMatchObject({
      party: "2i2c",
    });
    expect(party("what ovh doesnt need to handle")).toMatchObject({ party: "Customer" });
    // A party doing something in a clause that only sets the scene is not the one asked about.
    expect(party("what am I on the hook for when ovh covers the platform")).toMatchObject({
      party: "Customer",
    });
    expect(party("what are my duties now that 2i2c manages our hub")).toMatchObject({ party: "Community" });
    // Still a row when the question asks about something the party gives.
    expect(engine.ask("what do we get from ovh if a job fails").kind).toBe("responsibility");
  });

  // Each question with the party whose list it asks for, or "row" where it asks about one row.
  it.each([
    // A provider both named before a model's name and set aside was part of that name; "outside both".
    ["which parts of running ovh data processing fall to our organisation rather than ovh?", "Customer"],
    ["what does 2i2c do for our hub, not the 2i2c community hubs themselves?", "2i2c"],
    ["what on the AP is handled by teams outside both the platform team and us users", "Other MoJ Team"],
    ["what does 2i2c do vs us", "2i2c"],
    // An amount of duties: "how much does ovh do for us".
    ["how much does ovh do for us", "OVHcloud"],
    ["how much do we have to do ourselves on ovh?", "Customer"],
    // The whole list asked for outright, whatever else is said; the party itself, set against the rest.
    ["list everything the customer has to do on the spark service, we're auditing", "Customer"],
    ["CTO here, I need every task our side has to do on OVH data processing", "Customer"],
    ["list of everything thats on us as users of ap pls", "User"],
    ["what's OVH themselves responsible for in this setup?", "OVHcloud"],
    ["can you list every responsibility 2i2c carries for our jupyterhub?", "2i2c"],
    ["for my onboarding slides: what does the AP team itself take care of?", "Analytical Platform"],
    ["my colleague asks what OVH itself is on the hook for with their spark service", "OVHcloud"],
    ["what does the AP team actually own?", "Analytical Platform"],
    // Things done by the party, asked for as a list.
    [
      "which bits of AP are handled by other teams in MoJ rather than the AP team (data engineering etc)?",
      "Other MoJ Team",
    ],
    [
      "which analytical platform things are looked after by other moj teams rather than AP?",
      "Other MoJ Team",
    ],
    // "Me", set against a party of one model, is that model's customer side.
    ["can someone list everything that's on me rather than the platform team?", "User"],
    // Rows: someone asked for ("itself" only stresses), yes or no, kept to a topic, things of a topic.
    ["who signs me up on the analytical platform itself?", "row"],
    ["who gets analysts up to speed on AP tooling — the AP team or the analysts themselves?", "row"],
    ["is the platform team itself responsible for patching the OS?", "row"],
    ["does OVH itself encrypt the backups?", "row"],
    ["what is the customer itself responsible for regarding encryption?", "row"],
    ["is the DPIA handled by other MoJ teams?", "row"],
    ["which part of the DPIA is handled by other MoJ teams?", "row"],
    ["which bits of the DPIA are handled by other MoJ teams?", "row"],
    ["list every S3 bucket on the AP, who manages access", "row"],
    ["who backs up the customer's data every night on ovh", "row"],
  ])("%s → %s", (question, wanted) => {
    const answer = engine.ask(question);
    if (wanted === "row") expect(answer.kind).toBe("responsibility");
    else expect(answer).toMatchObject({ kind: "party", party: wanted });
  });

  it("a list as a thing one gets is a row's", () => {
    expect(
      engine.ask("where do i get a list of everything our account is using on ovh").matches[0]
        ?.responsibility,
    ).toBe("Provide inventory of resources and services used");
  });

  it("are not confused with a question about something the party does", () => {
    expect(engine.ask("what does ovh do about patches").kind).toBe("responsibility");
  });

  it("take party names in any case", () => {
    expect(engine.browse("ovhcloud-data-processing", "customer").length).toBe(
      engine.browse("ovhcloud-data-processing", "Customer").length,
    );
    expect(engine.ask("what is the CUSTOMER responsible for").party).toBe("Customer");
  });
});

describe("the confidence of a top row meeting little of the question", () => {
  const scored = (score: number) =>
    ({
      score,
      preferred: 0,
      likeness: 0,
      focus: 0,
      coverage: score,
      breadth: score,
      cohesion: score,
    }) as unknown as Scored;
  it("is at most its score under 0.5, however far it leads; from 0.5 the lead counts", () => {
    expect(confidenceOf(scored(0.49), undefined)).toBeLessThanOrEqual(0.49);
    expect(confidenceOf(scored(0.49), scored(0.1))).toBeLessThanOrEqual(0.49);
    expect(confidenceOf(scored(0.51), scored(0.1))).toBeGreaterThan(0.55);
  });
});

describe("the second reading (the question's letters against each row's)", () => {
  const scored = (score: number, likeness: number) =>
    ({
      score,
      preferred: 0,
      likeness,
      likenessBeyondNames: likeness,
      focus: 0,
      coverage: score,
      breadth: score,
      cohesion: score,
    }) as Scored;

  it("agrees when the top row is the most alike of the first rows, and alike enough", () => {
    expect(readingsAgree([scored(0.8, 0.5), scored(0.7, 0.4), scored(0.6, 0.2)])).toBe(true);
    // Alike only in the model's name the question says, which every row of the model shares: no agreement.
    const byName = { ...scored(0.8, 0.5), likenessBeyondNames: 0.2 };
    expect(readingsAgree([byName, scored(0.7, 0.4)])).toBe(false);
    // Another of the first rows is more alike: the readings disagree.
    expect(readingsAgree([scored(0.8, 0.4), scored(0.7, 0.5)])).toBe(false);
    // The most alike, but too little to count.
    expect(readingsAgree([scored(0.8, CONFIDENCE.agreedLikeness - 0.01), scored(0.7, 0.1)])).toBe(false);
    expect(readingsAgree([])).toBe(false);
  });

  it("adds the same to the confidence when it agrees, after the cap of a low score", () => {
    const top = scored(0.45, 0.5);
    const second = scored(0.1, 0.1);
    expect(confidenceOf(top, second, { agreed: true })).toBeCloseTo(
      confidenceOf(top, second) + CONFIDENCE.agreement,
      10,
    );
    // The lead counts the second reading unless the words alone are asked for.
    const close = scored(0.7, 0.1);
    const alike = scored(0.65, 0.6);
    expect(confidenceOf(alike, close)).toBeGreaterThan(confidenceOf(alike, close, { wordsOnly: true }));
  });

  it("puts first the row whose letters are the question's, among rows its words find alike", () => {
    // Its words find the account rows alike; "Analytical Platform account" is the first row's own text.
    const answer = engine.ask("how do I get an Analytical Platform account?");
    expect(answer.matches[0]?.responsibility).toBe("Creating Analytical Platform accounts");
    expect(answer.answered).toBe(true);
    expect(answer.ambiguous).toBe(false);
    // Scores as shown follow the order.
    for (let i = 1; i < answer.matches.length; i++)
      expect(answer.matches[i - 1]?.score).toBeGreaterThanOrEqual(answer.matches[i]?.score ?? 0);
  });

  it("never turns a party's list into a row: a list question's letters are those of many phrasings", () => {
    expect(engine.ask("just started as an analyst on the AP, what am i responsible for?")).toMatchObject({
      kind: "party",
      party: "User",
    });
  });

  it("makes the same answer whatever the limit: it orders, and is sure of, the same first rows", () => {
    for (const question of [
      "who is responsible for backups",
      "as someone using the AP day to day, what exactly am I responsible for?",
      "which AP things are neither the platform team nor the users but some other moj team?",
    ]) {
      const whole = engine.ask(question);
      for (const limit of [1, 2, 3]) {
        const cut = engine.ask(question, { limit });
        expect(cut.kind).toBe(whole.kind);
        expect(cut.party).toBe(whole.party);
        expect(cut.answered).toBe(whole.answered);
        expect(cut.confidence).toBe(whole.confidence);
        if (cut.kind === "responsibility") expect(cut.matches).toEqual(whole.matches.slice(0, limit));
      }
    }
  });

  it("reads past what the first reading reads past: a set expression changes nothing", () => {
    const plain = engine.ask("who chooses where our spark cluster runs");
    const asked = engine.ask("who chooses where our spark cluster runs in the first place");
    expect(asked.confidence).toBe(plain.confidence);
    expect(asked.matches.map((match) => match.score)).toEqual(plain.matches.map((match) => match.score));
  });
});

describe("a model's name", () => {
  it("typed as its initials reads as the name in full", () => {
    for (const question of [
      "who creates AP accounts",
      "new joiner in our team needs an AP account, who do we ask",
    ])
      expect(engine.ask(question).matches[0]?.responsibility, question).toBe(
        "Creating Analytical Platform accounts",
      );
  });

  it("met alone is no answer, however a row whose text is little else leads", () => {
    for (const question of [
      "who's on call for the analytical platform this weekend?",
      "who's on call for AP this weekend? need their phone number",
    ])
      expect(engine.ask(question).answered, question).toBe(false);
    expect(engine.ask("who updates the AP").matches[0]?.responsibility).toBe(
      "Updating the Analytical Platform",
    );
  });
});

describe("prices and costs", () => {
  it("are no row's topic unless the row mentions them", () => {
    expect(engine.ask("what's the price per hour of ovh data processing?").answered).toBe(false);
    expect(engine.ask("who do I talk to about a discount on ovh data processing?").answered).toBe(false);
    // An amount, not a party's list.
    expect(engine.ask("how much does 2i2c charge per hub?")).toMatchObject({
      kind: "responsibility",
      answered: false,
    });
    expect(engine.ask("who handles cost reports for our ovh resources?").matches[0]?.responsibility).toBe(
      "Provide inventory of resources and services used",
    );
  });
});

describe("a model named that has no row for the question", () => {
  it("is not sure, rather than answering with whichever of its rows meets a word or two", () => {
    const onOvh = engine.ask("who restarts my app on ovh");
    expect(onOvh.answered).toBe(false);
    expect(onOvh.confidence).toBeLessThan(0.5);
    expect(engine.ask("who restarts my app", { model: "2i2c" }).answered).toBe(false);
    // The model that has the row still answers it.
    expect(engine.ask("who restarts my app on the AP").matches[0]?.responsibility).toBe(
      "Application restarts",
    );
  });
});

describe("kinds: the specific things people name for the general words rows use", () => {
  it("a library, a person or a tool named reads as the rows' general word", () => {
    expect(engine.ask("who installs pandas on the analytical platform").matches[0]?.responsibility).toBe(
      "Manging and supporting Python packages",
    );
    expect(engine.ask("need ggplot2 on the AP, who sorts that").matches[0]?.responsibility).toBe(
      "Managing and supporting R packages",
    );
    expect(engine.ask("my colleague needs adding to the hub").matches[0]?.responsibility).toBe(
      "Doing basic administrative tasks on the hub (adding users, joining user sessions, etc)",
    );
  });

  it("goes one way only: the general word does not read as each specific thing", () => {
    const lexicon = parseLexicon(
      "synonyms: []\nkinds:\n  python packages: [pandas, scikit-learn]\n",
      "synonyms.yml",
    );
    expect(kindsOf(lexicon, phraseOf("pandas"))).toEqual([phraseOf("python packages")]);
    expect(kindsOf(lexicon, phraseOf("scikit-learn"))).toEqual([phraseOf("python packages")]);
    expect(kindsOf(lexicon, phraseOf("python packages"))).toEqual([]);
  });

  it("a kind with no specific things is refused with the file and line", () => {
    expect(() => parseLexicon("synonyms: []\nkinds:\n  users: []\n", "synonyms.yml")).toThrow(
      /synonyms\.yml:3.*kinds/,
    );
  });
});

describe("an eval file with a mistake", () => {
  it("names the file, the line and the misspelt key", () => {
    const text =
      "- q: who owns DPIA\n  expect: {model: ap, resp: x}\n- q: who restarts apps\n  expct: {model: ap, resp: y}\n";
    expect(() => parseYaml(text, "my-eval.yml", questionsSchema)).toThrow(DataError);
    expect(() => parseYaml(text, "my-eval.yml", questionsSchema)).toThrow(/my-eval\.yml:3 \[1\].*expct/);
  });

  it("says what is missing when a question has no expectation", () => {
    expect(() => parseYaml("- q: hello\n", "e.yml", questionsSchema)).toThrow(
      /e\.yml:1 \[0\]: needs one of expect, party or none/,
    );
  });
});
