// A markdown SRM or RACI page → a model file. Reads responsibility tables when the page has any, else
// its numbered lists (with the boundary sentence that splits them). Every failure is an ImportError
// naming a line; every row it reads around is a warning naming a line.

import { basename, extname } from "node:path";
import { rowKey, slugify } from "../model/build.ts";
import { formatPath } from "../model/errors.ts";
import { type CellFile, type ModelFile, modelSchema } from "../model/schema.ts";
import { readAreas } from "./areas.ts";
import { type Blocks, blocksOf } from "./blocks.ts";
import { findBoundary, sidesOf } from "./boundary.ts";
import { type BrokenTable, brokenTables } from "./broken-tables.ts";
import { inPartyOrder, quote, type ReadContext, type ReadRow } from "./context.ts";
import { ImportError, type ImportWarning, Warnings } from "./errors.ts";
import { frontMatterTitle } from "./front-matter.ts";
import { readList } from "./lists.ts";
import { collapse, lineOf, parseMarkdown, plainText, Source } from "./markdown.ts";
import { withoutMystMachinery } from "./myst.ts";
import { numberOf, outlineOf } from "./outline.ts";
import { readTable } from "./tables.ts";

export interface ImportOptions {
  /** Named in errors and used for the default id ("page.md" → "page"). */
  file?: string;
  id?: string;
  name?: string;
  /**
   * The parties, overriding what the page says. For a list: the side before the boundary, then the side
   * from it. For tables: the same parties in another order, or new names for the columns in page order.
   */
  parties?: string[];
}

export interface ImportResult {
  model: ModelFile;
  warnings: ImportWarning[];
}

interface Read {
  parties: string[];
  rows: ReadRow[];
  boundary?: ModelFile["boundary"];
  areas?: ModelFile["areas"];
}

export function importMarkdown(text: string, options: ImportOptions = {}): ImportResult {
  const file = options.file ?? "<markdown>";
  const context: ReadContext = { source: new Source(""), warnings: new Warnings(), line: 1 };
  try {
    return importDocument(text, options, file, context);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    // Never anything but an ImportError: an unforeseen failure still names the line being read.
    throw new ImportError(
      file,
      context.line,
      `cannot be read here: ${(error as Error)?.message ?? String(error)}`,
    );
  }
}

function importDocument(
  text: string,
  options: ImportOptions,
  file: string,
  context: ReadContext,
): ImportResult {
  if (typeof text !== "string") throw new ImportError(file, undefined, "the document is not text");
  const markdown = withoutMystMachinery(text.replace(/^\uFEFF/, ""));
  context.source = new Source(markdown);
  const root = parseMarkdown(markdown);
  const title = frontMatterTitle(root, context.warnings);
  const blocks = blocksOf(root);
  const broken = brokenTables(markdown);
  for (const table of broken) context.warnings.add(table.line, brokenMessage(table));

  const read =
    readTables(blocks, options, file, context) ??
    readAreas(root, outlineOf(root), context, cleanParties(options.parties, file)) ??
    readLists(blocks, options, file, context);
  if (!read) {
    const first = broken[0];
    if (first) throw new ImportError(file, first.line, brokenMessage(first));
    throw nothingToRead(blocks, file, context.warnings);
  }

  const rows = withoutRepeats(read.rows, context);
  const name = collapse(options.name ?? title ?? stripNumber(blocks.title) ?? baseName(options.file) ?? "");
  const model = {
    id: idOf(options, name, file),
    name: name || "Imported model",
    aliases: [],
    parties: read.parties,
    ...(read.boundary ? { boundary: read.boundary } : {}),
    ...(read.areas && read.areas.length > 0 ? { areas: read.areas } : {}),
    rows: rows.map(({ line: _line, ...row }) => ({
      ...row,
      assignments: inPartyOrder(row.assignments, read.parties),
    })),
  };

  const checked = modelSchema.safeParse(model);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const path = (issue?.path ?? []) as (string | number)[];
    const row = path[0] === "rows" && typeof path[1] === "number" ? rows[path[1]] : undefined;
    throw new ImportError(
      file,
      row?.line ?? context.line,
      `${formatPath(path)}: ${issue?.message ?? "invalid"}`,
    );
  }
  return { model: checked.data, warnings: context.warnings.sorted() };
}

function readTables(
  blocks: Blocks,
  options: ImportOptions,
  file: string,
  context: ReadContext,
): Read | undefined {
  const parties: string[] = [];
  const rows: ReadRow[] = [];
  let found = false;
  for (const block of blocks.tables) {
    const reading = readTable(block, context);
    if (reading.kind !== "responsibilities") continue;
    found = true;
    for (const party of reading.parties) if (!parties.includes(party)) parties.push(party);
    rows.push(...reading.rows);
  }
  if (!found) return undefined;
  const firstTable = blocks.tables[0];
  return withParties({ parties, rows }, options.parties, file, firstTable ? lineOf(firstTable.node) : 1);
}

function readLists(
  blocks: Blocks,
  options: ImportOptions,
  file: string,
  context: ReadContext,
): Read | undefined {
  if (blocks.lists.length === 0) return undefined;
  const rows = blocks.lists.flatMap((block) => readList(block, context));
  const boundary = findBoundary(blocks.paragraphs);
  const firstList = blocks.lists[0];
  const firstLine = firstList ? lineOf(firstList.node) : 1;
  if (boundary && blocks.lists.length > 1) {
    context.warnings.add(
      boundary.line,
      `the boundary at number ${boundary.item} applies to the item numbers of all ${blocks.lists.length} numbered lists`,
    );
  }
  const lastItem = Math.max(0, ...rows.map((row) => row.item ?? 0));
  if (boundary && boundary.item > lastItem) {
    context.warnings.add(
      boundary.line,
      `the boundary is at number ${boundary.item} but the list ends at ${lastItem}`,
    );
  }

  let parties = cleanParties(options.parties, file);
  if (!parties) {
    const wholeText = blocks.paragraphs.map((paragraph) => plainText(paragraph)).join("\n");
    const { before, from } = sidesOf(boundary, wholeText);
    parties = [...new Set([before, from].filter((party): party is string => Boolean(party)))];
    if (boundary ? parties.length < 2 : parties.length === 0) {
      throw new ImportError(
        file,
        boundary?.line ?? firstLine,
        boundary
          ? `cannot tell who is on each side of the boundary at number ${boundary.item}: give the parties (the side before it, then the side from it)`
          : "cannot tell whose responsibilities this numbered list holds: give the parties",
      );
    }
  }
  if (!boundary) return { parties, rows };
  const [before, from] = parties;
  if (parties.length !== 2 || !before || !from) {
    throw new ImportError(
      file,
      undefined,
      `parties: a list split at number ${boundary.item} needs two, the side before it and the side from it (given ${parties.length})`,
    );
  }
  return {
    parties,
    rows,
    boundary: {
      before,
      from,
      item: boundary.item,
      text: boundary.text,
      ...(boundary.caveat ? { caveat: boundary.caveat } : {}),
    },
  };
}

function cleanParties(parties: string[] | undefined, file: string): string[] | undefined {
  if (!parties || parties.length === 0) return undefined;
  const clean = parties.map((party) => collapse(String(party)));
  if (clean.some((party) => party === ""))
    throw new ImportError(file, undefined, "parties: a party has no name");
  const repeated = clean.find((party, index) => clean.indexOf(party) !== index);
  if (repeated) throw new ImportError(file, undefined, `parties: ${quote(repeated)} is given twice`);
  return clean;
}

/** Applies `options.parties` to parties read from tables: the same names in a new order, or new names. */
function withParties(read: Read, wanted: string[] | undefined, file: string, line: number): Read {
  const given = cleanParties(wanted, file);
  if (!given) return read;
  const found = read.parties;
  const rename = new Map<string, string>();
  const sameNames =
    given.length === found.length && given.every((name) => found.some((party) => same(party, name)));
  if (sameNames) {
    for (const name of given) rename.set(found.find((party) => same(party, name)) ?? name, name);
  } else if (given.length === found.length) {
    for (const [index, party] of found.entries()) rename.set(party, given[index] ?? party);
  } else {
    throw new ImportError(
      file,
      line,
      `parties: ${given.length} given (${given.join(", ")}) but the tables have ${found.length} (${found.join(", ")})`,
    );
  }
  const rows = read.rows.map((row) => {
    const assignments: Record<string, CellFile> = {};
    for (const [party, cell] of Object.entries(row.assignments))
      assignments[rename.get(party) ?? party] = cell;
    return { ...row, assignments };
  });
  return { ...read, parties: given, rows };
}

function brokenMessage(table: BrokenTable): string {
  return `the table's delimiter row has ${table.delimiterCells} cell${table.delimiterCells === 1 ? "" : "s"} but its header has ${table.headerCells}, so it is not read as a table: give the delimiter row one cell per column`;
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function nothingToRead(blocks: Blocks, file: string, warnings: Warnings): ImportError {
  const table = blocks.tables[0];
  if (table) {
    const line = lineOf(table.node);
    const why = warnings.sorted().find((warning) => warning.line === line)?.message;
    return new ImportError(
      file,
      line,
      `no table here has a column per party with RACI letters or marks${why ? ` (this one: ${why})` : ""}, and there is no numbered list`,
    );
  }
  const html = blocks.htmlTables[0];
  if (html)
    return new ImportError(file, lineOf(html), "HTML tables are not read: write the table in markdown");
  return new ImportError(file, 1, "found no responsibility table (a column per party) and no numbered list");
}

/**
 * A model holds one row per section and responsibility (the loader refuses repeats), so a repeated row is
 * dropped — never silently: the warning names both lines, and says so when the repeat read differently.
 */
function withoutRepeats(rows: readonly ReadRow[], context: ReadContext): ReadRow[] {
  const kept = new Map<string, ReadRow>();
  for (const row of rows) {
    const key = rowKey(row.section, row.responsibility);
    const first = kept.get(key);
    if (!first) {
      kept.set(key, row);
      continue;
    }
    const differences = differencesOf(first, row);
    context.warnings.add(
      row.line,
      differences.length === 0
        ? `row ${quote(row.responsibility)} repeats the one at line ${first.line} in the same section: the repeat is dropped`
        : `row ${quote(row.responsibility)} repeats the one at line ${first.line} in the same section but differs (${differences.join("; ")}): the one at line ${first.line} is kept, this one dropped`,
    );
  }
  return [...kept.values()];
}

/** What a repeated row says that the kept one does not, as `what: kept → dropped`; empty when the same. */
function differencesOf(kept: ReadRow, repeat: ReadRow): string[] {
  const written = (cell: CellFile | undefined) =>
    cell === undefined ? "empty" : quote(typeof cell === "string" ? cell : cell.original);
  const parties = [...new Set([...Object.keys(kept.assignments), ...Object.keys(repeat.assignments)])];
  const out = parties.flatMap((party) => {
    const a = written(kept.assignments[party]);
    const b = written(repeat.assignments[party]);
    return a === b ? [] : [`${party} ${a} → ${b}`];
  });
  if (kept.notes !== repeat.notes) out.push(`notes ${quote(kept.notes)} → ${quote(repeat.notes)}`);
  if (kept.item !== repeat.item) out.push(`item ${kept.item ?? "none"} → ${repeat.item ?? "none"}`);
  return out;
}

function idOf(options: ImportOptions, name: string, file: string): string {
  if (options.id !== undefined) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(options.id)) {
      throw new ImportError(
        file,
        undefined,
        `id: ${quote(options.id)} must be lower-case letters, digits and dashes`,
      );
    }
    return options.id;
  }
  const from = baseName(options.file) ?? name;
  // slugify() says "row" when nothing is left of the text; an id should say what it is.
  return /[a-z0-9]/i.test(from) ? slugify(from) : "imported";
}

function baseName(file: string | undefined): string | undefined {
  return file ? basename(file, extname(file)) || undefined : undefined;
}

/** A page titled "1. Shared Responsibility Model" is named without its number. */
function stripNumber(title: string | undefined): string | undefined {
  if (!title) return undefined;
  const number = numberOf(title);
  return number ? title.slice(title.indexOf(" ") + 1).trim() || title : title;
}
