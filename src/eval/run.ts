// Scores the engine on an eval file: top-1, top-3, out-of-scope rejection, owners and contacts.
import type { Engine } from "../answer/engine.ts";
import type { Answer, Match } from "../answer/types.ts";
import type { EvalQuestion } from "./questions.ts";

export interface Miss {
  q: string;
  why: string;
  got?: string;
}

export interface EvalReport {
  total: number;
  inScope: number;
  outOfScope: number;
  top1: number;
  top3: number;
  rejected: number;
  /** Top-1 hits whose owners and contacts are also right. */
  ownersAndContactsRight: number;
  misses: Miss[];
}

const describe = (match: Match | undefined) =>
  match ? `${match.model}: ${match.responsibility}` : "nothing";

function isExpected(match: Match | undefined, expect: Extract<EvalQuestion, { expect: unknown }>["expect"]) {
  return (
    match !== undefined &&
    match.model === expect.model &&
    (match.responsibility === expect.resp || expect.alt.includes(match.responsibility))
  );
}

function contactValues(match: Match): string[] {
  return match.contacts.map((contact) => contact.value);
}

export function runEval(engine: Engine, questions: readonly EvalQuestion[]): EvalReport {
  const report: EvalReport = {
    total: questions.length,
    inScope: 0,
    outOfScope: 0,
    top1: 0,
    top3: 0,
    rejected: 0,
    ownersAndContactsRight: 0,
    misses: [],
  };
  for (const question of questions) {
    const answer: Answer = engine.ask(question.q);
    const top = answer.answered ? answer.matches[0] : undefined;
    if (!("expect" in question)) {
      report.outOfScope++;
      if (answer.answered)
        report.misses.push({ q: question.q, why: "answered an out-of-scope question", got: describe(top) });
      else report.rejected++;
      continue;
    }
    const { expect } = question;
    report.inScope++;
    if (answer.matches.slice(0, 3).some((match) => isExpected(match, expect))) report.top3++;
    if (!isExpected(top, expect) || !top) {
      const why = answer.answered ? "wrong top match" : "not answered";
      report.misses.push({ q: question.q, why, got: describe(answer.matches[0]) });
      continue;
    }
    report.top1++;
    const missingOwners = expect.owners.filter((owner) => !top.owners.includes(owner));
    const extraOwners =
      expect.owners.length > 0 ? top.owners.filter((owner) => !expect.owners.includes(owner)) : [];
    const values = contactValues(top);
    const missingContacts = expect.contacts.filter(
      (wanted) => !values.some((value) => value.includes(wanted)),
    );
    if (missingOwners.length || extraOwners.length || missingContacts.length) {
      report.misses.push({
        q: question.q,
        why: `owners ${top.owners.join(", ")}; contacts ${values.join(", ") || "none"}; wanted owners ${expect.owners.join(", ")} contacts ${expect.contacts.join(", ")}`,
        got: describe(top),
      });
    } else report.ownersAndContactsRight++;
  }
  return report;
}

const percent = (part: number, whole: number) =>
  whole === 0 ? "n/a" : `${((100 * part) / whole).toFixed(1)}%`;

export function formatReport(report: EvalReport): string {
  const lines = report.misses.map(
    (miss) => `  miss: "${miss.q}" — ${miss.why}${miss.got ? ` (got ${miss.got})` : ""}`,
  );
  lines.push(
    `questions: ${report.total} (${report.inScope} in scope, ${report.outOfScope} out of scope)`,
    `top-1: ${report.top1}/${report.inScope} ${percent(report.top1, report.inScope)}   top-3: ${report.top3}/${report.inScope} ${percent(report.top3, report.inScope)}`,
    `owners and contacts right: ${report.ownersAndContactsRight}/${report.top1}`,
    `out-of-scope rejected: ${report.rejected}/${report.outOfScope}`,
  );
  return lines.join("\n");
}
