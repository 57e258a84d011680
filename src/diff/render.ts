// A comparison as people read it (one line per change) and as machines read it (JSON).
import { diffWords } from "diff";
import type { Contact } from "../model/types.ts";
import type { Change, RoleChange, RowRef } from "./compare.ts";

const KIND_LABEL: Record<Change["kind"], string> = {
  "parties-changed": "parties",
  "boundary-changed": "boundary",
  "area-owners-changed": "area owners",
  "section-renamed": "section renamed",
  "row-added": "added",
  "row-removed": "removed",
  "row-moved": "moved",
  "row-reworded": "reworded",
  "roles-changed": "owners",
  "contacts-changed": "contacts",
  "notes-reworded": "notes",
};

function where(row: RowRef): string {
  const place = [row.section, row.item !== undefined ? `item ${row.item}` : ""].filter(Boolean).join(" › ");
  return `${place ? `${place} › ` : ""}"${row.responsibility}"`;
}

const role = (value: string) => value || "–";
const roles = (changes: RoleChange[]) =>
  changes.map((change) => `${change.party} ${role(change.from)} → ${role(change.to)}`).join(", ");
const contact = (value: Contact) => `${value.type} ${value.value}`;
const list = (names: string[]) => names.join(", ") || "nobody";

/** Only the words that changed: `[-old-]{+new+}` with a few words of context. */
export function wordChanges(from: string, to: string): string {
  const parts = diffWords(from, to);
  return parts
    .map((part, index) => {
      if (part.added) return `{+${part.value}+}`;
      if (part.removed) return `[-${part.value}-]`;
      const words = part.value.split(/(\s+)/);
      if (words.length <= 9) return part.value;
      const head = index > 0 ? words.slice(0, 5).join("") : "";
      const tail = index < parts.length - 1 ? words.slice(-5).join("") : "";
      return `${head}…${tail}`;
    })
    .join("");
}

export function describeChange(change: Change): string {
  switch (change.kind) {
    case "parties-changed":
      return `parties: added ${list(change.added)}; removed ${list(change.removed)}`;
    case "boundary-changed":
      return `from item ${change.from?.item ?? "none"} (${change.from?.from ?? "-"}) to item ${change.to?.item ?? "none"} (${change.to?.from ?? "-"})`;
    case "area-owners-changed":
      return `"${change.section}": ${list(change.from?.owners ?? [])} → ${list(change.to?.owners ?? [])} (${change.to?.text ?? "no sentence says"})`;
    case "section-renamed":
      return `"${change.from}" → "${change.to}" (${change.rows} row${change.rows === 1 ? "" : "s"})`;
    case "row-added":
      return `${where(change.row)}${change.roles.length > 0 ? ` (${change.roles.map((r) => `${r.party} ${r.to}`).join(", ")})` : ""}`;
    case "row-removed":
      return where(change.row);
    case "row-moved":
      return `${where(change.row)} from "${change.from}" to "${change.to}"`;
    case "row-reworded":
      return `${where({ ...change.row, responsibility: change.from })} → "${change.to}"`;
    case "roles-changed":
      return `${where(change.row)}: ${roles(change.roles)} (owners ${list(change.owners.from)} → ${list(change.owners.to)})`;
    case "contacts-changed": {
      const gone = change.removed.map(contact).join(", ");
      const come = change.added.map(contact).join(", ");
      return `${where(change.row)}: ${gone || "none"} → ${come || "none"}`;
    }
    case "notes-reworded":
      return `${where(change.row)}: ${wordChanges(change.from, change.to)}`;
  }
}

const SIGN: Partial<Record<Change["kind"], string>> = { "row-added": "+", "row-removed": "-" };

export function renderChanges(title: string, changes: readonly Change[]): string {
  if (changes.length === 0) return `${title}: no changes`;
  const width = Math.max(...changes.map((change) => KIND_LABEL[change.kind].length));
  const lines = changes.map(
    (change) =>
      `${SIGN[change.kind] ?? "~"} ${KIND_LABEL[change.kind].padEnd(width)}  ${describeChange(change)}`,
  );
  return [`${title}: ${changes.length} change${changes.length === 1 ? "" : "s"}`, ...lines].join("\n");
}

/** Changes in the order a reader wants them: model-wide first, then added, removed, then row by row. */
export function ordered(changes: readonly Change[]): Change[] {
  const rank: Record<Change["kind"], number> = {
    "parties-changed": 0,
    "boundary-changed": 1,
    "area-owners-changed": 1,
    "section-renamed": 2,
    "row-added": 3,
    "row-removed": 4,
    "row-moved": 5,
    "roles-changed": 6,
    "contacts-changed": 7,
    "row-reworded": 8,
    "notes-reworded": 9,
  };
  return [...changes].sort((a, b) => rank[a.kind] - rank[b.kind]);
}
