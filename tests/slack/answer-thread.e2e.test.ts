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
import { Harness, type HarnessOptions, USER } from "../support/harness.ts";

const channelDefaults = loadChannelDefaults(DEFAULT_DATA_DIR);
let onMain: Harness;
let onWorker: Harness;

beforeAll(async () => {
  onMain = await Harness.start({ channelDefaults });
  onWorker = await startOnWorker({ channelDefaults });
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
    const answered = await onWorker.waitForLogs("command answered", texts.length * 2);
    expect(answered).toHaveLength(texts.length * 2);
    expect(answered.every((record) => record.answeredOn === "worker")).toBe(true);
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
    expect(logged.answeredOn).toBe("worker");
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
    h = await startOnWorker({ engine: () => served });
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
    await h.reset();

    // The first answer after the swap cannot wait for the worker to load it: the main thread makes it.
    const first = JSON.stringify(await command(h, question));
    expect(first).toContain("Application restarts and relaunches");
    expect((await h.waitForLog("command answered")).answeredOn).toBe("main");

    await h.waitForLog("answer worker holds the data");
    await h.reset();
    expect(JSON.stringify(await command(h, question))).toBe(first);
    expect((await h.waitForLog("command answered")).answeredOn).toBe("worker");
  }, 30_000);
});

describe("replyOnWorker", () => {
  const engine = loadEngine();
  const logged: string[] = [];
  const logger = loggingTo(logged);
  const options = {
    ctx: { channelId: () => undefined, team: "T1", byName: new Map<string, string>() },
    place: "ephemeral" as const,
    typed: EXAMPLES.restartApp,
  };

  it("answers on the main thread when the worker does not answer in time, and after it is closed", async () => {
    const replier = replyOnWorker({ engine: () => engine, logger, timeoutMs: 50, spawn: stub("") });
    try {
      await waitFor(() => logged.includes("answer worker holds the data"));
      const slow = await replier.reply(parseRequest(EXAMPLES.restartApp), options);
      expect(slow.answeredOn).toBe("main");
      expect(slow.meta.answered).toBe(true);
    } finally {
      await replier.close();
    }
    const closed = await replier.reply(parseRequest(EXAMPLES.restartApp), options);
    expect(closed.answeredOn).toBe("main");
    expect(closed.meta.answered).toBe(true);
  });

  it("a worker that dies answers its question on the main thread, and the next ones too", async () => {
    logged.length = 0;
    const replier = replyOnWorker({ engine: () => engine, logger, spawn: stub("process.exit(3);") });
    try {
      await waitFor(() => logged.includes("answer worker holds the data"));
      const lost = await replier.reply(parseRequest(EXAMPLES.restartApp), options);
      expect(lost.answeredOn).toBe("main");
      expect(lost.meta.answered).toBe(true);
      expect(logged).toContain(
        "answer worker stopped soon after starting; answering on the main thread from now on",
      );
      expect((await replier.reply(parseRequest(EXAMPLES.party), options)).answeredOn).toBe("main");
    } finally {
      await replier.close();
    }
  });

  it("a context that is not a channel list is answered on the main thread", async () => {
    logged.length = 0;
    const replier = replyOnWorker({ engine: () => engine, logger, timeoutMs: 30_000 });
    try {
      await waitFor(() => logged.includes("answer worker holds the data"));
      const made = await replier.reply(parseRequest(EXAMPLES.restartApp), {
        ...options,
        ctx: { channelId: () => "C0APSUPP01" },
      });
      expect(made.answeredOn).toBe("main");
      expect(JSON.stringify(made.message)).toContain("<#C0APSUPP01>");
      const onThread = await replier.reply(parseRequest(EXAMPLES.restartApp), options);
      expect(onThread.answeredOn).toBe("worker");
    } finally {
      await replier.close();
    }
  });
});

describe("replyOnWorker keeps to what is served", () => {
  const logged: string[] = [];
  const logger = loggingTo(logged);
  const support = "analytical-platform-support";
  const ask = (ctx: { team: string; byName: Map<string, string> }) => ({
    ctx: { ...ctx, channelId: () => undefined },
    place: "ephemeral" as const,
    typed: EXAMPLES.restartApp,
  });

  it("each workspace's own channel list, and the newest after a refresh, even when it keeps only one", async () => {
    const engine = loadEngine();
    logged.length = 0;
    const replier = replyOnWorker({ engine: () => engine, logger, timeoutMs: 30_000, maxChannelLists: 1 });
    try {
      await waitFor(() => logged.includes("answer worker holds the data"));
      const lists = [
        { team: "T1", byName: new Map([[support, "C0000AAA1"]]) },
        { team: "T2", byName: new Map([[support, "C0000BBB2"]]) },
        { team: "T1", byName: new Map([[support, "C0000AAA1"]]) },
        { team: "T1", byName: new Map([[support, "C0000CCC3"]]) },
      ];
      for (const list of lists) {
        const made = await replier.reply(parseRequest(EXAMPLES.restartApp), ask(list));
        expect(made.answeredOn).toBe("worker");
        expect(JSON.stringify(made.message)).toContain(`<#${list.byName.get(support)}>`);
      }
    } finally {
      await replier.close();
    }
  });

  it("a reload while the worker answers: the answer comes from the data served when it is ready", async () => {
    const dir = mkdtempSync(join(tmpdir(), "who-owns-thread-"));
    try {
      cpSync(DEFAULT_DATA_DIR, dir, { recursive: true });
      const file = join(dir, "models", "moj-analytical-platform.yml");
      writeFileSync(
        file,
        readFileSync(file, "utf8").replace(/Application restarts/g, "Application relaunches"),
      );
      let served = loadEngine();
      const reloaded = loadEngine(dir);
      logged.length = 0;
      const replier = replyOnWorker({ engine: () => served, logger, timeoutMs: 30_000 });
      try {
        await waitFor(() => logged.includes("answer worker holds the data"));
        const list = { team: "T1", byName: new Map([[support, "C0000AAA1"]]) };
        const asked = replier.reply(parseRequest(EXAMPLES.restartApp), ask(list));
        served = reloaded;
        const made = await asked;
        expect(made.answeredOn).toBe("main");
        expect(JSON.stringify(made.message)).toContain("Application relaunches");
      } finally {
        await replier.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a worker that stops after a while is started again", async () => {
    const engine = loadEngine();
    logged.length = 0;
    const replier = replyOnWorker({
      engine: () => engine,
      logger,
      shortLifeMs: 0,
      spawn: stub("process.exit(3);"),
    });
    try {
      await waitFor(() => logged.includes("answer worker holds the data"));
      const list = { team: "T1", byName: new Map<string, string>() };
      const made = await replier.reply(parseRequest(EXAMPLES.restartApp), ask(list));
      expect(made.answeredOn).toBe("main");
      expect(made.meta.answered).toBe(true);
      expect(logged).toContain("answer worker stopped; starting another");
      await waitFor(() => logged.filter((msg) => msg === "answer worker holds the data").length === 2);
    } finally {
      await replier.close();
    }
  });
});

/** The app answering on its worker, once the worker holds the data. */
async function startOnWorker(options: HarnessOptions): Promise<Harness> {
  const h = await Harness.start({
    ...options,
    config: { answerThread: "worker" },
    // A generous deadline: on a busy machine a test must not see a question handed back to the main thread.
    deps: { answerTimeoutMs: 30_000 },
  });
  await h.waitForLog("answer worker holds the data");
  return h;
}

/** A logger keeping only the messages. */
function loggingTo(logged: string[]): Parameters<typeof replyOnWorker>[0]["logger"] {
  const push = (msg: string) => logged.push(msg);
  return { info: push, warn: push, error: push } as unknown as Parameters<typeof replyOnWorker>[0]["logger"];
}

/** A worker that takes the engine but, asked a question, does `onQuestion`. */
function stub(onQuestion: string) {
  return () =>
    new Worker(
      `const { parentPort } = require("node:worker_threads");
       parentPort.on("message", (m) => {
         if (m.type === "engine") parentPort.postMessage({ type: "engine", id: m.id });
         if (m.type === "reply") { ${onQuestion} }
       });`,
      { eval: true },
    );
}

async function waitFor(condition: () => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
