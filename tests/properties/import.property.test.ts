// Any mutation of a real page gives a model the product can load, or an ImportError that names the file and
// a line of the page; the importer never throws anything else, and never takes long. Pages: the shipped
// sources and the shared corpus of real SRM/RACI pages (when it is there).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ImportError, importMarkdown, toModelYaml } from "../../src/import/index.ts";
import { buildModel } from "../../src/model/build.ts";
import { parseModelFile } from "../../src/model/load.ts";

const SOURCES = fileURLToPath(new URL("../../data/sources/", import.meta.url));
const CORPUS = fileURLToPath(new URL("../../../shared/corpus/", import.meta.url));

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return markdownFiles(path);
      return name.endsWith(".md") && name !== "INDEX.md" && name !== "README.md" ? [path] : [];
    });
}

const PAGES = [...markdownFiles(SOURCES), ...markdownFiles(CORPUS)].map((path) => ({
  name: path.replace(/^.*\/(?:sources|corpus)\//, ""),
  text: readFileSync(path, "utf8"),
}));

/** Mutated pages must still be read quickly: a slow page is a regular expression gone quadratic. */
const MAX_MS = 2000;
const FILE = "mutated.md";

/**
 * The property: a model that survives the trip the `import` command makes (YAML out, the model loader in),
 * with warnings on lines of the page; or an ImportError naming the file and a line of the page.
 */
function expectModelOrLineError(text: string): void {
  const lines = text.split("\n").length;
  const started = performance.now();
  let result: ReturnType<typeof importMarkdown> | undefined;
  try {
    result = importMarkdown(text, { file: FILE });
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    expect(error.file).toBe(FILE);
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.line).toBeLessThanOrEqual(lines + 1);
    expect(error.message.startsWith(`${FILE}:${error.line}: `)).toBe(true);
    expect(error.reason.trim()).not.toBe("");
  }
  expect(performance.now() - started).toBeLessThan(MAX_MS);
  if (!result) return;
  for (const warning of result.warnings) {
    expect(warning.line).toBeGreaterThanOrEqual(1);
    expect(warning.line).toBeLessThanOrEqual(lines + 1);
  }
  const yaml = toModelYaml(result.model);
  const { model, lineOf } = parseModelFile(yaml, "imported.yml");
  const built = buildModel(model, { file: "imported.yml", lineOf });
  expect(built.rows.length).toBe(result.model.rows.length);
}

type Mutation = (text: string, at: number) => string;

/** Table rows: lines that start with a pipe. */
const isTableLine = (line: string) => /^\s*\|/.test(line);

function onLine(text: string, at: number, edit: (line: string, at: number) => string): string {
  const lines = text.split("\n");
  const index = at % lines.length;
  lines[index] = edit(lines[index] ?? "", at);
  return lines.join("\n");
}

function onTableLine(text: string, at: number, edit: (line: string, at: number) => string): string {
  const lines = text.split("\n");
  const tables = lines.flatMap((line, index) => (isTableLine(line) ? [index] : []));
  if (tables.length === 0) return onLine(text, at, edit);
  const index = tables[at % tables.length] as number;
  lines[index] = edit(lines[index] ?? "", at);
  return lines.join("\n");
}

/** Swaps two columns in every line of the table holding line `at`: header, delimiter and rows alike. */
function shuffleColumns(text: string, at: number): string {
  const lines = text.split("\n");
  const tables = lines.flatMap((line, index) => (isTableLine(line) ? [index] : []));
  if (tables.length === 0) return text;
  let start = tables[at % tables.length] as number;
  while (start > 0 && isTableLine(lines[start - 1] ?? "")) start--;
  let end = start;
  while (end < lines.length && isTableLine(lines[end] ?? "")) end++;
  const width = (lines[start] ?? "").split("|").length - 2;
  if (width < 2) return text;
  const a = 1 + (at % width);
  const b = 1 + ((at >> 3) % width);
  for (let i = start; i < end; i++) {
    const cells = (lines[i] ?? "").split("|");
    if (a < cells.length && b < cells.length) [cells[a], cells[b]] = [cells[b] as string, cells[a] as string];
    lines[i] = cells.join("|");
  }
  return lines.join("\n");
}

const HTML = [
  "<div>",
  "</div>",
  "<br>",
  "<br/>",
  "</td>",
  "<table>",
  "<tr><td>R</td></tr>",
  "<!-- ",
  " -->",
  "<details><summary>More</summary>",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "&nbsp;",
  "<a href='https://example.com'>",
  "<",
  ">",
];

const MUTATIONS: Record<string, Mutation> = {
  truncate: (text, at) => text.slice(0, at % (text.length + 1)),
  "truncate at a line": (text, at) => {
    const lines = text.split("\n");
    return lines.slice(0, at % (lines.length + 1)).join("\n");
  },
  "drop a pipe": (text, at) =>
    onTableLine(text, at, (line) => {
      const pipes = [...line.matchAll(/\|/g)].map((match) => match.index ?? 0);
      const pipe = pipes[at % Math.max(1, pipes.length)];
      return pipe === undefined ? line : line.slice(0, pipe) + line.slice(pipe + 1);
    }),
  "drop the closing pipe": (text, at) => onTableLine(text, at, (line) => line.replace(/\|\s*$/, "")),
  "add a pipe": (text, at) => onTableLine(text, at, (line) => `${line}|`),
  "empty a cell": (text, at) => onTableLine(text, at, (line) => line.replace(/\|[^|]*\|/, "||")),
  "shuffle columns": shuffleColumns,
  "reverse a row's cells": (text, at) => onTableLine(text, at, (line) => line.split("|").reverse().join("|")),
  "stray HTML at a line start": (text, at) => onLine(text, at, (line) => `${HTML[at % HTML.length]}${line}`),
  "stray HTML in a cell": (text, at) =>
    onTableLine(text, at, (line) => line.replace(/\|/, `| ${HTML[(at >> 2) % HTML.length]} `)),
  "stray HTML line": (text, at) => onLine(text, at, (line) => `${HTML[at % HTML.length]}\n${line}`),
  "delete a line": (text, at) => {
    const lines = text.split("\n");
    lines.splice(at % lines.length, 1);
    return lines.join("\n");
  },
  "duplicate a line": (text, at) => onLine(text, at, (line) => `${line}\n${line}`),
  "swap two lines": (text, at) => {
    const lines = text.split("\n");
    const i = at % lines.length;
    const j = (at >> 4) % lines.length;
    [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
    return lines.join("\n");
  },
  "CRLF line endings": (text) => text.replace(/\r?\n/g, "\r\n"),
  "tabs for spaces": (text) => text.replace(/ {2}/g, "\t"),
  "a byte order mark": (text) => `\uFEFF${text}`,
  "control characters": (text, at) => onLine(text, at, (line) => `${line}\u0000\u0007\u001b`),
  "zero-width and no-break spaces": (text, at) =>
    onLine(text, at, (line) => line.replace(/ /g, at % 2 ? "\u00a0" : " \u200b")),
  "a huge cell": (text, at) =>
    onTableLine(text, at, (line) => line.replace(/\|([^|]*)\|/, `|${"x".repeat(20_000)}|`)),
  "emoji and right-to-left text": (text, at) =>
    onLine(text, at, (line) => `${line} 🏳️‍🌈 \u202eשלום\u202c مرحبا`),
  "a heading becomes text": (text, at) => onLine(text, at, (line) => line.replace(/^#+\s*/, "")),
  "text becomes a heading": (text, at) => onLine(text, at, (line) => `${"#".repeat(1 + (at % 6))} ${line}`),
  "broken front matter": (text) =>
    text.startsWith("---") ? text.replace("---", "--") : `---\ntitle: [\n${text}`,
};

const page = fc.constantFrom(...PAGES.map((_, index) => index));
const mutation = fc.constantFrom(...Object.keys(MUTATIONS));
const edits = fc.array(fc.tuple(mutation, fc.nat()), { minLength: 1, maxLength: 6 });

function mutate(text: string, list: [string, number][]): string {
  return list.reduce((out, [name, at]) => (MUTATIONS[name] as Mutation)(out, at), text);
}

describe("real pages", () => {
  it("are all found (the shipped sources, and the shared corpus when present)", () => {
    expect(PAGES.length).toBeGreaterThanOrEqual(3);
  });

  it.each(PAGES.map((p) => [p.name, p.text] as const))(
    "%s gives a model or a line error as published",
    (_, text) => {
      expectModelOrLineError(text);
    },
  );
});

describe("any mutation of a real page", () => {
  it("gives a loadable model or an ImportError with a line, never anything else", () => {
    fc.assert(
      fc.property(page, edits, (index, list) => {
        expectModelOrLineError(mutate((PAGES[index] as { text: string }).text, list));
      }),
      { numRuns: 100 },
    );
  });

  it.each(Object.keys(MUTATIONS))("%s, on every page", (name) => {
    fc.assert(
      fc.property(page, fc.nat(), (index, at) => {
        expectModelOrLineError(mutate((PAGES[index] as { text: string }).text, [[name, at]]));
      }),
      { numRuns: 6 },
    );
  });
});

describe("a row listed twice", () => {
  it("gives a model the loader accepts", () => {
    const page =
      "# Model\n\n| Activity | Customer | Provider |\n|---|---|---|\n| Backups | RA | I |\n| Backups | RA | I |\n";
    const { model } = importMarkdown(page, { file: FILE });
    const parsed = parseModelFile(toModelYaml(model), "imported.yml");
    buildModel(parsed.model, { file: "imported.yml", lineOf: parsed.lineOf });
  });
});
