// Words every surface uses to explain an answer, so the terminal and Slack say the same thing.
import { escapeRegExp } from "../model/regexp.ts";
import type { Assignment, Contact } from "../model/types.ts";
import type { Answer, Match, SupportRoute } from "./types.ts";

/** RACI letters and ✅ in words people know; each is spelled out once per card. */
export const ROLE_WORDS: Record<string, string> = {
  R: "does it",
  A: "signs off",
  C: "is consulted",
  I: "is kept informed",
  "✅": "yes",
};

/** "RA" → "does it and signs off"; "✅" → "yes"; "" → "—". */
export function roleMeaning(role: string): string {
  if (role === "") return "—";
  if (role === "✅") return ROLE_WORDS["✅"] ?? "yes";
  return joinNames([...role].map((letter) => ROLE_WORDS[letter] ?? letter));
}

/** "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** The parties that hold a role in the row (empty cells dropped). */
export function heldRoles(match: Pick<Match, "assignments">): Assignment[] {
  return match.assignments.filter((assignment) => assignment.role !== "");
}

/**
 * Whether the roles say more than the owner line: not when every held role is a ✅ of exactly the owners
 * (a ticked-column model where the owners are the ticked parties).
 */
export function rolesAddToOwners(match: Pick<Match, "assignments" | "owners">): boolean {
  const held = heldRoles(match);
  if (held.length === 0) return false;
  const ticked = held.every((assignment) => assignment.role === "✅");
  if (!ticked) return true;
  const owners = new Set(match.owners);
  return held.length !== owners.size || held.some((assignment) => !owners.has(assignment.party));
}

/** The row's route split the way people read it: teams to name beside the owners, then where to go. */
export interface Route {
  teams: string[];
  /** Channels, addresses and links, in the order the source gives them. */
  reach: Contact[];
}

const REACH_ORDER: Record<Contact["type"], number> = {
  person: 0,
  "slack-channel": 1,
  email: 2,
  url: 3,
  team: 4,
};

/** The person the notes send the asker to, then channels, addresses, links: the quickest way comes first. */
export function splitRoute(contacts: readonly Contact[]): Route {
  return {
    teams: contacts.filter((contact) => contact.type === "team").map((contact) => contact.value),
    reach: contacts
      .filter((contact) => contact.type !== "team")
      .sort((a, b) => REACH_ORDER[a.type] - REACH_ORDER[b.type]),
  };
}

/**
 * The teams the notes name, beside the owners: " (Data Engineering team)" when they say who an owner is, and
 * ", with the … team" when the notes name every owner beside them as sharing the duty ("The Analytical
 * Platform and the P&A Cyber team share…"): then the team is a partner, not the owner's name. `teams` come
 * escaped as the surface needs.
 */
export function describeTeams(match: Pick<Match, "owners" | "notes">, teams: readonly string[]): string {
  if (teams.length === 0) return "";
  const notes = match.notes ?? "";
  const shared =
    SHARING.test(notes) &&
    match.owners.length > 0 &&
    match.owners.every((owner) => new RegExp(`\\b${escapeRegExp(owner)}\\b`, "i").test(notes));
  if (!shared) return ` (${joinNames(teams)})`;
  return `, with ${joinNames(teams.map((team) => (/^the\b/i.test(team) ? team : `the ${team}`)))}`;
}

const SHARING = /\bshar(?:e|es|ed|ing)\b/i;

/** The verb before a route: "ask in #channel", "email x@y", "see <link>". */
export function reachVerb(contact: Contact): string {
  switch (contact.type) {
    case "slack-channel":
      return "ask in";
    case "person":
      return "ask";
    case "email":
      return "email";
    default:
      return "see";
  }
}

/** Said beside owners no party's mark names, only the notes. */
export const OWNERS_FROM_NOTES = "no party is marked; the notes name them";

/** The owner line: who, and on what evidence when it is not the marks. */
export function describeOwners(match: Match): string {
  if (match.owners.length === 0) return "No owner is marked for this row";
  const who = joinNames(match.owners);
  switch (match.ownersFrom) {
    case "notes":
      return `${who} (${OWNERS_FROM_NOTES})`;
    case "boundary":
      return `${who} (${describeBoundary(match) ?? "by where the item falls in the list"})`;
    case "text":
      return `${who} (from the text: the document says so for the whole area)`;
    default:
      return who;
  }
}

/** For a numbered list split by a boundary (2i2c): "item 8 — 2i2c's part of the list, from item 7". */
export function describeBoundary(match: Pick<Match, "item" | "owners" | "boundary">): string | undefined {
  const boundary = match.boundary;
  const owner = match.owners[0];
  if (match.item === undefined || !boundary || !owner) return undefined;
  const part =
    owner === boundary.from
      ? `from item ${boundary.item}`
      : `before item ${boundary.item}, where ${boundary.from}'s part begins`;
  return `item ${match.item} — ${owner}'s part of the list, ${part}`;
}

/**
 * The general route of the one model a question named, when no row of it fits ("who do I contact on ovh"):
 * where to go is still worth saying. Undefined when the question named no model or the model has no route.
 */
export function namedModelSupport(answer: Pick<Answer, "model" | "support">): SupportRoute | undefined {
  if (!answer.model) return undefined;
  const route = answer.support.find((support) => support.model === answer.model);
  return route && route.contacts.length > 0 ? route : undefined;
}

/** Whether a route's own words say more than its contacts ("Ask in #x on y" does not; OVHcloud's does). */
export function supportSaysMore(route: SupportRoute): boolean {
  const sentences = route.text.split(/[.!?](?:\s|$)/).filter((sentence) => sentence.trim() !== "");
  return sentences.length > 1 || !route.contacts.every((contact) => route.text.includes(contact.value));
}

/** The lead of a "which platform?" answer (Answer.which), the same in every place it is shown. */
export const WHICH_PLATFORM = "Which platform? Each has its own list of what is yours. Ask one of these:";

/** When the notes name a different owner than the marks: both are shown, neither hidden. */
export function describeDisagreement(match: Match): string | undefined {
  if (!match.notesOwners || match.notesOwners.length === 0) return undefined;
  return `The marks say ${joinNames(match.owners)}, but the notes say ${joinNames(match.notesOwners)} ${match.notesOwners.length > 1 ? "are" : "is"} responsible.`;
}

/** A contact as plain text: "#analytical-platform-support (Justice Digital workspace)". */
export function describeContact(contact: Contact): string {
  switch (contact.type) {
    case "slack-channel":
      return contact.workspace ? `${contact.value} (${contact.workspace} workspace)` : contact.value;
    case "url":
      return contact.label ? `${contact.label}: ${contact.value}` : contact.value;
    default:
      return contact.value;
  }
}

// Words that carry no information of their own in a notes sentence about a route.
const ROUTE_FILLER = new Set(
  (
    "a an and any are as at be by can could do for from further get help how if in is it its of on or " +
    "our please post queries query questions raise reach request requests should slack support the their " +
    "them they this to use user users via who will with workspace channel channels team teams responsible " +
    "contact contacting ask asking email emailing"
  ).split(" "),
);

const wordsOf = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * The notes without the paragraphs that only repeat what the first line already says (the owners, the
 * responsibility, the route): "Users can request support in #ask-data-engineering…" goes; "We do not
 * provide support for DPIAs" stays.
 */
export function notesBeyondRoute(
  match: Pick<Match, "notes" | "owners" | "responsibility" | "contacts">,
): string {
  if (!match.notes) return "";
  // Every match of a row shares the row's owners, notes and contacts: worked out once per row.
  const remembered = beyondRouteOfRow.get(match.owners);
  if (
    remembered?.notes === match.notes &&
    remembered.responsibility === match.responsibility &&
    remembered.contacts === match.contacts
  )
    return remembered.beyond;
  const beyond = workOutNotesBeyondRoute(match);
  beyondRouteOfRow.set(match.owners, {
    notes: match.notes,
    responsibility: match.responsibility,
    contacts: match.contacts,
    beyond,
  });
  return beyond;
}

/** notesBeyondRoute's answer per row, keyed by the row's owners array (gone with the catalogue). */
const beyondRouteOfRow = new WeakMap<
  readonly string[],
  Pick<Match, "notes" | "responsibility" | "contacts"> & { beyond: string }
>();

function workOutNotesBeyondRoute(
  match: Pick<Match, "notes" | "owners" | "responsibility" | "contacts">,
): string {
  const known = new Set(
    [
      match.responsibility,
      ...match.owners,
      ...match.contacts.flatMap((contact) => [contact.value, contact.workspace ?? "", contact.label ?? ""]),
    ].flatMap(wordsOf),
  );
  const says = (paragraph: string) => {
    // Link targets say nothing a reader sees.
    const visible = paragraph.replace(/\]\([^)]*\)/g, "]").replace(/<https?:[^>]*>/g, "");
    const left = wordsOf(visible).filter((word) => !ROUTE_FILLER.has(word) && !known.has(word));
    return left.length > 1;
  };
  return match.notes
    .split(/(?:\s*<br\s*\/?>\s*){2,}|\n{2,}/i)
    .filter((paragraph) => paragraph.trim() && says(paragraph))
    .join("<br>");
}

/** Notes as readable lines: <br> to newlines, markdown links to "text (url)", bold dropped. */
export function notesAsText(notes: string): string {
  return notes
    .replace(/(?:<br\s*\/?>\s*)+/gi, "\n")
    .replace(/\[([^\]]*)\]\(([^)\s]*)\)/g, "$1 ($2)")
    .replace(/(\*\*|__)(.*?)\1/g, "$2")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join("\n");
}
