// Answering on a worker thread (ANSWER_THREAD=worker, the default on a machine of 2 or more CPUs): the same
// messages as the main thread makes, byte for byte; the data served at that moment, through a reload; and an
// answer whatever happens to the worker.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../src/answer/engine.ts";
import { loadEngine } from "../../src/answer/load.ts";
import { loadQuestions } from "../../src/eval/questions.ts";
import { EXAMPLES } from "../../src/examples.ts";
import { DEFAULT_DATA_DIR } from "../../src/model/load.ts";
import { loadChannelDefaults } from "../../src/slack/channels.ts";
import { replyOnWorker } from "../../src/slack/replier.ts";
import { parseRequest } from "../../src/slack/reply.ts";
import { BOT_USER_ID } from "../support/fake-slack.ts";
import { Harness, USER } from "../support/harness.ts";

const channelDefaults = loadChannelDefaults(DEFAULT_DATA_DIR);
let onMain: Harness;
let onWorker: Harness;

beforeAll(async () => {
  onMain = await Harness.start({ channelDefaults });
  onWorker = await Harness.start({ channelDefaults, config: { answerThread: "worker" } });
  await onWorker.waitForLog("answer worker holds the data");
}, 30_000);
afterAll(async () => {
  await onMain?.stop();
  await onWorker?.stop();
});

async function command(h: Harness, text: string, channel = "C0APSUPP01") {
  const { responseId } = await h.command(text, { channel });
  return (await h.fake.waitForResponse(responseId)).body;
}

const SAMPLE = loadQuestions("tests/eval/questions.yml").map((question) => question.q);

describe("on the worker thread", () => {
  it("every kind of request gets the message the main thread makes, and the log says where it was made", async () => {
    const texts = [
      ...Object.values(EXAMPLES),
      ...SAMPLE,
      "help",
      "models",
      "browse ovh Customer",
      "what changed",
      "who keeps ovh job logs? also, what's the storage price per GB?",
      "who owns the coffee machine",
    ];
    for (const text of texts) {
      // Channels with and without a default model, so the channel's model and the channel list both travel.
      for (const channel of ["C0APSUPP01", "C0GENERAL1"]) {
        const expected = await command(onMain, text, channel);
        const got = await command(onWorker, text, channel);
        expect(JSON.stringify(got), text).toBe(JSON.stringify(expected));
      }
    }
    const answered = onWorker.records().filter((record) => record.msg === "command answered");
    expect(answered).toHaveLength(texts.length * 2);
    expect(answered.every((record) => record.thread === "worker")).toBe(true);
    await onWorker.expectValidPayloads();
  }, 60_000);

  it("a mention is answered in its thread as on the main thread", async () => {
    const mention = (h: Harness) =>
      h.event({
        type: "app_mention",
        channel: "C0APSUPP01",
        user: USER,
        text: `<@${BOT_USER_ID}> ${EXAMPLES.mention}`,
        ts: "1700000100.000200",
        event_ts: "1700000100.000200",
      });
    await mention(onMain);
    await mention(onWorker);
    const expected = await onMain.fake.waitForCall("chat.postMessage");
    const got = await onWorker.fake.waitForCall("chat.postMessage");
    expect(got.body).toEqual(expected.body);
    const logged = await onWorker.waitForLog("mention answered");
    expect(logged.thread).toBe("worker");
  });
});

describe("the data served at that moment", () => {
  let dataDir: string;
  let served: Engine;
  let h: Harness;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "who-owns-thread-"));
    cpSync(DEFAULT_DATA_DIR, dataDir, { recursive: true });
    served = loadEngine(dataDir);
    h = await Harness.start({ engine: () => served, config: { answerThread: "worker" } });
    await h.waitForLog("answer worker holds the data");
  }, 30_000);
  afterAll(async () => {
    await h?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("after a reload, answers come from the new data at once, then from the worker again", async () => {
    const question = "who restarts my app on the AP?";
    const before = JSON.stringify(await command(h, question));
    expect(before).toContain("Application restarts");
    expect(before).not.toContain("relaunches");

    const file = join(dataDir, "models", "moj-analytical-platform.yml");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(/Application restarts/g, "Application restarts and relaunches"),
    );
    served = loadEngine(dataDir);
    h.logLines.length = 0;

    // The first answer after the swap cannot wait for the worker to load it: the main thread makes it.
    const first = JSON.stringify(await command(h, question));
    expect(first).toContain("Application restarts and relaunches");
    expect((await h.waitForLog("command answered")).thread).toBe("main");

    await h.waitForLog("answer worker holds the data");
    h.logLines.length = 0;
    expect(JSON.stringify(await command(h, question))).toBe(first);
    expect((await h.waitForLog("command answered")).thread).toBe("worker");
  }, 30_000);
});

describe("replyOnWorker", () => {
  const engine = loadEngine();
  const logged: string[] = [];
  const logger = {
    info: (msg: string) => logged.push(msg),
    warn: (msg: string) => logged.push(msg),
    error: (msg: string) => logged.push(msg),
  } as unknown as Parameters<typeof replyOnWorker>[0]["logger"];
  const options = {
    ctx: { channelId: () => undefined, channelName: () => undefined, byName: new Map<string, string>() },
    place: "ephemeral" as const,
    typed: EXAMPLES.restartApp,
  };

  /** A worker that takes the engine but, asked a question, does `onQuestion`. */
  const stub = (onQuestion: string) => () =>
    new Worker(
      `const { parentPort } = require("node:worker_threads");
       parentPort.on("message", (m) => {
         if (m.type === "engine") parentPort.postMessage({ type: "engine", id: m.id });
         if (m.type === "reply") { ${onQuestion} }
       });`,
      { eval: true },
    );

  it("answers on the main thread when the worker does not answer in time, and after it is closed", async () => {
    const replier = replyOnWorker({ engine: () => engine, logger, timeoutMs: 50, spawn: stub("") });
    try {
      await waitFor(() => logged.includes("answer worker holds the data"));
      const slow = await replier.reply(parseRequest(EXAMPLES.restartApp), options);
      expect(slow.thread).toBe("main");
      expect(slow.meta.answered).toBe(true);
    } finally {
      await replier.close();
    }
    const closed = await replier.reply(parseRequest(EXAMPLES.restartApp), options);
    expect(closed.thread).toBe("main");
    expect(closed.meta.answered).toBe(true);
  });

  it("a worker that dies answers its question on the main thread, and the next ones too", async () => {
    logged.length = 0;
    const replier = replyOnWorker({ engine: () => engine, logger, spawn: stub("process.exit(3);") });
    try {
      await waitFor(() => logged.includes("answer worker holds the data"));
      const lost = await replier.reply(parseRequest(EXAMPLES.restartApp), options);
      expect(lost.thread).toBe("main");
      expect(lost.meta.answered).toBe(true);
      expect(logged).toContain(
        "answer worker stopped soon after starting; answering on the main thread from now on",
      );
      expect((await replier.reply(parseRequest(EXAMPLES.party), options)).thread).toBe("main");
    } finally {
      await replier.close();
    }
  });

  it("a context that is not a channel list is answered on the main thread", async () => {
    logged.length = 0;
    const replier = replyOnWorker({ engine: () => engine, logger });
    try {
      await waitFor(() => logged.includes("answer worker holds the data"));
      const made = await replier.reply(parseRequest(EXAMPLES.restartApp), {
        ...options,
        ctx: { channelId: () => "C0APSUPP01" },
      });
      expect(made.thread).toBe("main");
      expect(JSON.stringify(made.message)).toContain("<#C0APSUPP01>");
      const onThread = await replier.reply(parseRequest(EXAMPLES.restartApp), options);
      expect(onThread.thread).toBe("worker");
    } finally {
      await replier.close();
    }
  });
});

async function waitFor(condition: () => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
