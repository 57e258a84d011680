// who-owns sync on a copy of data/: the MoJ page, published as HTML on a loopback server, brings in its
// changes; curated fields and row ids are kept; the change is logged; the bot answers from it without a restart.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { importMarkdown } from "../../src/import/index.ts";
import { loadModelFile, parseModelFile } from "../../src/model/load.ts";
import { createEngineHolder, type EngineHolder } from "../../src/reload/index.ts";
import { CORPUS, HAS_SHARED, read } from "../import/helpers.ts";
import { type PageServer, renderPage, servePages } from "../support/pages.ts";

const BIN = fileURLToPath(new URL("../../bin/who-owns.js", import.meta.url));
const SHIPPED = fileURLToPath(new URL("../../data/", import.meta.url));
const TODAY = new Date().toISOString().slice(0, 10);

/** The real command in its own process, without blocking this one (it serves the pages). */
function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, NO_COLOR: "1" }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 99) : 0, stdout, stderr }),
    );
  });
}

describe.skipIf(!HAS_SHARED)("who-owns sync", () => {
  let server: PageServer;
  let data: string;
  let holder: EngineHolder;
  const ap = () => join(data, "models", "moj-analytical-platform.yml");
  const ovh = () => join(data, "models", "ovhcloud-data-processing.yml");

  beforeAll(async () => {
    const page = renderPage(read(CORPUS, "moj/ap-srm-upstream-latest.md"));
    server = await servePages({
      "/shared-responsibility-model.html": (request, response) => {
        if (request.headers["if-none-match"] === '"ap-2"') response.writeHead(304, { etag: '"ap-2"' }).end();
        else
          response.writeHead(200, { "content-type": "text/html; charset=utf-8", etag: '"ap-2"' }).end(page);
      },
    });
    data = mkdtempSync(join(tmpdir(), "who-owns-sync-"));
    cpSync(SHIPPED, data, { recursive: true });
    // The copy's MoJ model points at the loopback page instead of the real site.
    const model = readFileSync(ap(), "utf8").replace(
      /url: https:\/\/user-guidance\S+/,
      `url: ${server.url("/shared-responsibility-model.html")}`,
    );
    writeFileSync(ap(), model);
    holder = createEngineHolder({ dataDir: data, watch: true, debounceMs: 50 });
  });

  afterAll(async () => {
    holder?.close();
    await server?.close();
    if (data) rmSync(data, { recursive: true, force: true });
  });

  const accountsAnswer = () => holder.current().ask("how do I get an Analytical Platform account?");

  it("without --write shows the changes, exit 1, and changes nothing", async () => {
    const before = readFileSync(ap(), "utf8");
    const { code, stdout } = await run(["sync", "moj-analytical-platform", "--data", data]);
    expect(code).toBe(1);
    expect(stdout).toContain("+ added");
    expect(stdout).toContain('"Using QuickSight"');
    expect(stdout).toContain("email analytical-platform@justice.gov.uk");
    expect(stdout).toContain("nothing written: add --write");
    expect(readFileSync(ap(), "utf8")).toBe(before);
    expect(existsSync(join(data, "changes"))).toBe(false);
  });

  it("--write brings the MoJ changes in, keeping aliases, support and row ids, and logs them", async () => {
    const old = loadModelFile(ap());
    expect(accountsAnswer().matches[0]?.contacts).toContainEqual(
      expect.objectContaining({ type: "email", value: "analytical_platform@digital.justice.gov.uk" }),
    );
    const { code } = await run(["sync", "moj-analytical-platform", "--data", data, "--write"]);
    expect(code).toBe(1);

    const updated = loadModelFile(ap());
    expect(updated.aliases).toEqual(old.aliases);
    expect(updated.support).toEqual(old.support);
    expect(updated.name).toBe(old.name);
    expect(updated.source).toMatchObject({ licence: old.source?.licence, fetched: TODAY, etag: '"ap-2"' });
    expect(updated.rows.map((row) => row.id)).toEqual(expect.arrayContaining(old.rows.map((row) => row.id)));
    expect(updated.rows.find((row) => row.responsibility === "Using QuickSight")?.owners).toEqual(["User"]);
    expect(
      updated.rows.find((row) => row.responsibility === "Managing and supporting the Data Discovery tool"),
    ).toMatchObject({
      section: "Tools and packages / Data Discovery Tool",
      owners: ["Other MoJ Team"],
    });

    // The page as published is kept beside the model, which still re-imports from it.
    expect(updated.source?.file).toBe("moj-analytical-platform.html");
    expect(readFileSync(join(data, "sources", "moj-analytical-platform.html"), "utf8")).toContain(
      "Using QuickSight",
    );

    const log = readFileSync(join(data, "changes", "moj-analytical-platform.md"), "utf8");
    expect(log).toContain(`## ${TODAY}`);
    expect(log).toContain('row-added: Onboarding and offboarding › "Using QuickSight"');
    expect(log).toContain("contacts-changed:");
  });

  it("the bot answers the new accounts email on the next question, without a restart", async () => {
    await vi.waitFor(
      () =>
        expect(accountsAnswer().matches[0]?.contacts).toContainEqual(
          expect.objectContaining({ type: "email", value: "analytical-platform@justice.gov.uk" }),
        ),
      { timeout: 8000, interval: 50 },
    );
  });

  it("the next sync asks with the ETag held: not modified, exit 0", async () => {
    const { code, stdout } = await run(["sync", "moj-analytical-platform", "--data", data]);
    expect(stdout).toContain("not modified since the last sync");
    expect(code).toBe(0);
    expect(server.requests.at(-1)?.ifNoneMatch).toBe('"ap-2"');
  });

  it("keeps the ids of reworded rows (OVHcloud's seven corrections), pinned in the file", async () => {
    const old = loadModelFile(ovh());
    const from = fileURLToPath(new URL("ovh/data-processing-upstream-latest.md", CORPUS));
    const { code } = await run([
      "sync",
      "ovhcloud-data-processing",
      "--from",
      from,
      "--data",
      data,
      "--write",
    ]);
    expect(code).toBe(1);
    const updated = loadModelFile(ovh());
    expect(updated.rows.map((row) => row.id)).toEqual(old.rows.map((row) => row.id));
    expect(
      updated.rows.find((row) => row.id === "setup-your-cluster-following-business-needs")?.responsibility,
    ).toBe("Set up your cluster following business needs");
    expect(readFileSync(ovh(), "utf8")).toContain("id: setup-your-cluster-following-business-needs");
    const copy = readFileSync(join(data, "sources", "ovhcloud-data-processing.md"), "utf8");
    expect(copy).toBe(readFileSync(from, "utf8"));
    // The model still re-imports from its copy (ids pinned by sync aside), as the seeds test checks.
    const file = parseModelFile(readFileSync(ovh(), "utf8"), ovh()).model;
    expect(importMarkdown(copy).model.rows).toEqual(file.rows.map(({ id: _pinned, ...row }) => row));
    // A file given with --from is not the model's URL: no fetch date is recorded for it.
    expect(updated.source?.fetched).toBeUndefined();
    // Nothing more to bring in from the same document.
    expect((await run(["sync", "ovhcloud-data-processing", "--from", from, "--data", data])).code).toBe(0);
  });

  it("a source that cannot be fetched is one line and exit 2", async () => {
    const { code, stderr } = await run([
      "sync",
      "2i2c-hubs",
      "--from",
      server.url("/gone.html"),
      "--data",
      data,
    ]);
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(
      /^who-owns: 2i2c-hubs: cannot fetch http:\/\/127\.0\.0\.1:\d+\/gone\.html: HTTP 404/,
    );
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });
  it("one model whose source fails does not stop the others: they are synced, and the exit is 2", async () => {
    const hubs = join(data, "models", "2i2c-hubs.yml");
    writeFileSync(
      hubs,
      readFileSync(hubs, "utf8").replace(/url: \S+/, `url: ${server.url("/moved-away.html")}`),
    );
    const { code, stdout, stderr } = await run([
      "sync",
      "moj-analytical-platform",
      "2i2c-hubs",
      "--data",
      data,
    ]);
    expect(code).toBe(2);
    expect(stdout).toContain("moj-analytical-platform");
    expect(stdout).toContain("not modified since the last sync");
    expect(stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^who-owns: 2i2c-hubs: cannot fetch .*\/moved-away\.html: HTTP 404/),
    ]);
  });
});

describe("who-owns diff on the command line", () => {
  it.skipIf(!HAS_SHARED)("exit 1 with the changes, --json for machines", async () => {
    const newer = fileURLToPath(new URL("2i2c/srm-2022-05-31-no-berkeley.md", CORPUS));
    const { code, stdout } = await run(["diff", join(SHIPPED, "models", "2i2c-hubs.yml"), newer, "--json"]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).changes.map((change: { kind: string }) => change.kind)).toEqual([
      "row-reworded",
      "row-reworded",
      "row-reworded",
    ]);
  });

  it("exit 0 when nothing changed, 2 when a version cannot be read", async () => {
    const same = await run([
      "diff",
      join(SHIPPED, "models", "2i2c-hubs.yml"),
      join(SHIPPED, "sources", "2i2c-hubs.md"),
    ]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("no changes");
    const missing = await run(["diff", join(SHIPPED, "models", "2i2c-hubs.yml"), "/nonexistent/page.md"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/who-owns: \/nonexistent\/page\.md: cannot read/);
  });
});

describe("who-owns import of HTML and URLs on the command line", () => {
  let server: PageServer;
  beforeAll(async () => {
    const page = renderPage(
      "## Ops\n\n| Activity | Customer | OVHcloud |\n|---|---|---|\n| Patch the OS | RA | I |\n",
    );
    server = await servePages({
      "/raci.html": (_request, response) => {
        response.writeHead(200, { "content-type": "text/html" }).end(page);
      },
    });
  });
  afterAll(() => server?.close());

  it("imports a URL to a model whose source names the URL and the day it was read", async () => {
    const { code, stdout } = await run(["import", server.url("/raci.html")]);
    expect(code).toBe(0);
    expect(stdout).toContain("id: raci");
    expect(stdout).toContain(`url: ${server.url("/raci.html")}`);
    expect(stdout).toContain(`fetched: ${TODAY}`);
    expect(stdout).toContain("responsibility: Patch the OS");
    const json = JSON.parse((await run(["import", server.url("/raci.html"), "--json"])).stdout);
    expect(json.source).toMatchObject({ url: server.url("/raci.html"), fetched: TODAY });
  });

  it("an offline or failing fetch is one clear line and exit 2", async () => {
    const { code, stdout, stderr } = await run(["import", server.url("/nope.html")]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^who-owns: cannot fetch .*\/nope\.html: HTTP 404/),
    ]);
  });
});
