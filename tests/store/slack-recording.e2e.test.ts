// End to end, on each engine: questions, choices, votes and comments sent to the real app (signed requests,
// fake Slack) are recorded after the answer, and after a restart `who-owns gaps --json` (a real process)
// reports them. On PostgreSQL, the database going away mid-run loses no answer, is said once, and the
// records written meanwhile arrive when it is back.
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { loadEngine } from "../../src/answer/load.ts";
import { BLOCK, FEEDBACK_COMMENT_ACTION } from "../../src/slack/ids.ts";
import { createStoreRecorder, type StoreRecorder } from "../../src/store/recorder.ts";
import { Store } from "../../src/store/store.ts";
import { BOT_USER_ID, waitUntil } from "../support/fake-slack.ts";
import { findElement, Harness, textOf, USER } from "../support/harness.ts";
import { ENGINES, HAS_POSTGRES, TEST_DATABASE_URL, type TestDatabase, testDatabase } from "./support.ts";
import { TcpProxy } from "./tcp-proxy.ts";

const run = promisify(execFile);
const CLI = resolve("bin/who-owns.js");
const engine = loadEngine();

function element(payload: unknown, actionId: string) {
  const found = findElement(payload, actionId);
  if (!found) throw new Error(`no ${actionId} in ${JSON.stringify(payload).slice(0, 300)}`);
  return found;
}

async function gapsJson(env: Record<string, string>): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, [CLI, "gaps", "--json"], {
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe.each(ENGINES)("recording from Slack on %s", (engineName) => {
  let database: TestDatabase | undefined;
  let h: Harness | undefined;
  let store: Store | undefined;
  let recorder: StoreRecorder | undefined;

  afterEach(async () => {
    await h?.stop();
    await recorder?.close();
    await store?.close();
    await database?.drop();
    h = undefined;
    store = undefined;
    recorder = undefined;
    database = undefined;
  });

  it("records questions, an alternative chosen, 👎 and its comment; gaps --json has them after a restart", async () => {
    database = testDatabase(engineName);
    store = await Store.open(database.settings);
    recorder = createStoreRecorder(store, { warn() {}, info() {} });
    h = await Harness.start({ deps: { recorder } });

    const answered = await h.command("who deploys patches?");
    const card = (await h.fake.waitForResponse(answered.responseId)).body;
    const down = await h.clickInMessage(element(card, "feedback.down"));
    await h.fake.waitForResponse(down.responseId);
    const modal = (await h.fake.waitForCall("views.open")).body.view as Record<string, unknown>;
    await h.viewSubmission(modal, {
      [BLOCK.feedbackComment]: {
        [FEEDBACK_COMMENT_ACTION]: { type: "plain_text_input", value: "I wanted kernel patches" },
      },
    });
    const unanswered = await h.command("is the blorp backed up");
    const closest = (await h.fake.waitForResponse(unanswered.responseId)).body;
    const chosen = await h.clickInMessage(element(closest, "row.0"));
    // The full card of the chosen row, with its Share button.
    expect(textOf((await h.fake.waitForResponse(chosen.responseId)).body)).toMatch(/Share in channel/);
    await h.event({
      type: "message",
      channel: "D0DIRECT01",
      channel_type: "im",
      user: "U0DMUSER1",
      text: "is the blorp backed up",
      ts: "1700000200.000300",
      event_ts: "1700000200.000300",
    });
    await h.fake.waitForCall("chat.postMessage");
    await h.app.idle();
    await h.stop();
    h = undefined;
    await recorder.close();
    await store.close();
    store = undefined;

    // A restart: a new process reads the same store.
    const report = await gapsJson(database.env);
    const patches = engine.ask("who deploys patches?").matches[0];
    expect(report.questions).toBe(3);
    expect(report.unanswered).toEqual([{ question: "is the blorp backed up", count: 2, model: null }]);
    expect(report.downvoted).toEqual([
      { model: patches?.model, rowId: patches?.rowId, count: 1, comments: ["I wanted kernel patches"] },
    ]);
    expect((report.rows as { asked: number }[])[0]).toEqual({
      model: patches?.model,
      rowId: patches?.rowId,
      asked: 1,
    });

    store = await Store.open(database.settings);
    const questions = await store.db
      .selectFrom("questions")
      .select(["surface", "user_hash", "channel"])
      .execute();
    expect(questions.map((q) => q.surface).sort()).toEqual(["dm", "slash", "slash"]);
    expect(JSON.stringify(questions)).not.toMatch(/U0ASKER01|U0DMUSER1/);
    const choices = await store.db.selectFrom("choices").select(["choice", "question", "model"]).execute();
    expect(choices).toEqual([
      { choice: "row", question: "is the blorp backed up", model: expect.any(String) },
    ]);
  });

  it("records where each question and choice came from: the Home tab's search, and Ask the owners from a thread, a DM and a private answer", async () => {
    database = testDatabase(engineName);
    store = await Store.open(database.settings);
    recorder = createStoreRecorder(store, { warn() {}, info() {} });
    h = await Harness.start({ deps: { recorder } });
    const harness = h;

    // The Home tab: opened (not a question), then a question typed in its box.
    await harness.event({
      type: "app_home_opened",
      user: USER,
      channel: "D0DIRECT01",
      tab: "home",
      event_ts: "1700000400.000100",
    });
    const home = await harness.homeNumber(1);
    await harness.clickInHome(home, element(home, "home.search"), { value: "who deploys patches?" });
    expect(textOf(await harness.homeNumber(2))).toContain("Deploy patches");

    // "Ask the owners" on a not-sure card: in a channel's thread, in a DM, and on a private answer.
    const notSure = "who handles visual studio code";
    const askOwnersOn = async (
      card: Record<string, unknown>,
      where: Parameters<Harness["clickInMessage"]>[1],
    ) => {
      const before = harness.fake.callsTo("chat.postMessage").length;
      await harness.clickInMessage(element(card, "ask.owners"), where);
      await waitUntil(() => harness.fake.callsTo("chat.postMessage").length > before, {
        what: "the owners to be asked",
      });
    };
    const posted = async (n: number) => {
      await waitUntil(() => harness.fake.callsTo("chat.postMessage").length >= n, { what: `post #${n}` });
      return harness.fake.callsTo("chat.postMessage")[n - 1]?.body as Record<string, unknown>;
    };
    const ts = "1700000500.000100";
    await harness.event({
      type: "app_mention",
      user: USER,
      text: `<@${BOT_USER_ID}> ${notSure}`,
      ts,
      channel: "C0GENERAL1",
      event_ts: ts,
    });
    const inThread = await posted(1);
    await askOwnersOn(inThread, {
      ephemeral: false,
      channel: "C0GENERAL1",
      threadTs: ts,
      messageTs: "1700000500.000200",
    });
    await harness.event({
      type: "message",
      channel: "D0DIRECT01",
      channel_type: "im",
      user: USER,
      text: notSure,
      ts: "1700000600.000100",
      event_ts: "1700000600.000100",
    });
    const inDm = await posted(3);
    await askOwnersOn(inDm, { ephemeral: false, channel: "D0DIRECT01", messageTs: "1700000600.000200" });
    const command = await harness.command(notSure, { channel: "C0GENERAL1", channelName: "general" });
    await askOwnersOn((await harness.fake.waitForResponse(command.responseId)).body, {
      channel: "C0GENERAL1",
    });
    await harness.app.idle();
    await recorder.flush();

    const questions = await store.db
      .selectFrom("questions")
      .select(["surface", "question", "answered"])
      .orderBy("at")
      .execute();
    expect(questions).toEqual([
      { surface: "home", question: "who deploys patches?", answered: 1 },
      { surface: "mention", question: notSure, answered: 0 },
      { surface: "dm", question: notSure, answered: 0 },
      { surface: "slash", question: notSure, answered: 0 },
    ]);
    const choices = await store.db
      .selectFrom("choices")
      .select(["surface", "choice"])
      .orderBy("at")
      .execute();
    expect(choices).toEqual([
      { surface: "mention", choice: "owners" },
      { surface: "dm", choice: "owners" },
      { surface: "slash", choice: "owners" },
    ]);
  });
});

describe.skipIf(!HAS_POSTGRES)("PostgreSQL going away mid-run", () => {
  let proxy: TcpProxy | undefined;
  let h: Harness | undefined;
  let store: Store | undefined;
  let recorder: StoreRecorder | undefined;
  let database: TestDatabase | undefined;

  afterEach(async () => {
    await h?.stop();
    await recorder?.close(500);
    await store?.close().catch(() => {});
    await proxy?.stop();
    await database?.drop();
  });

  it("answers every question while it is down, warns once, and writes what was kept when it is back", async () => {
    const url = new URL(TEST_DATABASE_URL);
    proxy = await TcpProxy.start({ host: url.hostname, port: Number(url.port || 5432) });
    const proxied = new URL(TEST_DATABASE_URL);
    proxied.port = String(proxy.port);
    database = testDatabase("postgres");
    const settings = { ...database.settings, databaseUrl: proxied.toString() };
    const warnings: string[] = [];
    const infos: string[] = [];
    store = await Store.open(settings);
    recorder = createStoreRecorder(
      store,
      { warn: (msg) => warnings.push(msg), info: (msg) => infos.push(msg) },
      { retryMs: 200 },
    );
    h = await Harness.start({ deps: { recorder } });
    const ask = async (text: string) => {
      const { responseId } = (await h?.command(text)) ?? { responseId: "" };
      return textOf((await h?.fake.waitForResponse(responseId))?.body);
    };

    expect(await ask("who deploys patches?")).toContain("Deploy patches");
    await recorder.flush();
    // Cut while a write is in flight: the busy connection's error must not take the process down.
    for (let i = 0; i < 3000; i += 1)
      recorder.asked({ surface: "slash", team: "T", user: "U", question: "burst", answered: false });
    const flushing = recorder.flush();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await proxy.down();
    await flushing;
    for (let i = 0; i < 5; i += 1) expect(await ask("who deploys patches?")).toContain("Deploy patches");
    await waitUntil(() => warnings.length > 0, { what: "the store warning" });
    expect(await ask("who deploys patches?")).toContain("Deploy patches");
    expect(warnings).toEqual(["store unavailable: answers go on, records are kept and retried"]);
    expect(recorder.healthy).toBe(false);

    await proxy.up();
    await waitUntil(() => infos.includes("store back: recording resumed"), {
      what: "recording to resume",
      timeoutMs: 15_000,
    });
    await recorder.flush();
    expect(await store.countQuestions({ since: 0 })).toBe(3007);
    expect(warnings).toHaveLength(1);
  });
});
