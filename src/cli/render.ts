// Answers and rows for a terminal: plain text, with colour only when writing to a TTY.
import {
  describeContact,
  describeDisagreement,
  describeOwners,
  describeTeams,
  heldRoles,
  joinNames,
  namedModelSupport,
  notesAsText,
  notesBeyondRoute,
  OWNERS_FROM_NOTES,
  reachVerb,
  roleMeaning,
  rolesAddToOwners,
  splitRoute,
  supportSaysMore,
  WHICH_PLATFORM,
} from "../answer/describe.ts";
import type { Answer, Match } from "../answer/types.ts";
import { START_QUESTIONS } from "../examples.ts";
import type { Contact, Model, Row } from "../model/types.ts";

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

/** "ask in #x or email y@z": each way to reach someone, with its verb. */
function routeWords(reach: readonly Contact[]): string {
  return reach.map((contact) => `${reachVerb(contact)} ${describeContact(contact)}`).join(" or ");
}

/** "Other MoJ Team (Data Engineering team) → ask in #ask-data-engineering (Justice Digital workspace)". */
export function ownerRouteLine(match: Match): string {
  const { teams, reach } = splitRoute(match.contacts);
  const team = describeTeams(match, teams);
  const route = routeWords(reach);
  const general = route && match.contactsFromSupport ? " (general support)" : "";
  return `${describeOwners(match)}${team}${route ? ` → ${route}${general}` : ""}`;
}

/** Roles in words, for the parties that hold one: "OVHcloud: R does it, A signs off; Customer: I is kept informed". */
function rolesLine(match: Match): string | undefined {
  if (!rolesAddToOwners(match)) return undefined;
  return heldRoles(match)
    .map((a) => {
      const words =
        a.role === "✅" ? "✅" : [...a.role].map((letter) => `${letter} ${roleMeaning(letter)}`).join(", ");
      const published = a.original ? ` [as published: ${a.original}]` : "";
      return `${a.party}: ${words}${published}`;
    })
    .join("; ");
}

/** Who and where first, then what the row says and where it sits, then roles, notes and source. */
export function renderMatch(match: Match, style: Style): string {
  const lines = [
    style.accent(safe(ownerRouteLine(match))),
    `  ${style.bold(safe(match.responsibility))}`,
    style.dim(
      `  ${safe(match.modelName)}${match.section ? ` › ${safe(match.section)}` : ""}${match.item ? ` › item ${match.item}` : ""}`,
    ),
  ];
  const disagreement = describeDisagreement(match);
  if (disagreement) lines.push(`  Note: ${safe(disagreement)}`);
  // The document's own words, whole ("However, …" alone would answer a sentence not shown).
  if (match.caveat) lines.push(`  Caveat: “${safe(match.caveat)}”`);
  const roles = rolesLine(match);
  if (roles) lines.push(`  Roles: ${safe(roles)}`);
  const notes = notesBeyondRoute(match);
  if (notes.trim()) lines.push("  Notes:", indent(safe(notesAsText(notes))));
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

/** A close row in two lines: what, then who and where. */
function renderCompact(match: Match, style: Style): string {
  return `  • ${safe(match.responsibility)} ${style.dim(`(${safe(match.modelName)})`)}\n    ${safe(ownerRouteLine(match))}`;
}

/** The question a readable answer answers, when several are answered in a row (questions from stdin). */
export function renderQuestion(question: string, style: Style): string {
  return style.accent(`› ${safe(question.trim())}`);
}

export function renderAnswer(answer: Answer, style: Style): string {
  const out: string[] = [];
  if (answer.which && answer.which.length > 0) {
    out.push(WHICH_PLATFORM);
    for (const which of answer.which) out.push(`  who-owns ask "${safe(which.question)}"`);
    return out.join("\n");
  }
  if (answer.kind === "party") {
    if (!answer.answered) return `No rows name ${safe(answer.party ?? "that party")} as owner.`;
    const part = answer.sections
      ? ` in ${answer.sections.map((section) => `“${safe(section)}”`).join(", ")}`
      : "";
    out.push(
      style.bold(`${safe(answer.party ?? "")} is responsible for ${answer.matches.length} rows${part}:`),
    );
    for (const match of answer.matches) {
      out.push(
        `  • ${safe(match.responsibility)} ${style.dim(`(${safe(match.modelName)} › ${safe(match.section)})`)}`,
      );
    }
    return out.join("\n");
  }
  const [top, ...rest] = answer.matches;
  if (answer.answered && top) {
    if (answer.part)
      out.push(style.dim(`This answers “${safe(answer.part)}”; I have no sure answer for the rest.`), "");
    out.push(renderMatch(top, style));
    const alternatives = answer.ambiguous ? rest.slice(0, 2) : [];
    if (alternatives.length > 0) {
      const otherModel = alternatives.some((alt) => alt.model !== top.model);
      out.push("", otherModel ? "The answer depends on the platform. Also:" : "Also close:");
      for (const alt of alternatives) out.push(renderCompact(alt, style));
    }
    return out.join("\n");
  }
  const general = answer.matches.length === 0 ? namedModelSupport(answer) : undefined;
  if (general) {
    out.push(
      `I have no row on that in ${safe(general.modelName)}. Its general route: ${safe(routeWords(general.contacts))}`,
    );
    if (supportSaysMore(general)) out.push(style.dim(`  ${safe(notesAsText(general.text))}`));
    return out.join("\n");
  }
  if (answer.matches.length === 0) {
    out.push(
      "I have nothing on that. I answer “who owns this?” from published shared responsibility models. Try:",
      ...START_QUESTIONS.map((question) => `  who-owns ask "${question}"`),
    );
    return out.join("\n");
  }
  out.push("I'm not sure who owns that. The closest I found:");
  for (const match of answer.matches.slice(0, 3)) out.push(renderCompact(match, style));
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

export function renderRows(model: Model, rows: readonly Row[], style: Style, party?: string): string {
  const out = [style.bold(model.name)];
  // The filter is on owners: say so, since a party consulted or informed on a row is not listed for it.
  const named = model.parties.find((known) => known.toLowerCase() === party?.toLowerCase());
  if (named)
    out.push(
      style.dim(`The rows ${named} owns; rows where it is only consulted or informed are not listed.`),
    );
  let section: string | undefined;
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      out.push("", style.accent(section || "(no section)"));
    }
    out.push(
      `  ${row.item ? `${row.item}. ` : ""}${safe(row.responsibility)} ${style.dim(`— ${safe(whoLine(row))}`)}`,
    );
  }
  return out.join("\n");
}

/** A row's owners for a list, with each party's letters where they say more ("Customer RA · OVHcloud CI"). */
function whoLine(row: Row): string {
  const who = rolesAddToOwners(row)
    ? heldRoles(row)
        .map((assignment) => `${assignment.party} ${assignment.role}`)
        .join(" · ")
    : row.owners.length > 0
      ? row.owners.join(", ")
      : "no owner marked";
  if (row.ownersFrom === "notes") return `${who} (${OWNERS_FROM_NOTES})`;
  if (row.notesOwners && row.notesOwners.length > 0)
    return `${who} (the notes say ${joinNames(row.notesOwners)})`;
  return who;
}
