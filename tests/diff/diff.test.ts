// who-owns diff: each shipped seed against its newer version in the corpus lists exactly the changes
// ../shared/corpus/INDEX.md describes, and nothing else; rewordings are rewordings, not removals + additions.
import { describe, expect, it } from "vitest";
import { type Change, compareModels, similarity } from "../../src/diff/compare.ts";
import { describeChange } from "../../src/diff/render.ts";
import { importMarkdown } from "../../src/import/index.ts";
import { parseModelFile } from "../../src/model/load.ts";
import { CORPUS, HAS_SHARED, MODELS, read, SOURCES } from "../import/helpers.ts";

const shipped = (id: string) => parseModelFile(read(MODELS, `${id}.yml`), `${id}.yml`).model;
const newer = (name: string) => importMarkdown(read(CORPUS, name), { file: name }).model;
const summary = (changes: Change[]) =>
  changes.map(
    (change) => `${change.kind}: ${"row" in change ? change.row.responsibility : describeChange(change)}`,
  );

describe.skipIf(!HAS_SHARED)("each seed against its newer corpus version", () => {
  it("MoJ: QuickSight added, Data Discovery's ✅ moved, two subsections renamed, the accounts email and channel changed, notes reworded", () => {
    const { changes } = compareModels(
      shipped("moj-analytical-platform"),
      newer("moj/ap-srm-upstream-latest.md"),
    );
    expect(summary(changes).sort()).toEqual(
      [
        'section-renamed: "Tools and packages / Data discovery" → "Tools and packages / Data Discovery Tool" (1 row)',
        'section-renamed: "Tools and packages / User applications" → "Tools and packages / User applications (including R Shiny apps)" (3 rows)',
        "row-added: Using QuickSight",
        "roles-changed: Managing and supporting the Data Discovery tool",
        "contacts-changed: Creating Analytical Platform accounts",
        "notes-reworded: Owning the Analytical Platform User Guidance",
        "notes-reworded: Reviewing Analytical Platform User Guidance content",
        "notes-reworded: Updating Analytical Platform User Guidance content",
        "notes-reworded: Migrating content from another source to the Analytical Platform User Guidance",
        "notes-reworded: Providing support for the Analytical Platform User Guidance documentation tooling",
        "notes-reworded: Updating this Shared Responsibility Model",
        "notes-reworded: Updating GitHub READMEs",
      ].sort(),
    );
    const moved = changes.find((change) => change.kind === "roles-changed");
    expect(moved).toMatchObject({
      roles: [
        { party: "Analytical Platform", from: "✅", to: "" },
        { party: "Other MoJ Team", from: "", to: "✅" },
      ],
      owners: { from: ["Analytical Platform"], to: ["Other MoJ Team"] },
    });
    const contacts = changes.find((change) => change.kind === "contacts-changed");
    expect(contacts).toMatchObject({
      removed: [
        { type: "slack-channel", value: "#analytical-platform-support" },
        { type: "email", value: "analytical_platform@digital.justice.gov.uk" },
      ],
      added: [
        { type: "slack-channel", value: "#ask-analytical-platform" },
        { type: "email", value: "analytical-platform@justice.gov.uk" },
      ],
    });
    expect(changes.find((change) => change.kind === "row-added")).toMatchObject({
      row: { section: "Onboarding and offboarding", responsibility: "Using QuickSight" },
      roles: [{ party: "User", to: "✅" }],
    });
  });

  it("OVHcloud: the seven corrected wordings are the same rows, reworded, keeping their letters", () => {
    const { changes } = compareModels(
      shipped("ovhcloud-data-processing"),
      newer("ovh/data-processing-upstream-latest.md"),
    );
    expect(changes.map((change) => change.kind)).toEqual(Array(7).fill("row-reworded"));
    expect(changes.map((change) => (change.kind === "row-reworded" ? [change.from, change.to] : []))).toEqual(
      [
        ["Setup your cluster following business needs", "Set up your cluster following business needs"],
        [
          "Buy and hold licences and usage rights for software provided by OVHcloud (Apache Sparck)",
          "Buy and hold licences and usage rights for software provided by OVHcloud (Apache Spark)",
        ],
        [
          "Import your job code following extensions supported by Apache Sparck technology, including S3 or SWIFT technology for data storage by using API calls",
          "Import your job code following extensions supported by Apache Spark technology, including Amazon S3 or SWIFT technology for data storage by using API calls",
        ],
        [
          "Monitor the functionning of ressources available (jobs execution) with Grafana or any other monitoring tool",
          "Monitor the functionning of resources available (jobs execution) with Grafana or any other monitoring tool",
        ],
        [
          "Retain logs of management infrastructure service",
          "Retain logs of the management infrastructure service",
        ],
        [
          "Migrate/transfer data (job code, processed data, logs)  following extensions supported by Apache Sparck technology, including S3 or SWIFT technology for data storage by using API calls",
          "Migrate/transfer data (job code, processed data, logs)  following extensions supported by Apache Spark technology, including Amazon S3 or SWIFT technology for data storage by using API calls",
        ],
        [
          "Delete your project and decommisionnate the service",
          "Delete your project and decommission the service",
        ],
      ],
    );
    // Each keeps the id it had, so links and feedback still find it.
    expect(changes[0]).toMatchObject({ row: { id: "setup-your-cluster-following-business-needs" } });
  });

  it("2i2c: items 1-3 reworded, nothing else (the new footnote holds no responsibility)", () => {
    const { changes } = compareModels(shipped("2i2c-hubs"), newer("2i2c/srm-2022-05-31-no-berkeley.md"));
    expect(changes.map((change) => [change.kind, "row" in change ? change.row.item : undefined])).toEqual([
      ["row-reworded", 1],
      ["row-reworded", 2],
      ["row-reworded", 3],
    ]);
  });
});

describe("pairing rows across versions", () => {
  const model = (rows: string, parties = "Customer | OVHcloud") =>
    importMarkdown(`## Ops\n\n| Activity | ${parties} |\n|---|---|---|\n${rows}`).model;

  it("a shipped model against its own source: no changes", () => {
    const source = importMarkdown(read(SOURCES, "moj-analytical-platform.md")).model;
    expect(compareModels(shipped("moj-analytical-platform"), source).changes).toEqual([]);
  });

  it("a different row is a removal and an addition, not a rewording", () => {
    const { changes } = compareModels(
      model("| Patch the OS | RA | I |\n"),
      model("| Rotate the keys | RA | I |\n"),
    );
    expect(changes.map((change) => change.kind)).toEqual(["row-added", "row-removed"]);
  });

  it("letters changed on a row, and a row moved to an existing section", () => {
    const old = importMarkdown(
      "## A\n\n| Activity | C | P |\n|---|---|---|\n| Patch | RA | I |\n| Scan | R | A |\n\n## B\n\n| Activity | C | P |\n|---|---|---|\n| Log | R | |\n",
    ).model;
    const next = importMarkdown(
      "## A\n\n| Activity | C | P |\n|---|---|---|\n| Patch | I | RA |\n\n## B\n\n| Activity | C | P |\n|---|---|---|\n| Log | R | |\n| Scan | R | A |\n",
    ).model;
    const { changes } = compareModels(old, next);
    expect(changes).toEqual([
      {
        kind: "roles-changed",
        row: { section: "A", responsibility: "Patch", id: "patch" },
        roles: [
          { party: "C", from: "RA", to: "I" },
          { party: "P", from: "I", to: "RA" },
        ],
        owners: { from: ["C"], to: ["P"] },
      },
      { kind: "row-moved", row: { section: "B", responsibility: "Scan", id: "scan" }, from: "A", to: "B" },
    ]);
  });

  it("similarity: corrections stay close, different duties do not", () => {
    expect(similarity("Setup your cluster", "Set up your cluster")).toBeGreaterThan(0.6);
    expect(
      similarity(
        "Delete your project and decommisionnate the service",
        "Delete your project and decommission the service",
      ),
    ).toBeGreaterThan(0.6);
    expect(similarity("Patch the operating system", "Rotate the encryption keys")).toBeLessThan(0.6);
  });
});
