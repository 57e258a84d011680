// Every real page of ../shared/corpus imports, and reads as a person reads it: rows, sections and letters.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CORPUS, importFile, read, rolesOf, rowOf, SOURCES, sectionsOf } from "./helpers.ts";

const corpus = (name: string) => importFile(CORPUS, name);

describe("the corpus", () => {
  const listed = read(CORPUS, "INDEX.md").match(/^\| ([\w/.-]+\.md) \|/gm) ?? [];
  const files = listed.map((line) => line.slice(2, -2));

  it("lists every page in its INDEX, and every page is here", () => {
    const onDisk = ["2i2c", "moj", "other", "ovh"].flatMap((folder) =>
      readdirSync(fileURLToPath(new URL(`${folder}/`, CORPUS))).map((name) => `${folder}/${name}`),
    );
    expect(files.sort()).toEqual(onDisk.sort());
  });

  it.each([
    ["ovh/data-processing-upstream-latest.md", 38, 2],
    ["ovh/web-hosting.md", 57, 2],
    ["ovh/object-storage.md", 36, 2],
    ["ovh/public-cloud-databases.md", 46, 2],
    ["ovh/cold-storage-archive.md", 35, 2],
    ["ovh/hosted-private-cloud-vmware.md", 90, 2],
    ["ovh/dedicated-servers-2021-empty-table.md", 50, 2],
    ["moj/ap-srm-upstream-latest.md", 37, 3],
    ["moj/ap-srm-v1.0-2023-06-08.md", 36, 3],
    ["2i2c/srm-2022-05-27-all-ones-numbering.md", 13, 2],
    ["2i2c/srm-2022-05-31-no-berkeley.md", 13, 2],
    ["other/cloud-temple-en-iaas-raci.md", 109, 2],
    ["other/aucloud-shared-service-model.md", 18, 2],
    ["other/az900-notes-emoji-shortcodes.md", 40, 2],
  ])("%s imports %i rows between %i parties", (name, rows, parties) => {
    const { model } = corpus(name);
    expect(model.rows).toHaveLength(rows);
    expect(model.parties).toHaveLength(parties);
    for (const row of model.rows) expect(row.responsibility).toBe(row.responsibility.trim());
  });
});

describe("OVHcloud pages", () => {
  it("upstream Data Processing: the same 38 rows and letters as the shipped version, 7 wordings corrected", () => {
    const latest = corpus("ovh/data-processing-upstream-latest.md").model.rows;
    const shipped = importFile(SOURCES, "ovhcloud-data-processing.md").model.rows;
    expect(latest.map(({ section, assignments }) => ({ section, assignments }))).toEqual(
      shipped.map(({ section, assignments }) => ({ section, assignments })),
    );
    const reworded = latest.filter((row, index) => row.responsibility !== shipped[index]?.responsibility);
    expect(reworded.map((row) => row.responsibility)).toEqual([
      "Set up your cluster following business needs",
      "Buy and hold licences and usage rights for software provided by OVHcloud (Apache Spark)",
      "Import your job code following extensions supported by Apache Spark technology, including Amazon S3 or SWIFT technology for data storage by using API calls",
      "Monitor the functionning of resources available (jobs execution) with Grafana or any other monitoring tool",
      "Retain logs of the management infrastructure service",
      "Migrate/transfer data (job code, processed data, logs)  following extensions supported by Apache Spark technology, including Amazon S3 or SWIFT technology for data storage by using API calls",
      "Delete your project and decommission the service",
    ]);
  });

  it("web hosting: R and A split across parties; plain ##### headings", () => {
    const page = corpus("ovh/web-hosting.md");
    expect(rolesOf(rowOf(page, "Install your web application with the one-click module"))).toEqual({
      Customer: "A",
      OVHcloud: "R",
    });
    expect(rowOf(page, "Publish content on your web application").section).toBe(
      "3. Service usage / 3.1. Operations / 3.1.1. Daily operations",
    );
    expect(page.model.name).toBe("Responsibility sharing for the Web Hosting service");
  });

  it("object storage: trailing spaces after the last pipe, padded letters, the escaped `**\\***` footnote is no row", () => {
    const page = corpus("ovh/object-storage.md");
    expect(rolesOf(rowOf(page, "Administrate service storage"))).toEqual({ Customer: "I", OVHcloud: "RA" });
    expect(rowOf(page, "Administrate data").assignments).toEqual({ Customer: "RA" });
    expect(rowOf(page, "Retain logs of the Object Storage service").assignments).toEqual({ OVHcloud: "RA" });
    expect(rowOf(page, "Create, modify, control, restore, delete backups").assignments).toEqual({
      Customer: "RA",
    });
    expect(page.model.rows.some((row) => row.responsibility.includes("trademark"))).toBe(false);
    expect(page.warnings).toEqual([]);
  });

  it("public cloud databases: `AR` is RA with the original kept; a missing last cell is no mark", () => {
    const page = corpus("ovh/public-cloud-databases.md");
    expect(
      rowOf(page, "Perform preventive interventions on managed elements of the Public Cloud Databases"),
    ).toMatchObject({
      section: "3. Service usage / 3.2. Event management / 3.2.2. Changes",
      assignments: { Customer: "I", OVHcloud: { role: "RA", original: "AR" } },
    });
    expect(rowOf(page, "Keep logs of the Service hosted on Public Cloud Databases").assignments).toEqual({
      Customer: "RA",
    });
    expect(rowOf(page, "Choose fallback infrastructures").assignments).toEqual({ Customer: "RA" });
    expect(rowOf(page, "Ensuring data continuity and sustainability").assignments).toEqual({
      Customer: "RA",
    });
    expect(rolesOf(rowOf(page, "Maintain logs generated by Public Cloud Databases services"))).toEqual({
      Customer: "RA",
      OVHcloud: "RA",
    });
    expect(
      rolesOf(
        rowOf(
          page,
          "Confirm the customer's request to change the hardware or software for the Database service",
        ),
      ),
    ).toEqual({
      Customer: "A",
      OVHcloud: "R",
    });
  });

  it("cold storage: R | A, RI | A, AI | R; a French `## Objectif` stays out of the sections", () => {
    const page = corpus("ovh/cold-storage-archive.md");
    expect(
      rolesOf(
        rowOf(
          page,
          "Manage Containers and objects' security created at server entry with SSE-C feature following keys delivery by the client",
        ),
      ),
    ).toEqual({ Customer: "R", OVHcloud: "A" });
    expect(rolesOf(rowOf(page, "Create, modify, control, restore, delete archives and backups"))).toEqual({
      Customer: "RI",
      OVHcloud: "A",
    });
    expect(rowOf(page, "Process incidents on the service (tickets and contacts)").assignments).toEqual({
      Customer: "AI",
      OVHcloud: "RA",
    });
    expect(sectionsOf(page)[0]).toBe("1. Before subscription / 1.1. Specify service as needed");
    expect(sectionsOf(page).some((section) => section.includes("Objectif"))).toBe(false);
  });

  it("hosted private cloud: numbering fixes the heading levels; `A |  |` is accountable, nobody responsible", () => {
    const page = corpus("ovh/hosted-private-cloud-vmware.md");
    expect(sectionsOf(page)).toEqual([
      "1. Before subscription / 1.1. Specify service as needed",
      "2. Service availability / 2.1. Install service",
      "2. Service availability / 2.2. Reversibility", // `### 2.2.` under `### 2.`
      "2. Service availability / 2.3. Customer's IS installation",
      "3. Service Usage / 3.1. Operations / 3.1.1. Daily operations",
      "3. Service Usage / 3.1. Operations / 3.1.2. Access management",
      "3. Service Usage / 3.1. Operations / 3.1.3. Monitoring",
      "3. Service Usage / 3.1. Operations / 3.1.4. Storage",
      "3. Service Usage / 3.1. Operations / 3.1.5. Connectivity",
      "3. Service Usage / 3.1. Operations / 3.1.6. Management",
      "3. Service Usage / 3.1. Operations / 3.1.7. Business continuity",
      "3. Service Usage / 3.2. Event management / 3.2.1. Incidents",
      "3. Service Usage / 3.2. Event management / 3.2.2. Change", // `####` among `#####`
      "4. Reversibility / 4.1. Reversibility model",
      "4. Reversibility / 4.2. Data recovery",
      "5. End of service / 5.1. Destroying configurations",
      "5. End of service / 5.2. Data destruction",
    ]);
    expect(
      rowOf(
        page,
        "Specify the project in order to avoid storing persistant data locally (use persistant and shared volumes to store data permanently : NFS volumes or vSAN storage)",
      ).assignments,
    ).toEqual({ Customer: "A" });
    expect(
      rowOf(page, "Provide a client's support following TKG service deployment (ticket, debug)").assignments,
    ).toEqual({
      Customer: "A",
      OVHcloud: { role: "RC", original: "CR" },
    });
    expect(rolesOf(rowOf(page, "Plan changes requested by the Client"))).toEqual({
      Customer: "RA",
      OVHcloud: "RI",
    });
  });

  it("dedicated servers: a table with a header and no rows is a warning, not a failure", () => {
    const page = corpus("ovh/dedicated-servers-2021-empty-table.md");
    expect(page.warnings).toEqual([{ line: 44, message: expect.stringContaining("no rows") }]);
    expect(sectionsOf(page)).not.toContain("2. Service availability / 2.2. Reversibility model");
    expect(rowOf(page, "Install the OS").section).toBe(
      "2. Service availability / 2.3. Customers information system setup",
    );
    expect(page.model.name).toBe("RACI Dedicated servers");
  });
});

describe("MoJ Analytical Platform versions", () => {
  it("upstream: the new QuickSight row, Data Discovery moved to Other MoJ Team, renamed subsections", () => {
    const page = corpus("moj/ap-srm-upstream-latest.md");
    expect(rowOf(page, "Using QuickSight")).toMatchObject({
      section: "Onboarding and offboarding",
      assignments: { User: "✅" },
    });
    expect(rowOf(page, "Managing and supporting the Data Discovery tool")).toMatchObject({
      section: "Tools and packages / Data Discovery Tool",
      assignments: { "Other MoJ Team": "✅" },
    });
    expect(sectionsOf(page)).toContain("Tools and packages / User applications (including R Shiny apps)");
  });

  it("v1.0: Training's ✅ under Other MoJ Team", () => {
    const page = corpus("moj/ap-srm-v1.0-2023-06-08.md");
    expect(rowOf(page, "Learning how to use Analytical Platform tools and services").assignments).toEqual({
      "Other MoJ Team": "✅",
    });
  });
});

describe("2i2c versions", () => {
  const shipped = importFile(SOURCES, "2i2c-hubs.md").model;

  it("a list written all `1.` is numbered by position: items 1..13, the boundary still at 7", () => {
    const page = corpus("2i2c/srm-2022-05-27-all-ones-numbering.md");
    expect(page.model.rows.map((row) => row.item)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(page.model.rows).toEqual(shipped.rows);
    expect(page.model.boundary).toEqual(shipped.boundary);
    expect(page.warnings).toEqual([]);
  });

  it("the next version: items 1-3 reworded, the same parties and boundary", () => {
    const page = corpus("2i2c/srm-2022-05-31-no-berkeley.md");
    expect(page.model.parties).toEqual(["Community", "2i2c"]);
    expect(page.model.boundary).toEqual(shipped.boundary);
    expect(page.model.rows[0]).toMatchObject({
      item: 1,
      responsibility: "Advocating for the JupyterHub's usage to its user community.",
    });
    expect(page.model.rows.slice(3)).toEqual(shipped.rows.slice(3));
  });
});

describe("other publishers", () => {
  it("Cloud Temple: `Client Role | Cloud Temple Role` parties, `**RA**` kept as the original, cells verbatim", () => {
    const page = corpus("other/cloud-temple-en-iaas-raci.md");
    expect(page.model.parties).toEqual(["Client", "Cloud Temple"]);
    expect(rowOf(page, "Define the overall architecture of your Cloud Temple platform")).toEqual({
      section: "Define your requirements",
      responsibility: "Define the overall architecture of your Cloud Temple platform",
      assignments: {
        Client: { role: "RA", original: "**RA**" },
        "Cloud Temple": { role: "CI", original: "**CI**" },
      },
      notes: "",
    });
    expect(rowOf(page, "Ensure connectivity to the **backbone network(1)**").section).toBe(
      "Initial Implementation of Your Cloud Temple Tenants",
    );
    expect(
      rolesOf(
        rowOf(
          page,
          "*If subscribed:* implement the initial network configuration for Internet and Firewall services",
        ),
      ),
    ).toEqual({ Client: "CI", "Cloud Temple": "RA" });
    expect(
      rolesOf(
        rowOf(
          page,
          "Manage capacity for the **backup** infrastructure integrated into the Cloud Temple platform",
        ),
      ),
    ).toEqual({
      Client: "AI",
      "Cloud Temple": "RC",
    });
    expect(
      rowOf(page, "Retain and make available the logs of the Cloud Temple IaaS platform **(7)**").section,
    ).toBe("Recurring Operations / Log Management");
    expect(page.model.rows.some((row) => row.responsibility.startsWith("(R)"))).toBe(false); // the legend
    expect(page.model.name).toBe("IaaS Responsibility Matrix");
  });

  it("AUCyber: the provider column first, letters written `R, A`, the first column called Feature", () => {
    const page = corpus("other/aucloud-shared-service-model.md");
    expect(page.model.parties).toEqual(["AUCyber (IaaS)", "Customer"]);
    expect(rowOf(page, "Backups & replication (storage)")).toEqual({
      section: "Infrastructure as a Service (Compute) / IaaS RACI",
      responsibility: "Backups & replication (storage)",
      assignments: { "AUCyber (IaaS)": "C", Customer: { role: "RA", original: "R, A" } },
      notes: "",
    });
    expect(rowOf(page, "Privileged user management AUCyber IaaS").assignments).toEqual({
      "AUCyber (IaaS)": { role: "RA", original: "R, A" },
    });
  });

  it("AZ-900 notes: emoji marks from the legend, one section per service-model column", () => {
    const page = corpus("other/az900-notes-emoji-shortcodes.md");
    expect(page.model.parties).toEqual(["Microsoft", "Customer"]);
    expect(sectionsOf(page)).toEqual([
      "Shared Responsibility Model Table / SaaS",
      "Shared Responsibility Model Table / PaaS (Cloud App Service)",
      "Shared Responsibility Model Table / IaaS (Cloud Virtual Machine)",
      "Shared Responsibility Model Table / On-Premises",
    ]);
    const identity = page.model.rows.filter(
      (row) => row.responsibility === "Identity and directory infrastructure",
    );
    expect(identity.map((row) => row.assignments)).toEqual([
      {
        Microsoft: { role: "✅", original: ":cloud:" },
        Customer: { role: "✅", original: ":frowning_person:" },
      },
      {
        Microsoft: { role: "✅", original: ":cloud:" },
        Customer: { role: "✅", original: ":frowning_person:" },
      },
      { Customer: { role: "✅", original: ":frowning_person:" } },
      { Customer: { role: "✅", original: ":frowning_person:" } },
    ]);
    expect(identity[0]?.notes).toBe("Responsibility varies by service type");
    const host = page.model.rows.filter((row) => row.responsibility === "Physical host");
    expect(host.map((row) => Object.keys(row.assignments))).toEqual([
      ["Microsoft"],
      ["Microsoft"],
      ["Microsoft"],
      ["Customer"],
    ]);
    // The summary row (`||Mixed/Shared|…`) has no responsibility: reported, not silently dropped.
    expect(page.warnings).toEqual([{ line: 17, message: expect.stringContaining("Mixed/Shared") }]);
    expect(page.model.name).toBe("Shared Responsibility Model");
  });
});
