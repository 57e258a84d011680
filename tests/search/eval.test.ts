// The floor the engine must hold on questions as people type them (tests/eval/*.yml).
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadEngine } from "../../src/answer/load.ts";
import { loadQuestions } from "../../src/eval/questions.ts";
import { type EvalReport, formatReport, runEval } from "../../src/eval/run.ts";

const engine = loadEngine();
const evalFile = (name: string) => fileURLToPath(new URL(`../eval/${name}`, import.meta.url));

function report(name: string, { scoredOnly = false } = {}): EvalReport {
  const result = runEval(engine, loadQuestions(evalFile(name)));
  // Printed so a failing floor shows every miss, not just a percentage — except the TEST half's, which nobody
  // tuning the engine may read question by question.
  if (result.misses.length > 0) {
    const shown = scoredOnly ? { ...result, misses: [] } : result;
    console.log(`${name}\n${formatReport(shown)}`);
  }
  return result;
}

describe("the public sample of questions (a copy of ../shared/eval/questions.yml)", () => {
  const result = report("questions.yml");

  it("puts the right row first for at least 97% of the questions", () => {
    expect(result.top1 / result.inScope).toBeGreaterThanOrEqual(0.97);
  });

  it("has the right row among the first three for every question", () => {
    expect(result.top3).toBe(result.inScope);
  });

  it("answers no out-of-scope question", () => {
    expect(result.rejected).toBe(result.outOfScope);
  });

  it("names the right owners and contacts on every hit", () => {
    expect(result.ownersAndContactsRight).toBe(result.top1);
  });
});

describe("the project's own paraphrases (held out while the engine was tuned)", () => {
  const result = report("paraphrases.yml");

  // One of the 36 ("how do I get an AP acount") has its row fourth since the second reading: the other
  // account rows' phrasings are more like its letters.
  it("puts the right row first for at least 90% of them and among the first three for 97%", () => {
    expect(result.top1 / result.inScope).toBeGreaterThanOrEqual(0.9);
    expect(result.top3 / result.inScope).toBeGreaterThanOrEqual(0.97);
  });

  it("answers none of the out-of-scope questions", () => {
    expect(result.rejected).toBe(result.outOfScope);
  });

  it("names the right owners and contacts on every hit", () => {
    expect(result.ownersAndContactsRight).toBe(result.top1);
  });
});

interface Floors {
  top1: number;
  top3: number;
  /** Absent for a set with no out-of-scope questions. */
  refused?: number;
  wrong: number;
}

/** The floors an exam set must hold: shares of its questions, each its own test. */
function holdsFloors(result: EvalReport, floors: Floors) {
  const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;
  it(`answers at least ${percent(floors.top1)} right at the top, the right row among the first three for ${percent(floors.top3)}`, () => {
    expect(result.top1 / result.inScope).toBeGreaterThanOrEqual(floors.top1);
    expect(result.top3 / result.inScope).toBeGreaterThanOrEqual(floors.top3);
  });

  const { refused } = floors;
  if (refused !== undefined)
    it(`refuses at least ${percent(refused)} of the out-of-scope questions`, () => {
      expect(result.rejected / result.outOfScope).toBeGreaterThanOrEqual(refused);
    });

  it(`is wrong in no more than ${percent(floors.wrong)} of the answers it gives`, () => {
    expect(result.answeredWrong / result.answered).toBeLessThanOrEqual(floors.wrong);
  });
}

describe("the DEV half of the held-out exam (questions written from data/sources alone; the TEST half is kept elsewhere)", () => {
  const result = report("holdout-dev.yml");
  holdsFloors(result, { top1: 0.95, top3: 0.98, refused: 0.96, wrong: 0.03 });

  it("is right more often the more confident it is: answered bands beat the refused ones", () => {
    const share = (bands: typeof result.reliability) => {
      const questions = bands.reduce((sum, band) => sum + band.questions, 0);
      return bands.reduce((sum, band) => sum + band.right, 0) / questions;
    };
    const answered = result.reliability.filter((band) => band.answered > 0);
    const refused = result.reliability.filter((band) => band.answered === 0 && band.questions > 0);
    expect(share(answered)).toBeGreaterThan(0.9);
    expect(share(answered)).toBeGreaterThan(share(refused) + 0.3);
  });
});

// The later DEV sets, each written by helpers from data/sources alone and first scored before any tuning on it.
// Floors a little under each set's figures; the sets written later, from harder personas, sit lower.
const TUNED: Floors = { top1: 0.95, top3: 0.98, refused: 0.95, wrong: 0.03 };
const HARDER: Floors = { top1: 0.94, top3: 0.97, refused: 0.9, wrong: 0.045 };
const LATER: Floors = { top1: 0.88, top3: 0.97, refused: 0.9, wrong: 0.05 };
describe.each([
  ["holdout-dev2.yml", "the second DEV set (440 questions)", TUNED],
  ["holdout-dev3.yml", "the third DEV set (306 questions)", TUNED],
  ["holdout-dev4.yml", "the fourth DEV set (212 questions sharing few words with their rows)", HARDER],
  ["holdout-dev5.yml", "the fifth DEV set (220 questions)", HARDER],
  ["holdout-dev6.yml", "the sixth DEV set (348 questions)", HARDER],
  ["holdout-dev7.yml", "the seventh DEV set (300 questions)", { ...HARDER, refused: 0.85 }],
  ["holdout-dev9.yml", "the ninth DEV set (300 questions)", { ...TUNED, top1: 0.93 }],
  ["holdout-dev10.yml", "the tenth (the hardest personas)", { ...LATER, top1: 0.87 }],
  ["holdout-dev11.yml", "the eleventh (written after the second reading)", { ...LATER, top3: 0.95 }],
  ["holdout-dev12.yml", "the twelfth (written from the list of rows alone)", { ...LATER, top1: 0.93 }],
  // Its out-of-scope questions use the documents' own words.
  ["holdout-dev13.yml", "the thirteenth", { top1: 0.92, top3: 0.96, refused: 0.7, wrong: 0.085 }],
  // Party questions only, no out-of-scope ones: a party's list is right or wrong as a whole, so top-3 is top-1.
  ["holdout-dev8.yml", "the eighth DEV set (100 party questions)", { top1: 0.75, top3: 0.75, wrong: 0.15 }],
] as const)("%s: %s", (file, _title, floors: Floors) => {
  holdsFloors(report(file), floors);
});

describe("the TEST half of the held-out exam (scored only: never read question by question, never tuned on)", () => {
  // Floors under the figures measured when the half was last scored (README): they catch a regression; they
  // are not targets to tune against.
  holdsFloors(report("holdout-test.yml", { scoredOnly: true }), {
    top1: 0.91,
    top3: 0.96,
    refused: 0.9,
    wrong: 0.05,
  });
});

describe("the copy of the public sample", () => {
  it("is the shared file, byte for byte, when ../shared is beside the checkout", async () => {
    const { existsSync, readFileSync } = await import("node:fs");
    const shared = fileURLToPath(new URL("../../../shared/eval/questions.yml", import.meta.url));
    if (!existsSync(shared)) return; // a plain clone without ../shared: nothing to compare against
    expect(readFileSync(evalFile("questions.yml"), "utf8")).toBe(readFileSync(shared, "utf8"));
  });
});
