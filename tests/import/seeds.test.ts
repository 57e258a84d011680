// The shipped models are their sources, imported: data/models/*.yml cannot drift from data/sources/*.md.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importMarkdown } from "../../src/import/index.ts";
import { loadCatalogue, parseModelFile } from "../../src/model/load.ts";
import {
  HAS_SHARED,
  importFile,
  MODELS,
  read,
  rolesOf,
  rowOf,
  SEEDS,
  SOURCES,
  sectionsOf,
} from "./helpers.ts";

const SHIPPED = [
  { id: "moj-analytical-platform", rows: 36, parties: ["Analytical Platform", "User", "Other MoJ Team"] },
  { id: "ovhcloud-data-processing", rows: 38, parties: ["Customer", "OVHcloud"] },
  { id: "2i2c-hubs", rows: 13, parties: ["Community", "2i2c"] },
];

function shippedModel(id: string) {
  return parseModelFile(read(MODELS, `${id}.yml`), `data/models/${id}.yml`).model;
}

describe.each(SHIPPED)("$id", ({ id, rows, parties }) => {
  const imported = importFile(SOURCES, `${id}.md`, { id });

  it.skipIf(!HAS_SHARED)("is kept byte for byte as published (the shared seed)", () => {
    const shipped = readFileSync(fileURLToPath(new URL(`${id}.md`, SOURCES)));
    const seed = readFileSync(fileURLToPath(new URL(`${id}.md`, SEEDS)));
    expect(shipped.equals(seed)).toBe(true);
  });

  it("imports without a warning", () => {
    expect(imported.warnings).toEqual([]);
  });

  it("reproduces the shipped model's parties, rows and boundary exactly", () => {
    const model = shippedModel(id);
    expect(model.id).toBe(id);
    expect(imported.model.parties).toEqual(model.parties);
    // A row's id pinned by `sync` (after a rewording upstream) is the model's, not the document's.
    expect(imported.model.rows).toEqual(model.rows.map(({ id: _pinned, ...row }) => row));
    expect(imported.model.boundary).toEqual(model.boundary);
  });

  it(`has every row of the source: ${rows}`, () => {
    expect(imported.model.parties).toEqual(parties);
    expect(imported.model.rows).toHaveLength(rows);
  });
});

describe("the catalogue", () => {
  const catalogue = loadCatalogue();
  const byId = (id: string) => catalogue.models.find((model) => model.id === id);

  it("loads all three shipped models with their row counts", () => {
    expect(catalogue.models.map((model) => [model.id, model.rows.length]).sort()).toEqual(
      SHIPPED.map(({ id, rows }) => [id, rows]).sort(),
    );
  });

  it("names each model the way people do", () => {
    expect(byId("moj-analytical-platform")?.aliases).toEqual(["AP", "analytical platform", "MoJ"]);
    expect(byId("2i2c-hubs")?.aliases).toEqual([
      "2i2c",
      "hub",
      "hubs",
      "community hubs",
      "datahub",
      "jupyterhub",
    ]);
    // Data Processing is OVHcloud's managed Apache Spark: people call it by the product.
    expect(byId("ovhcloud-data-processing")?.aliases).toEqual([
      "OVH",
      "OVHcloud",
      "data processing",
      "DP",
      "spark",
      "apache spark",
    ]);
  });

  it("says where each model comes from, under which licence", () => {
    expect(byId("moj-analytical-platform")?.source).toMatchObject({
      file: "moj-analytical-platform.md",
      url: "https://user-guidance.analytical-platform.service.justice.gov.uk/shared-responsibility-model.html",
      licence: expect.stringContaining("Open Government Licence v3.0"),
      revision: expect.stringContaining("a21f91e3"),
    });
    expect(byId("ovhcloud-data-processing")?.source).toMatchObject({
      licence: "CC BY-NC-SA 4.0",
      revision: expect.stringContaining("e57b8f61"),
    });
    expect(byId("2i2c-hubs")?.source?.revision).toContain("0498217c");
  });

  it("gives the support routes the documents give, and none for 2i2c", () => {
    expect(byId("moj-analytical-platform")?.support?.text).toBe(
      "Ask in **#analytical-platform-support** on the **Justice Digital workspace**",
    );
    expect(byId("ovhcloud-data-processing")?.support?.text).toContain("<https://community.ovh.com/en/>");
    expect(byId("2i2c-hubs")?.support).toBeUndefined();
  });
});

describe("what the shipped models hold, as published", () => {
  const moj = importFile(SOURCES, "moj-analytical-platform.md");
  const ovh = importFile(SOURCES, "ovhcloud-data-processing.md");
  const hubs = importFile(SOURCES, "2i2c-hubs.md");

  it("keeps the text verbatim, typos and double spaces included", () => {
    expect(rowOf(moj, "Manging and supporting Python packages").section).toBe(
      "Tools and packages / Python packages",
    );
    expect(rowOf(ovh, "Plan versionning and backups for stored data")).toBeDefined();
    expect(
      rowOf(ovh, "Buy and hold licences and usage rights for software provided by OVHcloud (Apache Sparck)"),
    ).toBeDefined();
    expect(rowOf(ovh, "Launch jobs once you have  retrieved your API v6 token")).toBeDefined();
  });

  it("reads MoJ's ✅ columns and its notes verbatim, <br> and bold included", () => {
    const row = rowOf(moj, "Managing and supporting R packages");
    expect(row).toEqual({
      section: "Tools and packages / R packages",
      responsibility: "Managing and supporting R packages",
      assignments: { "Other MoJ Team": "✅" },
      notes:
        "The Data Engineering team are responsible for R packages.<br><br>Users can request support in the **#ask-data-engineering** Slack channel on the **Justice Digital workspace**.",
    });
    expect(rolesOf(rowOf(moj, "Updating Analytical Platform User Guidance content"))).toEqual({
      "Analytical Platform": "✅",
      User: "✅",
    });
    expect(rowOf(moj, "Managing and supporting AWS resources").assignments).toEqual({});
    expect(rowOf(moj, "Managing and supporting the Airflow tool").notes).toBe("");
  });

  it("gives MoJ's sections from its headings, the page title left out", () => {
    expect(sectionsOf(moj).slice(0, 6)).toEqual([
      "Documentation",
      "Onboarding and offboarding",
      "Platform maintenance",
      "Platform security",
      "Tools and packages / Airflow",
      "Tools and packages / AWS resources",
    ]);
    expect(moj.model.name).toBe("Shared Responsibility Model");
  });

  it("reads OVHcloud's letters under numbered headings, bold stripped from the path", () => {
    expect(rowOf(ovh, "Perform storage and backup to maintain the service")).toEqual({
      section: "3. Service usage / 3.1. Operations / 3.1.4. Storage",
      responsibility: "Perform storage and backup to maintain the service",
      assignments: { OVHcloud: "RA" },
      notes: "",
    });
    expect(rolesOf(rowOf(ovh, "Notify incidents for the service platform availability"))).toEqual({
      Customer: "A",
      OVHcloud: "I",
    });
    expect(sectionsOf(ovh)).toHaveLength(16);
    expect(ovh.model.name).toBe("Responsibility model for Data Processing"); // front matter title
  });

  it("leaves OVHcloud's Roles legend out", () => {
    expect(ovh.model.rows.some((row) => row.responsibility.startsWith("R :"))).toBe(false);
  });

  it("reads 2i2c's numbered list, its boundary sentence and caveat, and infers its parties", () => {
    expect(hubs.model.parties).toEqual(["Community", "2i2c"]);
    expect(hubs.model.boundary).toEqual({
      before: "Community",
      from: "2i2c",
      item: 7,
      text: "In 2i2c's service model, our responsibility generally begins around number 7.",
      caveat:
        "However, for some communities we may take on more or less responsibility and adjust our costs accordingly depending on their needs.",
    });
    expect(hubs.model.rows.map((row) => row.item)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(hubs.model.rows[7]).toEqual({
      section: "Example responsibilities",
      item: 8,
      responsibility: "Performing more complex environment changes",
      assignments: {},
      notes: "",
    });
  });

  it("takes 2i2c's parties from the caller when given", () => {
    const { model } = importMarkdown(read(SOURCES, "2i2c-hubs.md"), {
      parties: ["Hub community", "2i2c team"],
    });
    expect(model.parties).toEqual(["Hub community", "2i2c team"]);
    expect(model.boundary).toMatchObject({ before: "Hub community", from: "2i2c team", item: 7 });
  });
});
