// A page the importer cannot read gives an ImportError naming the line and the reason; a row it cannot
// read gives a warning. Nothing else ever escapes, whatever the page (issue 4 will push this much harder).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ImportError, importMarkdown } from "../../src/import/index.ts";
import { modelSchema } from "../../src/model/schema.ts";
import { CORPUS, HAS_SHARED, read, SOURCES } from "./helpers.ts";

function errorOf(text: string, options = {}): ImportError {
  try {
    importMarkdown(text, { file: "page.md", ...options });
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error("expected an ImportError");
}

describe("pages that cannot be read", () => {
  it.each([
    ["an empty page", "", 1, /no responsibility table/],
    ["prose only", "# Hello\n\nNothing to see here.\n", 1, /no responsibility table/],
    ["a legend and nothing else", "intro\n\n| Roles |\n| --- |\n| R : does it |\n", 3, /no table here/],
    [
      "a table of something else",
      "# Changelog\n\n| Version | Date |\n|---|---|\n| 1.2 | 2024-05-01 |\n",
      3,
      /no RACI letters or marks under "Date"/,
    ],
    [
      "an HTML table",
      "# RACI\n\n<table><tr><td>Backups</td><td>R</td></tr></table>\n",
      3,
      /HTML tables are not read/,
    ],
  ])("%s: line %#", (_, text, line, reason) => {
    const error = errorOf(text);
    expect(error).toMatchObject({ file: "page.md", line });
    expect(error.message).toMatch(reason);
    expect(error.message.startsWith(`page.md:${line}: `)).toBe(true);
  });

  it("says which sides of a boundary it cannot name, at the boundary sentence", () => {
    const error = errorOf("# Model\n\nIntro.\nOur part starts at number 2.\n\n1. One\n2. Two\n");
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/give the parties/);
  });

  it("refuses options that cannot make a model, naming the option", () => {
    const table = "| Activity | Customer |\n|---|---|\n| Backups | RA |\n";
    expect(errorOf(table, { id: "Not An Id" }).message).toMatch(/id: "Not An Id" must be lower-case/);
    expect(errorOf(table, { parties: ["A", "A"] }).message).toMatch(/"A" is given twice/);
    expect(errorOf(read(SOURCES, "2i2c-hubs.md"), { parties: ["Only"] }).message).toMatch(/needs two/);
  });

  it("wraps even a non-string page in an ImportError", () => {
    expect(() => importMarkdown(undefined as unknown as string, {})).toThrow(ImportError);
    expect(() => importMarkdown(42 as unknown as string, {})).toThrow(ImportError);
  });
});

/** Either a valid model (rows read, others warned about) or an ImportError with a line: never anything else. */
function expectModelOrLineError(text: string): void {
  try {
    const { model, warnings } = importMarkdown(text, { file: "mutated.md" });
    expect(modelSchema.safeParse(model).success).toBe(true);
    for (const warning of warnings) expect(warning.line).toBeGreaterThanOrEqual(1);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).line).toBeGreaterThanOrEqual(1);
  }
}

describe("mutated real pages", () => {
  const pages = [
    read(SOURCES, "ovhcloud-data-processing.md"),
    read(SOURCES, "2i2c-hubs.md"),
    ...(HAS_SHARED
      ? [read(CORPUS, "other/az900-notes-emoji-shortcodes.md"), read(CORPUS, "ovh/public-cloud-databases.md")]
      : []),
  ];
  const page = fc.constantFrom(...pages);
  const runs = { numRuns: 40 };

  it("survives truncation anywhere", () => {
    fc.assert(
      fc.property(page, fc.double({ min: 0, max: 1, noNaN: true }), (text, at) => {
        expectModelOrLineError(text.slice(0, Math.floor(text.length * at)));
      }),
      runs,
    );
  });

  it("survives dropped pipes, stray HTML and shuffled lines", () => {
    const mutate = fc.constantFrom(
      (line: string) => line.replace("|", ""),
      (line: string) => line.replace(/\|\s*$/, ""),
      (line: string) => `${line}<div>`,
      (line: string) => `<br>${line}`,
      (line: string) => line.replace(/\|[^|]*\|/, "|"),
      () => "",
      (line: string) => line.split("|").reverse().join("|"),
    );
    fc.assert(
      fc.property(page, fc.array(fc.tuple(fc.nat(), mutate), { maxLength: 12 }), (text, edits) => {
        const lines = text.split("\n");
        for (const [at, edit] of edits) {
          const index = at % lines.length;
          lines[index] = edit(lines[index] ?? "");
        }
        expectModelOrLineError(lines.join("\n"));
      }),
      runs,
    );
  });

  it("survives arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (text) => expectModelOrLineError(text)),
      { numRuns: 200 },
    );
    for (const text of [
      "|",
      "| a |\n|---|\n",
      "---\n---\n",
      "1.",
      "\u0000\u0000|\u0000",
      "| x | y |\n| - | - |\n| | |",
    ]) {
      expectModelOrLineError(text);
    }
  });
});
