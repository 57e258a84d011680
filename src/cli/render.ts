// Answers and rows for a terminal: plain text, with colour only when writing to a TTY.
import {
  describeAssignment,
  describeContact,
  describeDisagreement,
  describeOwners,
  notesAsText,
} from "../answer/describe.ts";
import type { Answer, Match } from "../answer/types.ts";
import type { Model, Row } from "../model/types.ts";

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  accent(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
export const COLOUR: Style = { bold: wrap(1, 22), dim: wrap(2, 22), accent: wrap(36, 39) };
export const PLAIN: Style = { bold: (t) => t, dim: (t) => t, accent: (t) => t };

/** Strips terminal control characters from data and questions, so nothing printed can drive the terminal. */
function safe(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
}

function indent(text: string, prefix = "    "): string {
  return text
    .split("\n")
    .map((line) => prefix + line)
    .join("\n");
}

export function renderMatch(match: Match, style: Style): string {
  const lines = [
    style.bold(safe(match.responsibility)),
    style.dim(
      `  ${safe(match.modelName)}${match.section ? ` › ${safe(match.section)}` : ""}${match.item ? ` › item ${match.item}` : ""}`,
    ),
    `  Owner: ${style.accent(safe(describeOwners(match)))}`,
  ];
  const disagreement = describeDisagreement(match);
  if (disagreement) lines.push(`  Note: ${safe(disagreement)}`);
  if (match.caveat) lines.push(`  Caveat: ${safe(match.caveat)}`);
  lines.push(
    `  Roles: ${match.assignments.map((a) => `${safe(a.party)} ${safe(describeAssignment(a))}`).join("; ")}`,
  );
  if (match.contacts.length > 0) {
    const label = match.contactsFromSupport ? "General support" : "Ask";
    lines.push(`  ${label}: ${match.contacts.map((contact) => safe(describeContact(contact))).join("; ")}`);
  }
  if (match.notes.trim()) lines.push("  Notes:", indent(safe(notesAsText(match.notes))));
  if (match.source) {
    const { url, licence, revision, fetched } = match.source;
    const freshness = [revision ? `version ${revision}` : "", fetched ? `read ${fetched}` : ""].filter(
      Boolean,
    );
    const details = [licence, ...freshness].map(safe).join("; ");
    lines.push(style.dim(`  Source: ${safe(url)} (${details})`));
  }
  return lines.join("\n");
}

/** The question a readable answer answers, when several are answered in a row (questions from stdin). */
export function renderQuestion(question: string, style: Style): string {
  return style.accent(`› ${safe(question.trim())}`);
}

export function renderAnswer(answer: Answer, style: Style): string {
  const out: string[] = [];
  if (answer.kind === "party") {
    if (!answer.answered) return `No rows name ${safe(answer.party ?? "that party")} as owner.`;
    out.push(style.bold(`${safe(answer.party ?? "")} is responsible for ${answer.matches.length} rows:`));
    for (const match of answer.matches) {
      out.push(
        `  • ${safe(match.responsibility)} ${style.dim(`(${safe(match.modelName)} › ${safe(match.section)})`)}`,
      );
    }
    return out.join("\n");
  }
  const [top, ...rest] = answer.matches;
  if (answer.answered && top) {
    out.push(renderMatch(top, style));
    if (answer.ambiguous && rest[0])
      out.push(
        "",
        style.bold("Close call — this may be what you mean instead:"),
        `  • ${safe(rest[0].responsibility)} ${style.dim(`(${safe(rest[0].modelName)})`)} — ${safe(describeOwners(rest[0]))}`,
      );
    return out.join("\n");
  }
  out.push("I don't know: no responsibility model covers that question confidently.");
  if (answer.matches.length > 0) {
    out.push("The closest rows:");
    for (const match of answer.matches.slice(0, 3)) {
      out.push(
        `  • ${safe(match.responsibility)} ${style.dim(`(${safe(match.modelName)} › ${safe(match.section)})`)}`,
      );
    }
  }
  for (const route of answer.support) out.push(`${safe(route.modelName)}: ${safe(notesAsText(route.text))}`);
  return out.join("\n");
}

export function renderModelList(models: readonly Model[], style: Style): string {
  return models
    .map(
      (model) =>
        `${style.bold(model.id)}  ${model.name}\n  ${model.rows.length} rows; parties: ${model.parties.join(", ")}${model.aliases.length ? `; also called ${model.aliases.join(", ")}` : ""}`,
    )
    .join("\n");
}

export function renderRows(model: Model, rows: readonly Row[], style: Style): string {
  const out = [style.bold(model.name)];
  let section: string | undefined;
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      out.push("", style.accent(section || "(no section)"));
    }
    const owners = row.owners.length ? row.owners.join(", ") : "no owner marked";
    out.push(`  ${row.item ? `${row.item}. ` : ""}${safe(row.responsibility)} ${style.dim(`— ${owners}`)}`);
  }
  return out.join("\n");
}
