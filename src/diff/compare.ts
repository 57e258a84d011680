// Two versions of a model → what changed, row by row. Rows are paired across versions even when reworded
// (same text first, then the same text in another section, then the closest wording above a threshold), so a
// corrected typo reads as one reworded row, not a removal and an addition. Only what a document says is
// compared: parties, boundary, sections, rows; curated fields (name, aliases, support, source) are not.
import { slugify } from "../model/build.ts";
import { extractContacts } from "../model/contacts.ts";
import { ownership } from "../model/owners.ts";
import type { CellFile, ModelFile, RowFile } from "../model/schema.ts";
import type { Area, Contact } from "../model/types.ts";

export interface RowRef {
  section: string;
  item?: number;
  responsibility: string;
  /** The row's id in the old version (pinned or its slug), so links and feedback can follow it. */
  id?: string;
}

export interface RoleChange {
  party: string;
  /** Normalised role, "" for none. */
  from: string;
  to: string;
}

export type Change =
  | { kind: "parties-changed"; added: string[]; removed: string[] }
  | { kind: "boundary-changed"; from?: ModelFile["boundary"]; to?: ModelFile["boundary"] }
  | { kind: "area-owners-changed"; section: string; from?: Area; to?: Area }
  | { kind: "section-renamed"; from: string; to: string; rows: number }
  | { kind: "row-added"; row: RowRef; roles: RoleChange[] }
  | { kind: "row-removed"; row: RowRef }
  | { kind: "row-moved"; row: RowRef; from: string; to: string }
  | { kind: "row-reworded"; row: RowRef; from: string; to: string }
  | { kind: "roles-changed"; row: RowRef; roles: RoleChange[]; owners: { from: string[]; to: string[] } }
  | {
      kind: "contacts-changed";
      row: RowRef;
      removed: Contact[];
      added: Contact[];
      notes: { from: string; to: string };
    }
  | { kind: "notes-reworded"; row: RowRef; from: string; to: string };

export interface Comparison {
  changes: Change[];
  /** Index in `old.rows` → index in `new.rows`, for every row found in both. */
  pairs: Map<number, number>;
}

/** Below this a reworded row is taken for a different one (0..1, see `similarity`). */
export const REWORDED_AT_LEAST = 0.6;
/** Two list items at the same number in the same section need less alike wording to be the same item. */
const SAME_ITEM_AT_LEAST = 0.3;

/**
 * Text as a change is judged: whitespace runs are one space and spaces beside `<br>` do not count, since an
 * HTML page cannot keep them; markup and wording do count.
 */
export function normalText(text: string): string {
  return text
    .replace(/\s*<br\s*\/?>\s*/gi, "<br>")
    .replace(/\s+/g, " ")
    .trim();
}

function roleOf(cell: CellFile | undefined): string {
  return cell === undefined ? "" : typeof cell === "string" ? cell : cell.role;
}

export function compareModels(old: ModelFile, next: ModelFile): Comparison {
  const changes: Change[] = [];
  const added = next.parties.filter((party) => !old.parties.includes(party));
  const removed = old.parties.filter((party) => !next.parties.includes(party));
  if (added.length > 0 || removed.length > 0) changes.push({ kind: "parties-changed", added, removed });
  if (JSON.stringify(old.boundary ?? null) !== JSON.stringify(next.boundary ?? null))
    changes.push({ kind: "boundary-changed", from: old.boundary, to: next.boundary });

  for (const section of new Set([...(old.areas ?? []), ...(next.areas ?? [])].map((area) => area.section))) {
    const from = old.areas?.find((area) => area.section === section);
    const to = next.areas?.find((area) => area.section === section);
    if (JSON.stringify(from ?? null) !== JSON.stringify(to ?? null))
      changes.push({
        kind: "area-owners-changed",
        section,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      });
  }

  const pairs = pairRows(old.rows, next.rows);
  const ids = rowIds(old.rows);
  const ref = (row: RowFile, index?: number): RowRef => ({
    section: row.section,
    ...(row.item !== undefined ? { item: row.item } : {}),
    responsibility: row.responsibility,
    ...(index !== undefined ? { id: ids[index] } : {}),
  });

  // Sections whose every paired row moved to one new name that the old version did not have: renamed.
  const oldSections = new Set(old.rows.map((row) => row.section));
  const newSections = new Set(next.rows.map((row) => row.section));
  const moves = new Map<string, number>();
  for (const [from, to] of pairs) {
    const a = old.rows[from]?.section ?? "";
    const b = next.rows[to]?.section ?? "";
    if (a !== b) moves.set(`${a}\u0000${b}`, (moves.get(`${a}\u0000${b}`) ?? 0) + 1);
  }
  const renamed = new Set<string>();
  for (const [key, count] of moves) {
    const [from = "", to = ""] = key.split("\u0000");
    const onlyTarget = [...moves.keys()].filter((other) => other.startsWith(`${from}\u0000`)).length === 1;
    if (!newSections.has(from) && !oldSections.has(to) && onlyTarget) {
      renamed.add(key);
      changes.push({ kind: "section-renamed", from, to, rows: count });
    }
  }

  for (const [from, to] of pairs) {
    const a = old.rows[from];
    const b = next.rows[to];
    if (!a || !b) continue;
    const row = ref(b, from);
    if (a.section !== b.section && !renamed.has(`${a.section}\u0000${b.section}`))
      changes.push({ kind: "row-moved", row, from: a.section, to: b.section });
    if (normalText(a.responsibility) !== normalText(b.responsibility))
      changes.push({ kind: "row-reworded", row, from: a.responsibility, to: b.responsibility });
    const roles = roleChanges(a, b, [...new Set([...old.parties, ...next.parties])]);
    if (roles.length > 0) {
      changes.push({
        kind: "roles-changed",
        row,
        roles,
        owners: { from: ownersOf(a, old), to: ownersOf(b, next) },
      });
    }
    if (normalText(a.notes) !== normalText(b.notes)) {
      // Routes people follow (channels, emails, links); a team named in prose shows in the word changes.
      const before = routesIn(a.notes, old.parties);
      const after = routesIn(b.notes, next.parties);
      const gone = before.filter((contact) => !after.some((other) => sameContact(contact, other)));
      const come = after.filter((contact) => !before.some((other) => sameContact(contact, other)));
      changes.push(
        gone.length > 0 || come.length > 0
          ? {
              kind: "contacts-changed",
              row,
              removed: gone,
              added: come,
              notes: { from: a.notes, to: b.notes },
            }
          : { kind: "notes-reworded", row, from: a.notes, to: b.notes },
      );
    }
  }
  const pairedNew = new Set(pairs.values());
  next.rows.forEach((row, index) => {
    if (pairedNew.has(index)) return;
    const roles = next.parties
      .map((party) => ({ party, from: "", to: roleOf(row.assignments[party]) }))
      .filter((role) => role.to !== "");
    changes.push({ kind: "row-added", row: ref(row), roles });
  });
  old.rows.forEach((row, index) => {
    if (!pairs.has(index)) changes.push({ kind: "row-removed", row: ref(row, index) });
  });
  return { changes, pairs };
}

function roleChanges(a: RowFile, b: RowFile, parties: string[]): RoleChange[] {
  return parties
    .map((party) => ({ party, from: roleOf(a.assignments[party]), to: roleOf(b.assignments[party]) }))
    .filter((change) => change.from !== change.to);
}

function ownersOf(row: RowFile, model: ModelFile): string[] {
  const assignments = model.parties.map((party) => ({ party, role: roleOf(row.assignments[party]) }));
  const area = model.areas?.find(
    (candidate) => row.section === candidate.section || row.section.startsWith(`${candidate.section} / `),
  );
  return ownership(assignments, row.notes, model.parties, model.boundary, row.item, area).owners;
}

function routesIn(notes: string, parties: readonly string[]): Contact[] {
  return extractContacts(notes, parties).filter((contact) => contact.type !== "team");
}

function sameContact(a: Contact, b: Contact): boolean {
  return a.type === b.type && a.value.toLowerCase() === b.value.toLowerCase();
}

/** Each row's id as the loader gives it: pinned, else its slug, numbered when two rows share one. */
export function rowIds(rows: readonly RowFile[]): string[] {
  const seen = new Set<string>();
  return rows.map((row) => {
    let id = row.id ?? slugify(row.responsibility);
    for (let n = 2; seen.has(id); n++) id = `${slugify(row.responsibility)}-${n}`;
    seen.add(id);
    return id;
  });
}

/** Pairs rows: same section and text, then same text anywhere, then the most alike wording left. */
function pairRows(old: readonly RowFile[], next: readonly RowFile[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const taken = new Set<number>();
  const pass = (same: (a: RowFile, b: RowFile) => boolean) => {
    old.forEach((a, i) => {
      if (pairs.has(i)) return;
      const j = next.findIndex((b, index) => !taken.has(index) && same(a, b));
      if (j >= 0) {
        pairs.set(i, j);
        taken.add(j);
      }
    });
  };
  const text = (row: RowFile) => normalText(row.responsibility).toLowerCase();
  pass((a, b) => a.section === b.section && text(a) === text(b));
  pass((a, b) => text(a) === text(b));

  // Reworded: best-scoring candidates first, so each row goes to its closest counterpart.
  const candidates: { i: number; j: number; score: number }[] = [];
  old.forEach((a, i) => {
    if (pairs.has(i)) return;
    next.forEach((b, j) => {
      if (taken.has(j)) return;
      const sameItem = a.item !== undefined && a.item === b.item && a.section === b.section;
      const score = similarity(a.responsibility, b.responsibility) + (a.section === b.section ? 0.05 : 0);
      if (score >= (sameItem ? SAME_ITEM_AT_LEAST : REWORDED_AT_LEAST)) candidates.push({ i, j, score });
    });
  });
  candidates.sort((x, y) => y.score - x.score);
  for (const { i, j } of candidates) {
    if (pairs.has(i) || taken.has(j)) continue;
    pairs.set(i, j);
    taken.add(j);
  }
  return new Map([...pairs].sort((x, y) => x[1] - y[1]));
}

/** 0..1: the better of word overlap and letter-pair overlap (Dice), so both "Setup"→"Set up" and "Sparck"→"Spark" stay close. */
export function similarity(a: string, b: string): number {
  const words = (text: string) =>
    normalText(text)
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const pairsOf = (text: string) => {
    const letters = words(text).join(" ");
    return Array.from({ length: Math.max(0, letters.length - 1) }, (_, i) => letters.slice(i, i + 2));
  };
  return Math.max(dice(words(a), words(b)), dice(pairsOf(a), pairsOf(b)));
}

function dice(a: string[], b: string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const token of a) counts.set(token, (counts.get(token) ?? 0) + 1);
  let common = 0;
  for (const token of b) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      common++;
      counts.set(token, left - 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}
