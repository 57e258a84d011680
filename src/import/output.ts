// A model as the CLI prints it: readable YAML for data/models/, or the import JSON shape.
import { Document, isSeq, visit } from "yaml";
import type { CellFile, ModelFile } from "../model/schema.ts";

export interface ImportJsonAssignment {
  party: string;
  role: string;
  original?: string;
}

export interface ImportJsonRow {
  /** Only when the model file pins it (see rowSchema.id). */
  id?: string;
  section: string;
  item?: number;
  responsibility: string;
  /** In party order, only the parties with a role. */
  assignments: ImportJsonAssignment[];
  notes: string;
}

export interface ImportJson {
  id: string;
  name: string;
  /** For a page imported by URL: the URL and the day it was read. */
  source?: NonNullable<ModelFile["source"]>;
  parties: string[];
  boundary?: NonNullable<ModelFile["boundary"]>;
  areas?: NonNullable<ModelFile["areas"]>;
  rows: ImportJsonRow[];
}

function assignment(party: string, cell: CellFile): ImportJsonAssignment {
  if (typeof cell === "string") return { party, role: cell };
  return cell.original === cell.role ? { party, role: cell.role } : { party, ...cell };
}

export function toImportJson(model: ModelFile): ImportJson {
  return {
    id: model.id,
    name: model.name,
    ...(model.source ? { source: { ...model.source } } : {}),
    parties: [...model.parties],
    ...(model.boundary ? { boundary: { ...model.boundary } } : {}),
    ...(model.areas ? { areas: model.areas.map((area) => ({ ...area })) } : {}),
    rows: model.rows.map((row) => ({
      ...(row.id !== undefined ? { id: row.id } : {}),
      section: row.section,
      ...(row.item !== undefined ? { item: row.item } : {}),
      responsibility: row.responsibility,
      assignments: model.parties
        .map((party) => {
          const cell = row.assignments[party];
          return cell === undefined ? undefined : assignment(party, cell);
        })
        .filter((entry): entry is ImportJsonAssignment => entry !== undefined && entry.role !== ""),
      notes: row.notes,
    })),
  };
}

/** The model in the order people read it; empty aliases, assignments and notes are left out (they default). */
function readableModel(model: ModelFile): Record<string, unknown> {
  return {
    id: model.id,
    name: model.name,
    ...(model.aliases.length > 0 ? { aliases: model.aliases } : {}),
    ...(model.source ? { source: model.source } : {}),
    parties: model.parties,
    ...(model.support ? { support: model.support } : {}),
    ...(model.boundary ? { boundary: model.boundary } : {}),
    ...(model.areas ? { areas: model.areas } : {}),
    rows: model.rows.map((row) => ({
      ...(row.id !== undefined ? { id: row.id } : {}),
      section: row.section,
      ...(row.item !== undefined ? { item: row.item } : {}),
      responsibility: row.responsibility,
      ...(Object.keys(row.assignments).length > 0 ? { assignments: row.assignments } : {}),
      ...(row.notes ? { notes: row.notes } : {}),
    })),
  };
}

export function toModelYaml(model: ModelFile): string {
  const doc = new Document(readableModel(model));
  // Short lists and each cell's {role, original} on one line: `Customer: { role: RA, original: AR }`.
  visit(doc, {
    Pair(_, pair) {
      const key = String((pair.key as { value?: unknown })?.value ?? pair.key);
      if ((key === "parties" || key === "aliases" || key === "owners") && isSeq(pair.value))
        pair.value.flow = true;
    },
    Map(_, map) {
      if (map.items.some((item) => String((item.key as { value?: unknown })?.value) === "original"))
        map.flow = true;
    },
  });
  // No folding: one row's text stays on one line, as in the source.
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
