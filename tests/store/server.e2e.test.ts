// `npm start` with the store: the real server (bin/server.js, a child process) records into
// WHO_OWNS_STATE_DIR (or DATABASE_URL); after it stops and starts again, `who-owns gaps --json` (another
// process) has every question and vote; STORE=off records nothing; a store it cannot open stops the start, saying what to set.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FakeSlack, slashCommandFields, waitUntil } from "../support/fake-slack.ts";
import { findElement, SlackSender, textOf } from "../support/harness.ts";
import { baseEnv, ServerProcess as Server } from "../support/server-process.ts";
import { postToApp, SIGNING_SECRET } from "../support/signing.ts";
import { ENGINES, type TestDatabase, testDatabase } from "./support.ts";

const run = promisify(execFile);
const CLI = resolve("bin/who-owns.js");

type Json = Record<string, unknown>;

describe.each(ENGINES)("npm start records into the store (%s)", (engineName) => {
  let fake: FakeSlack;
  let database: TestDatabase;
  let cwd: string;
  let counter = 0;

  beforeAll(async () => {
    fake = await FakeSlack.start();
    database = testDatabase(engineName);
    cwd = mkdtempSync(join(tmpdir(), "who-owns-store-cwd-"));
  });
  afterAll(async () => {
    await fake?.stop();
    await database?.drop();
    if (cwd) rmSync(cwd, { recursive: true, force: true });
  });

  const env = () => ({
    SLACK_BOT_TOKEN: "xoxb-store-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: "0",
    ...database.env,
  });

  async function ask(port: number, text: string): Promise<string> {
    counter += 1;
    const id = `store${engineName}${counter}`;
    const form = new URLSearchParams(
      slashCommandFields({ text, responseUrl: fake.responseUrl(id), triggerId: `${counter}.fake` }),
    );
    const post = await postToApp(
      `http://127.0.0.1:${port}/slack/events`,
      form.toString(),
      "application/x-www-form-urlencoded",
    );
    expect(post.status).toBe(200);
    return textOf((await fake.waitForResponse(id, undefined, { timeoutMs: 15_000 })).body);
  }

  it("keeps what was asked and voted across a restart; gaps --json reads it from another process", async () => {
    const first = Server.spawn(env(), cwd);
    const slack = new SlackSender(fake, `http://127.0.0.1:${await first.port()}`);
    const asked = await slack.command("who deploys patches?");
    const card = (await fake.waitForResponse(asked.responseId)).body;
    expect(textOf(card)).toContain("Deploy patches");
    const down = findElement(card, "feedback.down");
    if (!down) throw new Error("the answer has a 👎 button");
    const voted = await slack.clickInMessage(down);
    await fake.waitForResponse(voted.responseId);
    expect(await ask(await first.port(), "is the blorp backed up")).toBeTruthy();
    expect(await first.stop()).toBe(0);
    expect(first.records().find((r) => r.msg === "store open")).toMatchObject({ engine: engineName });

    const second = Server.spawn(env(), cwd);
    expect(await ask(await second.port(), "is the blorp backed up")).toBeTruthy();
    expect(await second.stop()).toBe(0);

    const { stdout } = await run(process.execPath, [CLI, "gaps", "--json"], {
      env: { ...baseEnv(), ...database.env },
    });
    const report = JSON.parse(stdout) as Json;
    expect(report.questions).toBe(3);
    expect(report.unanswered).toEqual([{ question: "is the blorp backed up", count: 2, model: null }]);
    expect(report.downvoted).toEqual([
      {
        model: "ovhcloud-data-processing",
        rowId: expect.stringMatching(/^deploy-patches/),
        count: 1,
        comments: [],
      },
    ]);
    // Nothing from the store in the working folder: it went where the settings said.
    expect(existsSync(join(cwd, "state"))).toBe(false);
  }, 60_000);
});

describe("npm start without a usable store", () => {
  let fake: FakeSlack;
  let cwd: string;
  let server: Server | undefined;
  beforeAll(async () => {
    fake = await FakeSlack.start();
    cwd = mkdtempSync(join(tmpdir(), "who-owns-store-off-"));
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });
  afterAll(async () => {
    await fake?.stop();
    rmSync(cwd, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string>) => ({
    SLACK_BOT_TOKEN: "xoxb-store-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: "0",
    ...extra,
  });

  it("STORE=off answers and keeps nothing", async () => {
    server = Server.spawn(env({ STORE: "off" }), cwd);
    await server.port();
    expect(server.records().some((r) => r.msg === "store off: nothing is recorded")).toBe(true);
    expect(existsSync(join(cwd, "state"))).toBe(false);
  }, 40_000);

  it("the compiled build answers on its worker thread (ANSWER_THREAD=worker)", async () => {
    server = Server.spawn(env({ STORE: "off", ANSWER_THREAD: "worker" }), cwd);
    const slack = new SlackSender(fake, `http://127.0.0.1:${await server.port()}`);
    await waitUntil(() => server?.records().some((r) => r.msg === "answer worker holds the data"), {
      timeoutMs: 20_000,
      what: "the worker's engine",
    });
    const asked = await slack.command("who deploys patches?");
    expect(textOf((await fake.waitForResponse(asked.responseId)).body)).toContain("Deploy patches");
    const answered = await waitUntil(() => server?.records().find((r) => r.msg === "command answered"));
    expect(answered.answeredOn).toBe("worker");
    expect(await server.stop()).toBe(0);
  }, 40_000);

  it("loses no log line when it stops, and keeps their order: the last answer, then stopped", async () => {
    server = Server.spawn(env({ STORE: "off" }), cwd);
    const slack = new SlackSender(fake, `http://127.0.0.1:${await server.port()}`);
    const asked = await slack.command("who deploys patches?");
    await fake.waitForResponse(asked.responseId);
    expect(await server.stop()).toBe(0);
    const messages = server.records().map((r) => r.msg);
    // The answer reached Slack before the stop, but its log line may come after "stopping": the stop waits
    // for requests in flight, so it comes before "who-owns stopped", which is last.
    expect(messages.at(-1)).toBe("who-owns stopped");
    const tail = messages
      .slice(messages.indexOf("who-owns started") + 1, -1)
      .filter((msg) => msg !== "answer worker holds the data");
    expect([...tail].sort()).toEqual(["command answered", "stopping"]);
  }, 40_000);

  it("a malformed store setting stops the start with exit 2, naming it", async () => {
    server = Server.spawn(env({ QUESTION_RETENTION_DAYS: "a month" }), cwd);
    expect(await server.exited).toBe(2);
    expect(server.text).toMatch(/QUESTION_RETENTION_DAYS: must be a whole number of days/);
  }, 40_000);

  it("a database that does not answer stops the start with exit 1, saying what to check", async () => {
    server = Server.spawn(env({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/none" }), cwd);
    expect(await server.exited).toBe(1);
    expect(server.text).toMatch(/cannot open its store.*\n.*DATABASE_URL/);
  }, 40_000);
});
