// What `who-owns import` prints: model YAML that loads back to the same model, or the import JSON shape.
import { describe, expect, it } from "vitest";
import { importMarkdown, toImportJson, toModelYaml } from "../../src/import/index.ts";
import { parseModelFile } from "../../src/model/load.ts";
import { CORPUS, HAS_SHARED, importFile, SOURCES } from "./helpers.ts";

const imports = [
  ["moj-analytical-platform.md", importFile(SOURCES, "moj-analytical-platform.md")],
  ["ovhcloud-data-processing.md", importFile(SOURCES, "ovhcloud-data-processing.md")],
  ["2i2c-hubs.md", importFile(SOURCES, "2i2c-hubs.md")],
  ...(HAS_SHARED
    ? ([
        ["cloud-temple", importFile(CORPUS, "other/cloud-temple-en-iaas-raci.md")],
        ["az900", importFile(CORPUS, "other/az900-notes-emoji-shortcodes.md")],
        ["public-cloud-databases", importFile(CORPUS, "ovh/public-cloud-databases.md")],
      ] as const)
    : []),
] as const;

describe("toModelYaml", () => {
  it.each(imports)("%s: parseModelFile reads it back to the same model", (_, { model }) => {
    expect(parseModelFile(toModelYaml(model), "imported.yml").model).toEqual(model);
  });

  it("round-trips awkward text: quotes, colons, hashes, leading marks, double spaces, <br>", () => {
    const { model } = importMarkdown(
      [
        "| Activity | Customer | Notes |",
        "|---|---|---|",
        '| "Quoted": a # b  c | **RA** | - dash first<br>#channel: yes |',
        "| * star first | ✔ | 'single' |",
        "| 1.5 | R | true |",
      ].join("\n"),
      { id: "awkward" },
    );
    expect(parseModelFile(toModelYaml(model), "awkward.yml").model).toEqual(model);
  });

  it.skipIf(!HAS_SHARED)(
    "reads like the files in data/models: one line per text, a cell's original beside its role",
    () => {
      const yaml = toModelYaml(importFile(CORPUS, "ovh/public-cloud-databases.md").model);
      expect(yaml).toContain("parties: [Customer, OVHcloud]");
      expect(yaml).toContain(
        "    responsibility: Perform preventive interventions on managed elements of the Public Cloud Databases\n    assignments:\n      Customer: I\n      OVHcloud: {role: RA, original: AR}\n",
      );
      expect(yaml).not.toMatch(/notes: ""/); // empty notes are left to the schema's default
    },
  );
});

describe("toImportJson", () => {
  it.skipIf(!HAS_SHARED)(
    "lists assignments in party order, only parties with a role, original where it differs",
    () => {
      const json = toImportJson(importFile(CORPUS, "ovh/public-cloud-databases.md").model);
      expect(json).toMatchObject({ id: "public-cloud-databases", parties: ["Customer", "OVHcloud"] });
      expect(json.rows.find((row) => row.responsibility.startsWith("Perform preventive"))).toEqual({
        section: "3. Service usage / 3.2. Event management / 3.2.2. Changes",
        responsibility: "Perform preventive interventions on managed elements of the Public Cloud Databases",
        assignments: [
          { party: "Customer", role: "I" },
          { party: "OVHcloud", role: "RA", original: "AR" },
        ],
        notes: "",
      });
      expect(
        json.rows.find((row) => row.responsibility === "Choose fallback infrastructures")?.assignments,
      ).toEqual([{ party: "Customer", role: "RA" }]);
    },
  );

  it("gives a list's item numbers and its boundary", () => {
    const json = toImportJson(importFile(SOURCES, "2i2c-hubs.md", { id: "2i2c-hubs" }).model);
    expect(Object.keys(json)).toEqual(["id", "name", "parties", "boundary", "rows"]);
    expect(json.rows[6]).toEqual({
      section: "Example responsibilities",
      item: 7,
      responsibility:
        "Identifying when there is an outage, and escalating to the proper team to resolve them.",
      assignments: [],
      notes: "",
    });
    expect(json.boundary).toMatchObject({ before: "Community", from: "2i2c", item: 7 });
  });

  it("is plain JSON", () => {
    const { model } = importFile(SOURCES, "moj-analytical-platform.md");
    const json = toImportJson(model);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(Object.keys(json.rows[0] ?? {})).toEqual(["section", "responsibility", "assignments", "notes"]);
  });
});
