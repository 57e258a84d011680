// The bot after `who-owns sync --write` on the folder it serves (the real server, bin/server.js, against the
// fake Slack): it answers from the new data without a restart, posts a change summary to CHANGES_CHANNEL,
// and `/who-owns what changed` lists the latest changes per model.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORPUS, HAS_SHARED } from "../import/helpers.ts";
import { askServer } from "../support/ask-server.ts";
import { FakeSlack, waitUntil } from "../support/fake-slack.ts";
import { SIGNING_SECRET } from "../support/signing.ts";

const SERVER = resolve("bin/server.js");
const BIN = resolve("bin/who-owns.js");
const CHANNEL = "C0CHANGES1";

describe.skipIf(!HAS_SHARED)("after sync --write, the running bot", () => {
  let fake: FakeSlack;
  let child: ChildProcess;
  let dataDir: string;
  let port = 0;
  let counter = 0;
  const stdout: string[] = [];

  async function ask(text: string): Promise<string> {
    counter += 1;
    return askServer(fake, port, text, `changes${counter}`);
  }

  beforeAll(async () => {
    fake = await FakeSlack.start();
    dataDir = mkdtempSync(join(tmpdir(), "who-owns-changes-"));
    cpSync(resolve("data"), dataDir, { recursive: true });
    const env: Record<string, string> = {};
    for (const key of ["PATH", "HOME", "NODE_OPTIONS", "SYSTEMROOT"])
      if (process.env[key]) env[key] = process.env[key] as string;
    child = spawn(process.execPath, [SERVER], {
      cwd: mkdtempSync(join(tmpdir(), "who-owns-changes-cwd-")),
      env: {
        ...env,
        SLACK_BOT_TOKEN: "xoxb-changes-token",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: "0",
        WHO_OWNS_DATA_DIR: dataDir,
        CHANGES_CHANNEL: CHANNEL,
      },
    });
    child.stdout?.on("data", (data: Buffer) => stdout.push(data.toString()));
    const started = await waitUntil(
      () =>
        stdout
          .join("")
          .split("\n")
          .filter((line) => line.startsWith("{"))
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .find((record) => record.msg === "who-owns started"),
      { timeoutMs: 30_000, what: "the start log line" },
    );
    port = started.port as number;
  }, 45_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((done) => setTimeout(done, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    await fake?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 20_000);

  it("has no changes to tell before a sync, and answers with the old email", async () => {
    expect(await ask("what changed")).toContain("no changes recorded since it was shipped");
    expect(await ask("how do I get an analytical platform account")).toContain(
      "analytical_platform@digital.justice.gov.uk",
    );
  }, 40_000);

  it("after sync --write: announces the changes, answers the new email, and tells what changed", async () => {
    const from = fileURLToPath(new URL("moj/ap-srm-upstream-latest.md", CORPUS));
    const code = await new Promise<number>((done) =>
      execFile(
        process.execPath,
        [BIN, "sync", "moj-analytical-platform", "--from", from, "--data", dataDir, "--write"],
        (error) => done(error ? Number(error.code) : 0),
      ),
    );
    expect(code).toBe(1);

    const post = await fake.waitForCall("chat.postMessage", (call) => call.body.channel === CHANNEL, {
      timeoutMs: 20_000,
    });
    expect(String(post.body.text)).toMatch(/MoJ Analytical Platform\* — 12 changes on \d{4}-\d{2}-\d{2}/);
    expect(String(post.body.text)).toContain("Using QuickSight");

    expect(await ask("how do I get an analytical platform account")).toContain(
      "analytical-platform@justice.gov.uk",
    );
    const changed = await ask("what changed AP");
    expect(changed).toContain("12 changes");
    expect(changed).toContain("Using QuickSight");
    // A question that only starts like the command is still a question.
    const dpia = await ask("what changed in the DPIA process?");
    expect(dpia).toContain("Data Protection Impact Assessment");
    expect(dpia).not.toContain("What changed");
    expect(fake.callsTo("chat.postMessage").filter((call) => call.body.channel === CHANNEL)).toHaveLength(1);
  }, 60_000);
});
