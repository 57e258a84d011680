// Who owns a row: from the RACI letters or ✅ marks, else from its area's sentence, else from a list's
// boundary, else from the notes.
import { plainNotes, sentences } from "./contacts.ts";
import { escapeRegExp } from "./regexp.ts";
import type { Area, Assignment, Boundary, OwnersFrom } from "./types.ts";

export interface Ownership {
  owners: string[];
  ownersFrom: OwnersFrom;
  /** Parties the notes call responsible, when the marks say otherwise (shown beside the marks, never instead). */
  notesOwners?: string[];
}

/** Parties a sentence about responsibility names: "Users are responsible…", "The Analytical Platform team are…". */
export function partiesNamedResponsible(notes: string, parties: readonly string[]): string[] {
  const named = new Set<string>();
  for (const sentence of sentences(plainNotes(notes))) {
    if (!/responsib/i.test(sentence)) continue;
    for (const party of parties) {
      const pattern = new RegExp(`\\b${escapeRegExp(party)}s?\\b`, "i");
      if (pattern.test(sentence)) named.add(party);
    }
  }
  return parties.filter((party) => named.has(party));
}

/** Parties holding `letter` (R or A) or a ✅, in party order. */
function holders(assignments: readonly Assignment[], test: (role: string) => boolean): string[] {
  return assignments.filter((assignment) => test(assignment.role)).map((assignment) => assignment.party);
}

export function ownership(
  assignments: readonly Assignment[],
  notes: string,
  parties: readonly string[],
  boundary?: Boundary,
  item?: number,
  area?: Area,
): Ownership {
  const notesSay = partiesNamedResponsible(notes, parties);
  let owners = holders(assignments, (role) => role.includes("R"));
  if (owners.length === 0) owners = holders(assignments, (role) => role.includes("A"));
  if (owners.length === 0) owners = holders(assignments, (role) => role === "✅");

  if (owners.length > 0) {
    const disagreeing = notesSay.filter((party) => !owners.includes(party));
    return disagreeing.length > 0
      ? { owners, ownersFrom: "marks", notesOwners: notesSay }
      : { owners, ownersFrom: "marks" };
  }
  if (area) return { owners: [...area.owners], ownersFrom: "text" };
  if (boundary && item !== undefined) {
    return { owners: [item < boundary.item ? boundary.before : boundary.from], ownersFrom: "boundary" };
  }
  return { owners: notesSay, ownersFrom: "notes" };
}
