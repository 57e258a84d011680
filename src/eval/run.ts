// Scores the engine on an eval file: top-1, top-3, out-of-scope rejection, owners and contacts, and how
// often answers at each confidence are right (the reliability table the answering threshold is chosen from).
import type { Engine } from "../answer/engine.ts";
import type { Answer, Match } from "../answer/types.ts";
import type { EvalQuestion, Expectation, PartyExpectation } from "./questions.ts";

export interface Miss {
  q: string;
  why: string;
  got?: string;
}

/** Questions whose answer confidence falls in [from, to): how many, how many answered, how many right. */
export interface Band {
  from: number;
  to: number;
  questions: number;
  answered: number;
  /** The top match is what the question wants (never, for an out-of-scope question). */
  right: number;
}

export interface EvalReport {
  total: number;
  /** Questions with an answer to give (`expect` or `party`). */
  inScope: number;
  outOfScope: number;
  /** Answered, and the answer is right. */
  top1: number;
  /** The right row among the first three matches, answered or not (a party question: the party's list). */
  top3: number;
  rejected: number;
  /** Questions answered (in scope or not). */
  answered: number;
  /** Answered with the wrong row, or answered although out of scope. */
  answeredWrong: number;
  /** Top-1 hits whose owners and contacts are also right. */
  ownersAndContactsRight: number;
  misses: Miss[];
  reliability: Band[];
}

/** Confidence bands of the reliability table: tenths. */
const BAND_WIDTH = 0.1;

const describe = (match: Match | undefined) =>
  match ? `${match.model}: ${match.responsibility}` : "nothing";

function describeAnswer(answer: Answer): string {
  if (answer.kind === "party") return `${answer.party}'s rows (${answer.matches.length})`;
  return describe(answer.matches[0]);
}

function isExpected(match: Match | undefined, expect: Expectation) {
  return (
    match !== undefined &&
    match.model === expect.model &&
    (match.responsibility === expect.resp || expect.alt.includes(match.responsibility))
  );
}

/** A party answer for that party whose rows come from that model. */
function isPartyAnswer(answer: Answer, expect: PartyExpectation): boolean {
  return (
    answer.kind === "party" &&
    answer.party?.toLowerCase() === expect.party.toLowerCase() &&
    answer.matches.length > 0 &&
    answer.matches.every((match) => match.model === expect.model)
  );
}

function contactValues(match: Match): string[] {
  return match.contacts.map((contact) => contact.value);
}

/** Owners and contacts of a right top match, against what the question expects: a reason when they differ. */
function ownersAndContactsProblem(top: Match, expect: Expectation): string | undefined {
  const missingOwners = expect.owners.filter((owner) => !top.owners.includes(owner));
  const extraOwners =
    expect.owners.length > 0 ? top.owners.filter((owner) => !expect.owners.includes(owner)) : [];
  const values = contactValues(top);
  const missingContacts = expect.contacts.filter((wanted) => !values.some((value) => value.includes(wanted)));
  if (missingOwners.length === 0 && extraOwners.length === 0 && missingContacts.length === 0)
    return undefined;
  return `owners ${top.owners.join(", ")}; contacts ${values.join(", ") || "none"}; wanted owners ${expect.owners.join(", ")} contacts ${expect.contacts.join(", ")}`;
}

export function runEval(engine: Engine, questions: readonly EvalQuestion[]): EvalReport {
  const report: EvalReport = {
    total: questions.length,
    inScope: 0,
    outOfScope: 0,
    top1: 0,
    top3: 0,
    rejected: 0,
    answered: 0,
    answeredWrong: 0,
    ownersAndContactsRight: 0,
    misses: [],
    reliability: Array.from({ length: Math.round(1 / BAND_WIDTH) }, (_, band) => ({
      from: Math.round(band * BAND_WIDTH * 10) / 10,
      to: Math.round((band + 1) * BAND_WIDTH * 10) / 10,
      questions: 0,
      answered: 0,
      right: 0,
    })),
  };
  for (const question of questions) {
    const answer: Answer = engine.ask(question.q);
    const top = answer.matches[0];
    // Right if given: the top match (or the party list) is what the question wants.
    let right: boolean;
    if ("none" in question) {
      report.outOfScope++;
      right = false;
      if (answer.answered)
        report.misses.push({
          q: question.q,
          why: "answered an out-of-scope question",
          got: describeAnswer(answer),
        });
      else report.rejected++;
    } else if ("party" in question) {
      report.inScope++;
      right = isPartyAnswer(answer, question.party);
      if (right) report.top3++;
      if (right && answer.answered) {
        report.top1++;
        report.ownersAndContactsRight++; // every row listed names the party
      } else
        report.misses.push({
          q: question.q,
          why: answer.answered ? `wanted ${question.party.party}'s rows` : "not answered",
          got: describeAnswer(answer),
        });
    } else {
      const { expect } = question;
      report.inScope++;
      right = answer.kind === "responsibility" && isExpected(top, expect);
      if (answer.kind === "responsibility" && answer.matches.slice(0, 3).some((m) => isExpected(m, expect)))
        report.top3++;
      if (!right || !answer.answered || !top) {
        const why = answer.answered ? "wrong top match" : "not answered";
        report.misses.push({ q: question.q, why, got: describeAnswer(answer) });
      } else {
        report.top1++;
        const problem = ownersAndContactsProblem(top, expect);
        if (problem) report.misses.push({ q: question.q, why: problem, got: describe(top) });
        else report.ownersAndContactsRight++;
      }
    }
    if (answer.answered) {
      report.answered++;
      if (!right) report.answeredWrong++;
    }
    const band =
      report.reliability[
        Math.min(report.reliability.length - 1, Math.floor((answer.confidence ?? 0) / BAND_WIDTH))
      ];
    if (band) {
      band.questions++;
      if (answer.answered) band.answered++;
      if (right) band.right++;
    }
  }
  return report;
}

const percent = (part: number, whole: number) =>
  whole === 0 ? "n/a" : `${((100 * part) / whole).toFixed(1)}%`;

/** The reliability table: per confidence band, how many questions and how many of their top answers are right. */
export function formatReliability(report: EvalReport): string {
  const lines = ["confidence   questions  answered  right  right %"];
  for (const band of report.reliability) {
    if (band.questions === 0) continue;
    lines.push(
      `${band.from.toFixed(1)}–${band.to.toFixed(1)}     ${String(band.questions).padStart(9)}  ${String(band.answered).padStart(8)}  ${String(band.right).padStart(5)}  ${percent(band.right, band.questions).padStart(7)}`,
    );
  }
  return lines.join("\n");
}

export function formatReport(report: EvalReport): string {
  const lines = report.misses.map(
    (miss) => `  miss: "${miss.q}" — ${miss.why}${miss.got ? ` (got ${miss.got})` : ""}`,
  );
  lines.push(
    `questions: ${report.total} (${report.inScope} in scope, ${report.outOfScope} out of scope)`,
    `top-1 (answered and right): ${report.top1}/${report.inScope} ${percent(report.top1, report.inScope)}   top-3: ${report.top3}/${report.inScope} ${percent(report.top3, report.inScope)}`,
    `owners and contacts right: ${report.ownersAndContactsRight}/${report.top1}`,
    `out-of-scope rejected: ${report.rejected}/${report.outOfScope}`,
    `answered wrong: ${report.answeredWrong}/${report.answered} ${percent(report.answeredWrong, report.answered)}`,
    "",
    formatReliability(report),
  );
  return lines.join("\n");
}
