// ModelFile (as validated) → Model (as served): per-party assignments, row ids, owners and routes.
import { extractContacts } from "./contacts.ts";
import { DataError } from "./errors.ts";
import { ownership } from "./owners.ts";
import type { CellFile, ModelFile } from "./schema.ts";
import type { Assignment, Model, Row } from "./types.ts";
import type { LineOf } from "./yaml.ts";

export interface BuildContext {
  file: string;
  lineOf?: LineOf;
}

export function slugify(text: string): string {
  return (
    text
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || "row"
  );
}

function cellToAssignment(party: string, cell: CellFile | undefined): Assignment {
  if (cell === undefined) return { party, role: "" };
  if (typeof cell === "string") return { party, role: cell };
  return cell.original === cell.role
    ? { party, role: cell.role }
    : { party, role: cell.role, original: cell.original };
}

/** Normalises a row's text for duplicate detection: case and spacing do not make two rows different. */
export function rowKey(section: string, responsibility: string): string {
  return `${section}\u0000${responsibility}`.toLowerCase().replace(/\s+/g, " ").trim();
}

export function buildModel(file: ModelFile, context: BuildContext): Model {
  const fail = (path: (string | number)[], field: string, problem: string): never => {
    throw new DataError(context.file, context.lineOf?.(path), field, problem);
  };

  const parties = file.parties;
  const seenParty = new Set<string>();
  parties.forEach((party, index) => {
    if (seenParty.has(party)) fail(["parties", index], `parties[${index}]`, `"${party}" is listed twice`);
    seenParty.add(party);
  });
  if (file.boundary) {
    for (const key of ["before", "from"] as const) {
      const party = file.boundary[key];
      if (!seenParty.has(party))
        fail(
          ["boundary", key],
          `boundary.${key}`,
          `"${party}" is not one of the parties (${parties.join(", ")})`,
        );
    }
  }

  for (const [index, area] of (file.areas ?? []).entries()) {
    area.owners.forEach((party, at) => {
      if (!seenParty.has(party))
        fail(
          ["areas", index, "owners", at],
          `areas[${index}].owners[${at}]`,
          `"${party}" is not one of the parties (${parties.join(", ")})`,
        );
    });
  }
  const areaOf = (section: string) =>
    file.areas?.find((area) => section === area.section || section.startsWith(`${area.section} / `));

  const ids = new Set<string>();
  const keys = new Map<string, number>();
  const rows: Row[] = file.rows.map((row, index) => {
    for (const party of Object.keys(row.assignments)) {
      if (!seenParty.has(party)) {
        fail(
          ["rows", index, "assignments", party],
          `rows[${index}].assignments.${party}`,
          `"${party}" is not one of the parties (${parties.join(", ")})`,
        );
      }
    }
    const key = rowKey(row.section, row.responsibility);
    const first = keys.get(key);
    if (first !== undefined) {
      fail(
        ["rows", index, "responsibility"],
        `rows[${index}].responsibility`,
        `duplicate of rows[${first}] ("${row.responsibility}" in "${row.section}")`,
      );
    }
    keys.set(key, index);

    if (row.id !== undefined && ids.has(row.id))
      fail(["rows", index, "id"], `rows[${index}].id`, `"${row.id}" is already the id of another row`);
    let id = row.id ?? slugify(row.responsibility);
    for (let n = 2; ids.has(id); n++) id = `${slugify(row.responsibility)}-${n}`;
    ids.add(id);

    const assignments = parties.map((party) => cellToAssignment(party, row.assignments[party]));
    const area = areaOf(row.section);
    const owned = ownership(assignments, row.notes, parties, file.boundary, row.item, area);
    const built: Row = {
      id,
      modelId: file.id,
      section: row.section,
      sectionPath: row.section ? row.section.split(" / ") : [],
      responsibility: row.responsibility,
      assignments,
      notes: row.notes,
      ...owned,
      contacts: extractContacts(row.notes, parties),
      line: context.lineOf?.(["rows", index]),
    };
    if (row.item !== undefined) built.item = row.item;
    if (owned.ownersFrom === "text" && area)
      built.ownersCaveat = [area.text, area.caveat].filter(Boolean).join(" ");
    return built;
  });

  return {
    id: file.id,
    name: file.name,
    aliases: file.aliases,
    ...(file.source ? { source: file.source } : {}),
    parties,
    ...(file.support
      ? { support: { text: file.support.text, contacts: extractContacts(file.support.text, parties) } }
      : {}),
    ...(file.boundary ? { boundary: file.boundary } : {}),
    ...(file.areas ? { areas: file.areas } : {}),
    rows,
    file: context.file,
  };
}
