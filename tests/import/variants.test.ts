// Variants seen in the wild but not in the corpus, written out small: each test is one rule of reading.
import { describe, expect, it } from "vitest";
import { ImportError, importMarkdown } from "../../src/import/index.ts";
import { rolesOf, rowOf, sectionsOf } from "./helpers.ts";

const page = (...lines: string[]) => lines.join("\n");
const load = (text: string, options = {}) => importMarkdown(text, { file: "page.md", ...options });

describe("marks and letters", () => {
  it("reads ✔ and ✓ as ✅, keeping what was written, and a Notes column verbatim", () => {
    const result = load(
      page(
        "| Task | Platform | User | Notes |",
        "| --- | :-: | :-: | --- |",
        "| Restart apps | ✔ | | Ask in **#support**.<br>Or email us. |",
        "| Write code | | ✓ | |",
        "| Review code | ✔️ | ✅ | |",
      ),
    );
    expect(result.model.rows).toEqual([
      {
        section: "",
        responsibility: "Restart apps",
        assignments: { Platform: { role: "✅", original: "✔" } },
        notes: "Ask in **#support**.<br>Or email us.",
      },
      {
        section: "",
        responsibility: "Write code",
        assignments: { User: { role: "✅", original: "✓" } },
        notes: "",
      },
      {
        section: "",
        responsibility: "Review code",
        assignments: { Platform: { role: "✅", original: "✔️" }, User: "✅" },
        notes: "",
      },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it("puts letters in R, A, C, I order whatever their order, case, emphasis, commas or footnote stars", () => {
    const result = load(
      page(
        "| Activity | Customer | Provider |",
        "| --- | --- | --- |",
        "| One | __RA__ | I* |",
        "| Two | ri | AR |",
        "| Three | R, A | *C* |",
        "| Four | Responsible, Accountable | Consulted |",
        "| Five | R/A | Informed |",
        "| Six | ic | **ra** |",
      ),
    );
    const roles = result.model.rows.map((row) => row.assignments);
    expect(roles).toEqual([
      { Customer: { role: "RA", original: "__RA__" }, Provider: { role: "I", original: "I*" } },
      { Customer: { role: "RI", original: "ri" }, Provider: { role: "RA", original: "AR" } },
      { Customer: { role: "RA", original: "R, A" }, Provider: { role: "C", original: "*C*" } },
      {
        Customer: { role: "RA", original: "Responsible, Accountable" },
        Provider: { role: "C", original: "Consulted" },
      },
      { Customer: { role: "RA", original: "R/A" }, Provider: { role: "I", original: "Informed" } },
      { Customer: { role: "CI", original: "ic" }, Provider: { role: "RA", original: "**ra**" } },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it("keeps a cell it cannot read as written, with no role, and says so", () => {
    const result = load(page("| Activity | Customer | Provider |", "|---|---|---|", "| Support | S | RA |"));
    expect(rowOf(result, "Support").assignments).toEqual({
      Customer: { role: "", original: "S" },
      Provider: "RA",
    });
    expect(result.warnings).toEqual([
      { line: 3, message: expect.stringMatching(/"S" under "Customer" is not a RACI letter/) },
    ]);
  });

  it("reads a dash or N/A as no mark", () => {
    const result = load(
      page("| Activity | Customer | Provider |", "|---|---|---|", "| Patch | - | N/A |", "| Pay | RA | — |"),
    );
    expect(result.model.rows.map((row) => row.assignments)).toEqual([{}, { Customer: "RA" }]);
  });
});

describe("parties", () => {
  it("takes parties in the page's order, any names, two or more, a trailing ' Role' dropped", () => {
    const result = load(
      page(
        "| Activity | Provider Role | Customer Role | Auditor Role |",
        "|---|---|---|---|",
        "| Audit the logs | I | C | RA |",
      ),
    );
    expect(result.model.parties).toEqual(["Provider", "Customer", "Auditor"]);
    expect(rolesOf(rowOf(result, "Audit the logs"))).toEqual({ Provider: "I", Customer: "C", Auditor: "RA" });
  });

  it("collects parties across tables whose columns differ, in order of first appearance", () => {
    const result = load(
      page(
        "## A",
        "| Activity | Customer | Provider |",
        "|---|---|---|",
        "| One | RA | I |",
        "",
        "## B",
        "| Activity | Provider | Reseller |",
        "|---|---|---|",
        "| Two | RA | C |",
      ),
    );
    expect(result.model.parties).toEqual(["Customer", "Provider", "Reseller"]);
    expect(rowOf(result, "Two").assignments).toEqual({ Provider: "RA", Reseller: "C" });
  });

  it("reorders or renames the parties when the caller gives them", () => {
    const text = page("| Activity | customer | provider |", "|---|---|---|", "| One | RA | I |");
    const reordered = load(text, { parties: ["Provider", "Customer"] });
    expect(reordered.model.parties).toEqual(["Provider", "Customer"]);
    expect(reordered.model.rows[0]?.assignments).toEqual({ Provider: "I", Customer: "RA" });
    const renamed = load(text, { parties: ["Tenant", "Host"] });
    expect(renamed.model.rows[0]?.assignments).toEqual({ Tenant: "RA", Host: "I" });
    expect(() => load(text, { parties: ["Only one"] })).toThrow(ImportError);
  });
});

describe("tables as written", () => {
  it("reads rows with missing cells or no closing pipe", () => {
    const result = load(
      page(
        "| Activity | Customer | Provider |",
        "|---|---|---|",
        "| Backups | RA",
        "| Patching | I | RA",
        "| Lonely row",
      ),
    );
    expect(result.model.rows.map((row) => [row.responsibility, row.assignments])).toEqual([
      ["Backups", { Customer: "RA" }],
      ["Patching", { Customer: "I", Provider: "RA" }],
      ["Lonely row", {}],
    ]);
    expect(result.warnings).toEqual([{ line: 5, message: 'row "Lonely row" has no cells for the parties' }]);
  });

  it("does not take a line of text that runs on from a table for a row, and says so", () => {
    const result = load(
      page("| Activity | Customer |", "|---|---|", "| Backups | RA |", "*(1) Daily backups only.*"),
    );
    expect(result.model.rows).toHaveLength(1);
    expect(result.warnings).toEqual([{ line: 4, message: expect.stringContaining("without a pipe") }]);
  });

  it("keeps the responsibility as written: inline markup, double spaces, an escaped pipe read as a pipe", () => {
    const result = load(
      page(
        "| Activity | Customer |",
        "|---|---|",
        "|   Manage **backups**  and *restores*   | RA |",
        "| Read \\| write access | RA |",
      ),
    );
    expect(result.model.rows.map((row) => row.responsibility)).toEqual([
      "Manage **backups**  and *restores*",
      "Read | write access",
    ]);
  });

  it("reports cells beyond the header instead of dropping them quietly", () => {
    const result = load(page("| Activity | Customer |", "|---|---|", "| Backups | RA | stray |"));
    expect(result.model.rows[0]?.assignments).toEqual({ Customer: "RA" });
    expect(result.warnings).toEqual([{ line: 3, message: expect.stringContaining('"stray"') }]);
  });

  it("reads a text column headed otherwise than Notes as the notes, and says so", () => {
    const result = load(
      page(
        "| Activity | Customer | Provider | How to get help |",
        "|---|---|---|---|",
        "| Backups | RA | I | Ask #help |",
      ),
    );
    expect(result.model.parties).toEqual(["Customer", "Provider"]);
    expect(result.model.rows[0]?.notes).toBe("Ask #help");
    expect(result.warnings).toEqual([{ line: 1, message: expect.stringContaining("read as notes") }]);
  });

  it("reads CRLF line endings exactly as LF", () => {
    const lf = page(
      "---",
      "title: Hosting RACI",
      "---",
      "## 1. Usage",
      "",
      "| Activity | Customer |",
      "|---|---|",
      "| Backups | RA |",
      "",
    );
    const crlf = load(lf.replace(/\n/g, "\r\n"));
    expect(crlf.model).toEqual(load(lf).model);
    expect(crlf.model.name).toBe("Hosting RACI");
    expect(crlf.model.rows[0]?.responsibility).toBe("Backups");
  });

  it("reads French headers", () => {
    const result = load(
      page(
        "## Exploitation",
        "",
        "| Activité | Client | Fournisseur | Commentaires |",
        "|---|---|---|---|",
        "| Gérer les sauvegardes | RA | I | Voir le contrat |",
      ),
    );
    expect(result.model.parties).toEqual(["Client", "Fournisseur"]);
    expect(rowOf(result, "Gérer les sauvegardes")).toEqual({
      section: "Exploitation",
      responsibility: "Gérer les sauvegardes",
      assignments: { Client: "RA", Fournisseur: "I" },
      notes: "Voir le contrat",
    });
  });

  it("reads the responsibility column by its header when it is not the first", () => {
    const result = load(page("| Customer | Activity | Provider |", "|---|---|---|", "| RA | Backups | I |"));
    expect(rowOf(result, "Backups").assignments).toEqual({ Customer: "RA", Provider: "I" });
  });
});

describe("sections", () => {
  it("names a table introduced by a bold paragraph instead of a heading", () => {
    const result = load(
      page(
        "# Hosting",
        "## Service usage",
        "",
        "**Operations**",
        "",
        "| Activity | Customer |",
        "|---|---|",
        "| Backups | RA |",
        "",
        "**Security:**",
        "| Activity | Customer |",
        "|---|---|",
        "| Patching | RA |",
      ),
    );
    expect(sectionsOf(result)).toEqual(["Service usage / Operations", "Service usage / Security"]);
  });

  it("nests by numbering when heading levels skip or repeat, by level otherwise; bold and italics stripped", () => {
    const result = load(
      page(
        "# Title",
        "## Objective",
        "### 1. **Before**",
        "##### 1.1. *Choose*",
        "| Activity | Customer |",
        "|---|---|",
        "| Choose a plan | RA |",
        "### 1.2. Size",
        "| Activity | Customer |",
        "|---|---|",
        "| Size it | RA |",
        "#### Notes on sizing",
        "| Activity | Customer |",
        "|---|---|",
        "| Resize | RA |",
      ),
    );
    expect(sectionsOf(result)).toEqual([
      "1. Before / 1.1. Choose",
      "1. Before / 1.2. Size",
      "1. Before / 1.2. Size / Notes on sizing",
    ]);
  });

  it("keeps unnumbered headings when the numbering starts again under each of them", () => {
    const result = load(
      page(
        "## Compute",
        "### 1. Setup",
        "| Activity | Customer |",
        "|---|---|",
        "| Order | RA |",
        "## Storage",
        "### 1. Setup",
        "| Activity | Customer |",
        "|---|---|",
        "| Order | RA |",
      ),
    );
    expect(sectionsOf(result)).toEqual(["Compute / 1. Setup", "Storage / 1. Setup"]);
    expect(result.warnings).toEqual([]);
  });

  it("treats several level-1 headings as sections, not as the title", () => {
    const result = load(
      page(
        "# Compute",
        "| Activity | Customer |",
        "|---|---|",
        "| A | RA |",
        "# Storage",
        "| Activity | Customer |",
        "|---|---|",
        "| B | RA |",
      ),
    );
    expect(sectionsOf(result)).toEqual(["Compute", "Storage"]);
  });
});

describe("numbered lists", () => {
  it("numbers each list of its own section, restarting at 1, with the caller's parties", () => {
    const result = load(
      page(
        "## The community",
        "",
        "1. Teach users",
        "2. Triage questions",
        "",
        "## The operator",
        "",
        "1. Upgrade the cluster",
        "1. Respond to incidents",
      ),
      { parties: ["Community", "Operator"] },
    );
    expect(result.model.parties).toEqual(["Community", "Operator"]);
    expect(result.model.rows.map((row) => [row.section, row.item, row.responsibility])).toEqual([
      ["The community", 1, "Teach users"],
      ["The community", 2, "Triage questions"],
      ["The operator", 1, "Upgrade the cluster"],
      ["The operator", 2, "Respond to incidents"],
    ]);
  });

  it("reads a boundary sentence that names the other side, and its caveat", () => {
    const result = load(
      page(
        "# Hosting model",
        "",
        "Acme's customers run the first steps. The customer's responsibility starts at step 3. Note that large customers may ask Acme for more.",
        "",
        "1. Write content",
        "2. Moderate content",
        "3. Run servers",
      ),
    );
    expect(result.model.boundary).toEqual({
      before: "Acme",
      from: "Customer",
      item: 3,
      text: "The customer's responsibility starts at step 3.",
      caveat: "Note that large customers may ask Acme for more.",
    });
  });

  it("joins an item's wrapped lines with a space and keeps what follows its first paragraph as notes", () => {
    const result = load(page("1. Upgrade the", "   cluster", "", "   Twice a year.", "2. Patch"), {
      parties: ["Operator"],
    });
    expect(result.model.rows[0]).toMatchObject({
      item: 1,
      responsibility: "Upgrade the cluster",
      notes: "Twice a year.",
    });
  });
});

describe("front matter", () => {
  it("names the model after its title, unless the caller names it", () => {
    const text = page(
      "---",
      'title: "RACI: Web Hosting"',
      "---",
      "| Activity | Customer |",
      "|---|---|",
      "| A | RA |",
    );
    expect(load(text).model.name).toBe("RACI: Web Hosting");
    expect(load(text, { name: "Web hosting", id: "web" }).model).toMatchObject({
      name: "Web hosting",
      id: "web",
    });
    expect(load(text).model.id).toBe("page");
  });

  it("warns about front matter that is not YAML and reads on", () => {
    const result = load(
      page("---", "title: [unclosed", "---", "| Activity | Customer |", "|---|---|", "| A | RA |"),
    );
    expect(result.model.rows).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({
      line: expect.any(Number),
      message: expect.stringContaining("front matter"),
    });
  });
});

describe("emoji legends", () => {
  it("reads any shortcodes a legend pairs with names, and reports one it does not know", () => {
    const result = load(
      page(
        "## Who does what",
        ":office: Provider :bust_in_silhouette: Tenant",
        "",
        "| Layer | Hosted | Self-managed |",
        "|---|---|---|",
        "| Hardware | :office: | :bust_in_silhouette: |",
        "| Data | :bust_in_silhouette: | :bust_in_silhouette: :question: |",
      ),
    );
    expect(result.model.parties).toEqual(["Provider", "Tenant"]);
    expect(
      result.model.rows.map((row) => [row.section, row.responsibility, Object.keys(row.assignments)]),
    ).toEqual([
      ["Who does what / Hosted", "Hardware", ["Provider"]],
      ["Who does what / Hosted", "Data", ["Tenant"]],
      ["Who does what / Self-managed", "Hardware", ["Tenant"]],
      ["Who does what / Self-managed", "Data", ["Tenant"]],
    ]);
    expect(result.warnings).toEqual([{ line: 7, message: expect.stringContaining(":question:") }]);
  });
});

describe("emoji legends that name marks, not parties", () => {
  it("reads a table whose legend names the columns' own parties as an ordinary table", () => {
    const result = load(
      page(
        ":white_check_mark: Customer :x: Provider",
        "",
        "| Activity | Customer | Provider |",
        "|---|---|---|",
        "| Backups | :white_check_mark: | |",
      ),
    );
    expect(result.model.parties).toEqual(["Customer", "Provider"]);
    expect(result.model.rows).toEqual([
      {
        section: "",
        responsibility: "Backups",
        assignments: { Customer: { role: "✅", original: ":white_check_mark:" } },
        notes: "",
      },
    ]);
  });
});

describe("empty tables", () => {
  it("reads a page whose only table has a header and no rows as a model with its parties and no rows, and warns", () => {
    const result = load(page("# Plan", "", "| Activity | Customer | Provider |", "|---|---|---|", ""));
    expect(result.model).toMatchObject({ name: "Plan", parties: ["Customer", "Provider"], rows: [] });
    expect(result.warnings).toEqual([{ line: 3, message: expect.stringContaining("no rows") }]);
  });
});
