// Words every surface uses to explain an answer, so the terminal and Slack say the same thing.
import type { Assignment, Contact } from "../model/types.ts";
import type { Match } from "./types.ts";

const LETTER_MEANINGS: Record<string, string> = {
  R: "does it",
  A: "answers for it",
  C: "is consulted",
  I: "is told",
};

/** "RA" → "does it, answers for it"; "✅" → "marked"; "" → "—". */
export function roleMeaning(role: string): string {
  if (role === "") return "—";
  if (role === "✅") return "marked";
  return [...role].map((letter) => LETTER_MEANINGS[letter] ?? letter).join(", ");
}

/** "RA (does it, answers for it)", "✅", or "—" for an empty cell; the published form when it differs. */
export function describeAssignment(assignment: Assignment): string {
  if (assignment.role === "") return "—";
  const published = assignment.original ? ` [as published: ${assignment.original}]` : "";
  if (assignment.role === "✅") return `✅${published}`;
  return `${assignment.role} (${roleMeaning(assignment.role)})${published}`;
}

export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** The owner line: who, and on what evidence when it is not the marks. */
export function describeOwners(match: Match): string {
  if (match.owners.length === 0) return "No owner is marked for this row";
  const who = joinNames(match.owners);
  switch (match.ownersFrom) {
    case "notes":
      return `${who} (no party is marked; the notes name them)`;
    case "boundary":
      return `${who} (by where the item falls in the list)`;
    case "text":
      return `${who} (from the text: the document says so for the whole area)`;
    default:
      return who;
  }
}

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
