// `npm start` with data reload wired in: the real server (bin/server.js, a child process) serving a temp copy
// of data/ (WHO_OWNS_DATA_DIR). Editing a model file changes the next /who-owns answer without a restart;
// a broken file is refused and the last good answer keeps being served. Waits poll; no tight timeouts.
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askServer } from "../support/ask-server.ts";
import { FakeSlack, waitUntil } from "../support/fake-slack.ts";
import { SIGNING_SECRET } from "../support/signing.ts";

const SERVER = resolve("bin/server.js");
const MODEL = join("models", "ovhcloud-data-processing.yml");
const ORIGINAL = "Deploy patches, update softwares available on the service";
const EDITED = "Deploy patches and hotfixes to the managed runtime";

type Json = Record<string, unknown>;

/** Asks `probe` every `intervalMs` until it is true (the probe itself may take a while: it asks the app). */
async function eventually(probe: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

describe("npm start serves edited data without a restart", () => {
  let fake: FakeSlack;
  let child: ChildProcess;
  let dataDir: string;
  let port = 0;
  const stdout: string[] = [];
  let counter = 0;

  const records = (): Json[] =>
    stdout
      .join("")
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Json);

  /** `/who-owns <text>` to the child; resolves with the text of its answer. */
  async function ask(text: string): Promise<string> {
    counter += 1;
    return askServer(fake, port, text, `reload${counter}`);
  }

  beforeAll(async () => {
    fake = await FakeSlack.start();
    dataDir = mkdtempSync(join(tmpdir(), "who-owns-reload-"));
    cpSync(resolve("data"), dataDir, { recursive: true });
    const cwd = mkdtempSync(join(tmpdir(), "who-owns-reload-cwd-"));
    const env: Record<string, string> = {};
    for (const key of ["PATH", "HOME", "NODE_OPTIONS", "SYSTEMROOT"])
      if (process.env[key]) env[key] = process.env[key] as string;
    child = spawn(process.execPath, [SERVER], {
      cwd,
      env: {
        ...env,
        SLACK_BOT_TOKEN: "xoxb-reload-token",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: "0",
        WHO_OWNS_DATA_DIR: dataDir,
      },
    });
    child.stdout?.on("data", (data: Buffer) => stdout.push(data.toString()));
    const started = await waitUntil(() => records().find((record) => record.msg === "who-owns started"), {
      timeoutMs: 30_000,
      what: "the start log line",
    });
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

  it("answers from the copied data, then from an edited model file, and keeps it when a file breaks", async () => {
    expect(await ask("who deploys patches?")).toContain(ORIGINAL);

    // An edit: the watcher reloads (debounced); poll until an answer shows it.
    const file = join(dataDir, MODEL);
    const original = readFileSync(file, "utf8");
    expect(original).toContain(ORIGINAL);
    writeFileSync(file, original.replace(ORIGINAL, EDITED));
    await eventually(
      async () => (await ask("who deploys patches?")).includes(EDITED),
      "an answer from the edited model",
    );
    // The log line is written before the new data answers, but reaches us on another pipe.
    await waitUntil(() => records().some((record) => record.msg === "data reloaded"), {
      what: "data reloaded",
    });

    // A broken file: refused and logged, and the edited answer keeps being served.
    writeFileSync(file, "rows: [unclosed\n  - : :\n");
    const refused = await waitUntil(
      () => records().find((record) => String(record.msg).startsWith("data reload refused")),
      { timeoutMs: 20_000, what: "the reload refusal" },
    );
    expect(refused).toMatchObject({ level: "error" });
    expect(await ask("who deploys patches?")).toContain(EDITED);

    // SIGHUP reloads too: put the original back and ask for a reload explicitly.
    writeFileSync(file, original);
    child.kill("SIGHUP");
    await eventually(
      async () => (await ask("who deploys patches?")).includes(ORIGINAL),
      "an answer from the restored model",
    );
  }, 90_000);
});
