// Newer page shapes: areas whose owner is said in prose (2i2c's current page), owner-grouped tables, MyST
// machinery; and a broken table named at the line that is wrong.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadEngine } from "../../src/answer/load.ts";
import { ImportError, importMarkdown, toModelYaml } from "../../src/import/index.ts";
import { withoutMystMachinery } from "../../src/import/myst.ts";
import { buildModel } from "../../src/model/build.ts";
import type { ModelFile } from "../../src/model/schema.ts";
import { CORPUS, HAS_SHARED, read } from "./helpers.ts";

/** An engine over these models alone, loaded from a data folder as the product loads one. */
function engineOf(models: ModelFile[]) {
  const data = mkdtempSync(join(tmpdir(), "who-owns-shapes-"));
  mkdirSync(join(data, "models"));
  for (const model of models) writeFileSync(join(data, "models", `${model.id}.yml`), toModelYaml(model));
  copyFileSync(
    fileURLToPath(new URL("../../data/synonyms.yml", import.meta.url)),
    join(data, "synonyms.yml"),
  );
  return loadEngine(data);
}

describe.skipIf(!HAS_SHARED)("2i2c's current page, by areas", () => {
  const imported = () =>
    importMarkdown(read(CORPUS, "2i2c/srm-current-areas.md"), {
      file: "srm-current-areas.md",
      id: "2i2c-areas",
    });

  it("reads every responsibility of every area, with no warning", () => {
    const { model, warnings } = imported();
    expect(warnings).toEqual([]);
    expect(model.parties).toEqual(["Community", "2i2c"]);
    const count = (section: string) => model.rows.filter((row) => row.section === section).length;
    expect([
      count("Site Reliability Engineering"),
      count("Service applications support"),
      count("Community leadership and management"),
      count("Software engineering"),
    ]).toEqual([5, 5, 5, 3]);
    expect(model.rows).toHaveLength(18);
    // The page's own opening list (how the model was made) is not a responsibility.
    expect(model.rows.some((row) => row.responsibility.startsWith("Define the major responsibilities"))).toBe(
      false,
    );
  });

  it("owns each area as its breakdown sentence says, from the text, the sentence kept as the caveat", () => {
    const built = buildModel(imported().model, { file: "srm-current-areas.md" });
    const ownersOf = (section: string) => {
      const rows = built.rows.filter((row) => row.section === section);
      expect(new Set(rows.map((row) => row.ownersFrom))).toEqual(new Set(["text"]));
      return [...new Set(rows.map((row) => row.owners.join(" + ")))];
    };
    expect(ownersOf("Site Reliability Engineering")).toEqual(["2i2c"]);
    expect(ownersOf("Service applications support")).toEqual(["Community + 2i2c"]);
    expect(ownersOf("Community leadership and management")).toEqual(["Community"]);
    expect(ownersOf("Software engineering")).toEqual(["Community"]);
    const incidents = built.rows.find((row) => row.responsibility.startsWith("**Respond to incidents**"));
    expect(incidents?.ownersCaveat).toBe(
      "Usually, 2i2c assumes responsibility for all of the above, though we are experimenting with ways to involve community members in our cloud operations.",
    );
  });

  it("keeps the role boxes as the rows' notes, and no MyST machinery in any text", () => {
    const { model } = imported();
    const sre = model.rows.find((row) => row.section === "Site Reliability Engineering");
    expect(sre?.notes).toBe(
      "**Usually filled by 2i2c team members.** Though we are experimenting with ways to involve community members in our cloud operations.",
    );
    const leadership = model.rows.find((row) => row.section === "Community leadership and management");
    expect(leadership?.notes).toBe(
      "**Filled by a community member**.<br><br>**Filled by one or two community leaders**.",
    );
    const text = JSON.stringify(model);
    for (const machinery of [":::", "% NOTE", "{figure}", "{contents}", "[^ironies"])
      expect(text).not.toContain(machinery);
  });

  it("answers who does incident response on a hub: 2i2c, from the text", () => {
    const engine = engineOf([imported().model]);
    const answer = engine.ask("who responds to incidents on our hub?");
    expect(answer.answered).toBe(true);
    expect(answer.matches[0]).toMatchObject({ owners: ["2i2c"], ownersFrom: "text" });
    expect(answer.matches[0]?.caveat).toMatch(/^Usually, 2i2c assumes responsibility/);
  });
});

describe("owner-grouped tables", () => {
  // The shape of Codat's and Azure's security pages: the owner named once, blank below, "How is it done?".
  const page = `# Security responsibilities

## Data security

| Owner | Responsibility | How is it done? |
|---|---|---|
| **Codat Responsibility** | Securing the platform's infrastructure | Hosted on Azure with network isolation |
| | Encrypting data at rest | AES-256 through Azure Storage |
| Customer Responsibility | Managing API keys | Rotate keys in the portal |
| | Granting user access | |
`;

  it("carries each owner down to the rows below it, with the third column as notes", () => {
    const { model, warnings } = importMarkdown(page);
    expect(warnings).toEqual([]);
    expect(model.parties).toEqual(["Codat", "Customer"]);
    expect(model.rows.map((row) => [row.responsibility, Object.keys(row.assignments), row.notes])).toEqual([
      ["Securing the platform's infrastructure", ["Codat"], "Hosted on Azure with network isolation"],
      ["Encrypting data at rest", ["Codat"], "AES-256 through Azure Storage"],
      ["Managing API keys", ["Customer"], "Rotate keys in the portal"],
      ["Granting user access", ["Customer"], ""],
    ]);
    expect(model.rows[1]?.assignments).toEqual({
      Codat: { role: "✅", original: "**Codat Responsibility**" },
    });
    const built = buildModel(model, { file: "page.md" });
    expect(built.rows.map((row) => row.owners)).toEqual([["Codat"], ["Codat"], ["Customer"], ["Customer"]]);
  });
});

describe("MyST machinery is ignored, line numbers kept", () => {
  it("blanks % comments, (label)= targets and colon-fence lines with their options", () => {
    const text = "(my-label)=\n# Title\n% a comment\n:::{grid-item}\n:columns: 6\n\n1. One\n:::\n";
    expect(withoutMystMachinery(text)).toBe("\n# Title\n\n\n\n\n1. One\n\n");
  });

  it("leaves code blocks alone", () => {
    const text = "```\n% not a comment here\n:::\n```\n";
    expect(withoutMystMachinery(text)).toBe(text);
  });
});

describe("a page with nothing to read is refused with the line and the reason", () => {
  it("a delimiter row with fewer cells than the header: named at the delimiter row", () => {
    const page =
      "# T\n\nSome text.\n\n## Ops\n\n| Activity | Customer | OVH |\n|---|---|\n| Patch | RA | I |\n";
    expect(() => importMarkdown(page, { file: "page.md" })).toThrow(ImportError);
    expect(() => importMarkdown(page, { file: "page.md" })).toThrow(
      "page.md:8: the table's delimiter row has 2 cells but its header has 3",
    );
  });

  it("a broken table beside good ones is a warning at its delimiter row", () => {
    const page =
      "## A\n\n| Activity | C | P |\n|---|---|---|\n| Patch | RA | I |\n\n## B\n\n| Activity | C | P |\n|---|---|\n| Scan | R | A |\n";
    const { warnings } = importMarkdown(page);
    expect(warnings).toContainEqual({
      line: 10,
      message: expect.stringMatching(/delimiter row has 2 cells but its header has 3/),
    });
  });

  it("areas with no breakdown and no list: still refused at line 1 with the reason", () => {
    expect(() => importMarkdown("# About\n\n## Area\n\nWe do things.\n", { file: "about.md" })).toThrow(
      "about.md:1: found no responsibility table (a column per party) and no numbered list",
    );
  });
});
