// Deciding whether to answer, party questions, and the examples the product prints.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadEngine } from "../../src/answer/load.ts";
import { USAGE } from "../../src/cli/main.ts";
import { questionsSchema } from "../../src/eval/questions.ts";
import { DataError } from "../../src/model/errors.ts";
import { parseYaml } from "../../src/model/yaml.ts";

const engine = loadEngine();
const repoFile = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), "utf8");

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
  });

  it("a question with a domain word among everyday words is still answered", () => {
    const answer = engine.ask("who do I email about a DPIA pls");
    expect(answer.answered).toBe(true);
    expect(answer.matches[0]?.responsibility).toContain("Data Protection Impact Assessment");
  });
});

describe("party questions", () => {
  const party = (question: string) => {
    const answer = engine.ask(question);
    return {
      kind: answer.kind,
      party: answer.party,
      models: [...new Set(answer.matches.map((m) => m.model))],
    };
  };

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

describe("every example the product prints", () => {
  const examples = new Set<string>();
  for (const match of USAGE.matchAll(/who-owns ask "([^"<]+)"/g)) examples.add(match[1] ?? "");
  for (const match of repoFile("README.md").matchAll(/who-owns ask "([^"…]+)"/g))
    examples.add(match[1] ?? "");
  const hint = /usage_hint: "([^"]*)"/.exec(repoFile("manifest.yml"))?.[1] ?? "";
  for (const part of hint.split("|").map((text) => text.trim()))
    if (!/^(models|browse|help)\b/.test(part)) examples.add(part);
  for (const match of repoFile("src/slack/blocks/home.ts").matchAll(/"e\.g\. ([^"]+)"/g))
    examples.add(match[1] ?? "");
  for (const match of repoFile("src/server.ts").matchAll(/ask "([^"]+)"/g)) examples.add(match[1] ?? "");

  it("were all found (help text, README, manifest, Home tab, npm start)", () => {
    expect(examples.size).toBeGreaterThanOrEqual(7);
  });

  const expected: [RegExp, RegExp][] = [
    [/restart/i, /^Application restarts$/],
    [/patch|operating system|\bOS\b/i, /^Deploy patches, update softwares/],
    [/airflow/i, /Airflow tool/],
  ];
  it.each([...examples])("%j is answered with the row it means", (question) => {
    const answer = engine.ask(question);
    expect(answer.answered).toBe(true);
    const wanted = expected.find(([asks]) => asks.test(question))?.[1];
    expect(wanted, `no expectation for ${question}`).toBeDefined();
    expect(answer.matches[0]?.responsibility).toMatch(wanted as RegExp);
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
