// The who-owns command as a person runs it: real process, real data, exit codes that scripts can trust.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { NOTHING_TO_FIND, START_QUESTIONS } from "../../src/examples.ts";

const BIN = fileURLToPath(new URL("../../bin/who-owns.js", import.meta.url));

function run(args: string[], input?: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
    timeout: 20_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("a reader that stops early", () => {
  it("ends quietly with status 0 when the pipe closes (who-owns export --json | head -c 50)", async () => {
    const child = spawn(process.execPath, [BIN, "export", "--json"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    // The reader is gone before the first byte is written: every write meets a closed pipe (EPIPE).
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});

describe("who-owns ask", () => {
  it("answers in plain words, who and where first, exit 0", () => {
    const { code, stdout } = run(["ask", "who can restart my app?"]);
    expect(code).toBe(0);
    const [first, second] = stdout.split("\n");
    expect(first).toBe(
      "Analytical Platform → ask in #analytical-platform-support (Justice Digital workspace)",
    );
    expect(second).toBe("  Application restarts");
    expect(stdout).not.toContain("\u001b["); // no colour when not on a terminal
  });

  it("says which part of a message it answered when the rest is in no model", () => {
    const { code, stdout } = run(["ask", "who restarts my app on the AP? and who pays for the pizza"]);
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe(
      "This answers “who restarts my app on the AP”; I have no sure answer for the rest.",
    );
    expect(lines[2]).toBe(
      "Analytical Platform → ask in #analytical-platform-support (Justice Digital workspace)",
    );
    expect(lines[3]).toBe("  Application restarts");
  });

  it("prints the documented JSON shape with --json", () => {
    const { code, stdout } = run(["ask", "DPIA", "--json"]);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(Object.keys(answer)).toEqual(expect.arrayContaining(["query", "answered", "matches"]));
    const [match] = answer.matches;
    expect(Object.keys(match)).toEqual(
      expect.arrayContaining([
        "model",
        "modelName",
        "section",
        "responsibility",
        "assignments",
        "owners",
        "ownersFrom",
        "contacts",
        "notes",
        "score",
      ]),
    );
    expect(match.contacts).toContainEqual({ type: "email", value: "dataprotection@justice.gov.uk" });
  });

  it("exits 1 when unsure, with up to three closest rows, each with who and where", () => {
    const { code, stdout } = run(["ask", "who handles quotas"]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^I'm not sure who owns that\. The closest I found:\n/);
    const routes = stdout.split("\n").filter((line) => line.includes(" → "));
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.length).toBeLessThanOrEqual(3);
  });

  it("asks which platform for “what am I responsible for” naming none, exit 1", () => {
    const { code, stdout } = run(["ask", "what am I responsible for?"]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^Which platform\?/);
    expect(stdout).toContain('who-owns ask "what is the User responsible for on MoJ Analytical Platform?"');
  });

  it("exits 1 for a question nothing covers, suggesting questions that work", () => {
    const { code, stdout } = run(["ask", NOTHING_TO_FIND]);
    expect(code).toBe(1);
    expect(stdout).toContain("I have nothing on that");
    for (const question of START_QUESTIONS) expect(stdout).toContain(`who-owns ask "${question}"`);
  });

  it("keeps to one model with --model", () => {
    const answer = JSON.parse(run(["ask", "who handles incidents", "--model", "OVH", "--json"]).stdout);
    expect(
      answer.matches.every((match: { model: string }) => match.model === "ovhcloud-data-processing"),
    ).toBe(true);
  });

  it("reads one question per line and writes one JSON answer per line", () => {
    const { code, stdout } = run(["ask", "--json"], "who deploys patches\n\nwhat's for lunch today\n");
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((answer) => [answer.query, answer.answered])).toEqual([
      ["who deploys patches", true],
      ["what's for lunch today", false],
    ]);
    expect(code).toBe(1); // not every question was answered
  });

  it("answers questions piped in without --json, each readable under its question", () => {
    const { code, stdout, stderr } = run(["ask"], "DPIA\n\nwho can restart my app?\n");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const answers = stdout.trimEnd().split("\n\n› ");
    expect(answers).toHaveLength(2);
    // Each answer under its question, who and where first.
    expect(answers[0]).toMatch(
      /^› DPIA\nUser and Other MoJ Team .*→ .*\n {2}Completing .*Data Protection Impact Assessment/,
    );
    expect(answers[1]).toMatch(
      /^who can restart my app\?\nAnalytical Platform → .*\n {2}Application restarts/,
    );
    expect(stdout).not.toContain("{");
  });

  it("exits 1 when one of the piped questions is not answered", () => {
    const { code, stdout } = run(["ask"], `DPIA\n${NOTHING_TO_FIND}\n`);
    expect(code).toBe(1);
    expect(stdout).toContain(`› ${NOTHING_TO_FIND}\nI have nothing on that.`);
  });

  it("names an unknown option, and an option missing its value", () => {
    const unknown = run(["ask", "who patches", "--modle", "AP"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^who-owns: unknown option --modle \(did you mean --model\?\)/);
    const missing = run(["ask", "who patches", "--model"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^who-owns: --model needs a value, e\.g\. --model ovhcloud-data-processing/,
    );
  });

  it("suggests an option only for a real slip, the closest one", () => {
    expect(run(["ask", "x", "--partie", "y"]).stderr).toMatch(/did you mean --parties\?/);
    for (const slip of ["--x", "--lim"]) expect(run(["ask", "x", slip]).stderr).not.toMatch(/did you mean/);
  });

  it("exits 2 for bad usage: one line saying what is wrong, and where the help is", () => {
    for (const args of [["ask"], ["frobnicate"], ["ask", "x", "--model", "nope"], ["ask", "--bogus"]]) {
      const { code, stderr } = run(args);
      expect(code, args.join(" ")).toBe(2);
      expect(stderr, args.join(" ")).toMatch(
        /^who-owns: .+\nRun "who-owns --help" for the commands and options\.\n?$/,
      );
    }
    // With no command at all, the usage itself.
    const bare = run([]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("Usage:");
  });

  it("exits 2 naming the file, line and field when the data is bad", () => {
    const dir = mkdtempSync(join(tmpdir(), "who-owns-bad-"));
    mkdirSync(join(dir, "models"));
    writeFileSync(join(dir, "synonyms.yml"), "synonyms: []\n");
    writeFileSync(
      join(dir, "models", "x.yml"),
      "id: x\nname: X\nparties: [Customer]\nrows:\n  - section: S\n    responsibility: Do it\n    assignments:\n      Customer: RX\n",
    );
    const { code, stderr } = run(["ask", "anything", "--data", dir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/x\.yml:8 rows\[0\]\.assignments\.Customer: "RX" is not a RACI role/);
  });
});

describe("who-owns browse, models, export", () => {
  it("lists the three shipped models", () => {
    const { models } = JSON.parse(run(["models", "--json"]).stdout);
    expect(models.map((model: { id: string }) => model.id).sort()).toEqual([
      "2i2c-hubs",
      "moj-analytical-platform",
      "ovhcloud-data-processing",
    ]);
  });

  it("browses one party's rows", () => {
    const { code, stdout } = run(["browse", "OVH", "--party", "OVHcloud"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Deploy patches, update softwares available on the service");
    expect(stdout).not.toContain("Choose the service location");
    expect(stdout).toContain(
      "The rows OVHcloud owns; rows where it is only consulted or informed are not listed.",
    );
  });

  it("shows each party's letters where they say more than the owner, and owners the notes name", () => {
    const ovh = run(["browse", "ovhcloud-data-processing"]).stdout;
    expect(ovh).toContain("Choose the service location — Customer RA · OVHcloud I");
    const ap = run(["browse", "moj-analytical-platform"]).stdout;
    expect(ap).toContain(
      "Managing and supporting AWS resources — Analytical Platform (no party is marked; the notes name them)",
    );
    expect(ap).toContain("User application code — Other MoJ Team (the notes say User)");
  });

  it("exports every row in the answer's shape, without score", () => {
    const { models } = JSON.parse(run(["export", "--json"]).stdout);
    const rows = models.flatMap((model: { rows: unknown[] }) => model.rows);
    expect(rows.length).toBeGreaterThan(80);
    expect(rows[0]).toHaveProperty("owners");
    expect(rows[0]).not.toHaveProperty("score");
  });
});

describe("who-owns ask, where the answer names a team or no row", () => {
  it("gives the named model's general route when none of its rows fits", () => {
    const { code, stdout } = run(["ask", "who do i contact on ovh"]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      "I have no row on that in OVHcloud Data Processing. Its general route: see https://community.ovh.com/en/",
    );
  });

  it("names a team sharing the duty beside the owner, with the general route when the row names none", () => {
    const { stdout } = run(["ask", "who sets the firewall rules on the AP"]);
    expect(stdout.split("\n")[0]).toBe(
      "Analytical Platform, with the Platforms & Architecture (P&A) Cyber team → ask in #analytical-platform-support (Justice Digital workspace) (general support)",
    );
  });
});

describe("who-owns ask, a party's list in one part of the document", () => {
  it("says which part", () => {
    const { stdout } = run(["ask", "what must the customer do before subscribing on ovh"]);
    expect(stdout.split("\n")[0]).toBe(
      "Customer is responsible for 5 rows in “1. Before subscription / 1.1. Specify service as needed”:",
    );
  });
});

describe("who-owns lint", () => {
  it("passes the shipped data and reports its warnings", () => {
    const { code, stdout, stderr } = run(["lint"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^0 error\(s\), \d+ warning\(s\)/);
    expect(stderr).toContain("User application code");
  });

  it("checks channels.yml: a channel pointing at no model, and a malformed file, by file and line", () => {
    const dir = mkdtempSync(join(tmpdir(), "who-owns-lint-"));
    cpSync(fileURLToPath(new URL("../../data/", import.meta.url)), dir, { recursive: true });
    writeFileSync(join(dir, "channels.yml"), "# defaults\ngeneral: 2i2c-hubs\nask-ovh: ovh-data\n");
    const unknown = run(["lint", "--data", dir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/channels\.yml:3 ask-ovh: no model has the id "ovh-data"/);
    expect(unknown.stdout).toMatch(/^1 error\(s\)/);
    writeFileSync(join(dir, "channels.yml"), "general: 2i2c-hubs\nrandom: Not An Id\n");
    const malformed = run(["lint", "--data", dir]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/channels\.yml:2 random: must be a model id/);
  });

  /** Lints a copy of data/ with one phrasing added under a row: the line it landed on, and the result. */
  const lintWithPhrasing = (rowId: string, phrasing: string) => {
    const dir = mkdtempSync(join(tmpdir(), "who-owns-lint-"));
    cpSync(fileURLToPath(new URL("../../data/", import.meta.url)), dir, { recursive: true });
    const phrasings = join(dir, "phrasings.yml");
    const lines = readFileSync(phrasings, "utf8").split("\n");
    const at = lines.findIndex((line) => line.trim() === `${rowId}:`) + 1;
    lines.splice(at, 0, `      - ${JSON.stringify(phrasing)}`);
    writeFileSync(phrasings, lines.join("\n"));
    return { line: at + 1, ...run(["lint", "--data", dir]) };
  };

  it("warns of a slip in a phrasing (the row would own the misspelling), at its line", () => {
    const { line, code, stderr } = lintWithPhrasing("creating-s3-buckets", "s3 bukcet creation who");
    expect(code).toBe(0);
    expect(stderr).toContain(
      `phrasings.yml:${line} warning: "bukcet" in "s3 bukcet creation who" looks like a slip for "bucket"`,
    );
  });

  it("counts a word's uses in every model's phrasings: 'contact', rare in one model, is no slip for 'contract'", () => {
    const row = "advocating-for-the-datahub-s-usage-to-the-berkeley-community";
    const { code, stderr } = lintWithPhrasing(row, "who do we contact about getting departments on board");
    expect(code).toBe(0);
    expect(stderr).not.toContain('"contact" in');
    expect(stderr).toContain("User application code");
  });

  it("warns of a kind whose stem another word shares, and of a general word nothing uses, at their lines", () => {
    const dir = mkdtempSync(join(tmpdir(), "who-owns-lint-"));
    cpSync(fileURLToPath(new URL("../../data/", import.meta.url)), dir, { recursive: true });
    const synonyms = join(dir, "synonyms.yml");
    const lines = readFileSync(synonyms, "utf8").split("\n");
    const at = lines.indexOf("kinds:") + 1;
    lines.splice(at, 0, "  accounts: [intern]", "  widgets: [gizmo]");
    writeFileSync(synonyms, lines.join("\n"));
    const { code, stderr } = run(["lint", "--data", dir]);
    expect(code).toBe(0);
    expect(stderr).toMatch(
      new RegExp(`synonyms\\.yml:${at + 1} warning: kinds: "intern" is read by its stem, which "internal"`),
    );
    expect(stderr).toContain(`synonyms.yml:${at + 2} warning: kinds: no row or phrasing uses "widgets"`);
    expect(run(["lint"]).stderr).not.toContain("kinds:");
  });

  it("warns of a phrasing that says what its row is not, at its line", () => {
    const row = "retain-logs-of-management-infrastructure-service";
    const { line, code, stderr } = lintWithPhrasing(row, "platform logs (not job logs), who keeps them");
    expect(code).toBe(0);
    expect(stderr).toContain(
      `phrasings.yml:${line} warning: "platform logs (not job logs), who keeps them" says what ${row} is not`,
    );
  });
});
