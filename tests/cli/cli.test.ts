// The who-owns command as a person runs it: real process, real data, exit codes that scripts can trust.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { START_QUESTIONS } from "../../src/examples.ts";

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
    const { code, stdout } = run(["ask", "who fixes broken dashboards"]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^I'm not sure who owns that\. The closest I found:\n/);
    const routes = stdout.split("\n").filter((line) => line.includes(" → "));
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.length).toBeLessThanOrEqual(3);
  });

  it("exits 1 for a question nothing covers, suggesting questions that work", () => {
    const { code, stdout } = run(["ask", "what's the wifi password"]);
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

  it("exits 2 for bad usage, with the usage", () => {
    for (const args of [["ask"], ["frobnicate"], ["ask", "x", "--model", "nope"], ["ask", "--bogus"], []]) {
      const { code, stderr } = run(args);
      expect(code, args.join(" ")).toBe(2);
      expect(stderr).toMatch(/who-owns|Usage/);
    }
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
  });

  it("exports every row in the answer's shape, without score", () => {
    const { models } = JSON.parse(run(["export", "--json"]).stdout);
    const rows = models.flatMap((model: { rows: unknown[] }) => model.rows);
    expect(rows.length).toBeGreaterThan(80);
    expect(rows[0]).toHaveProperty("owners");
    expect(rows[0]).not.toHaveProperty("score");
  });
});

describe("who-owns lint", () => {
  it("passes the shipped data and reports its warnings", () => {
    const { code, stdout, stderr } = run(["lint"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^0 error\(s\), \d+ warning\(s\)/);
    expect(stderr).toContain("User application code");
  });
});
