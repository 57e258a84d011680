// Slack failing (issue 4 §4): Web API 429s with Retry-After, 500s, timeouts, and response URLs that answer
// 404, 500 or nothing. The person gets their answer or a clear message, every failure is logged once, and
// the process stays up. (The gaps once pinned here are fixed: response URLs are bounded by a timeout, the
// first channel list is waited for ~1 s at most, a mention whose answer fails is told privately, and the
// Web API client's own warnings no longer double the app's log line.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitUntil } from "../support/fake-slack.ts";
import { textOf } from "../support/harness.ts";
import { FailureRig, ResponseUrlServer } from "./support.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Slack answering with errors", () => {
  let rig: FailureRig;
  beforeAll(async () => {
    rig = await FailureRig.start();
    // Warm the channel directory, so each test sees only its own calls.
    const { responseId } = await rig.command("help");
    await rig.fake.waitForResponse(responseId);
  });
  afterAll(async () => {
    try {
      rig?.expectCallsInSpec();
    } finally {
      await rig?.stop();
    }
  });

  async function stillServing(): Promise<void> {
    expect(await rig.healthy()).toBe(true);
    const { responseId } = await rig.command("who deploys patches?");
    const answer = await rig.fake.waitForResponse(responseId);
    expect(textOf(answer.body)).toContain("Deploy patches");
  }

  it("a command whose response URL has expired (404): one warning, and the next command is answered", async () => {
    const from = rig.mark();
    rig.fake.expire("gone1");
    const { post } = await rig.command("who deploys patches?", rig.fake.responseUrl("gone1"));
    expect(post.status).toBe(200);
    await rig.waitForLog("response_url expired");
    await rig.app.idle();
    expect(rig.problems(from)).toEqual([
      expect.objectContaining({ level: "warn", msg: "response_url expired", status: 404, what: "command" }),
    ]);
    await stillServing();
  });

  it("a command whose response URL answers 500: one warning, and the process stays up", async () => {
    const broken = await ResponseUrlServer.start(500);
    try {
      const from = rig.mark();
      await rig.command("who deploys patches?", `${broken.url}/response/x`);
      await rig.waitForLog("response_url post failed");
      await rig.app.idle();
      expect(broken.received).toHaveLength(1);
      expect(rig.problems(from)).toEqual([
        expect.objectContaining({ level: "warn", msg: "response_url post failed", status: 500 }),
      ]);
      await stillServing();
    } finally {
      await broken.stop();
    }
  });

  it("a mention whose answer is rate limited briefly (429, Retry-After: 1) is posted after one wait", async () => {
    const from = rig.mark();
    rig.fake.reset();
    rig.fake.script("chat.postMessage", { status: 429, headers: { "retry-after": "1" } });
    const started = Date.now();
    await rig.mention("who deploys patches?", "EvRATE0001");
    const posted = await rig.fake.waitForCall("chat.postMessage", (call) => call.status === 200, {
      timeoutMs: 15_000,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(textOf(posted.body)).toContain("Deploy patches");
    await rig.app.idle();
    expect(rig.problems(from)).toEqual([
      expect.objectContaining({
        msg: "rate limited, retrying once",
        method: "chat.postMessage",
        retryAfter: 1,
      }),
    ]);
  });

  describe("a mention whose answer Slack refuses for long (429, Retry-After: 120)", () => {
    let from = 0;
    beforeAll(async () => {
      from = rig.mark();
      rig.fake.reset();
      rig.fake.script("chat.postMessage", { status: 429, headers: { "retry-after": "120" } });
      await rig.mention("who deploys patches?", "EvRATE0002");
      await rig.waitForLog("event failed");
      await rig.app.idle();
    });

    it("is not retried for two minutes, is logged as an error, and the process stays up", async () => {
      expect(rig.fake.callsTo("chat.postMessage")).toHaveLength(1);
      expect(rig.problems(from).filter((record) => record.level === "error")).toEqual([
        expect.objectContaining({ msg: "event failed", event: "app_mention" }),
      ]);
      await stillServing();
    });

    it("is logged once (one 'event failed' error, no separate rate-limit warning)", () => {
      expect(rig.problems(from)).toHaveLength(1);
    });

    it("tells the person, privately, that Slack is busy", () => {
      const told = rig.fake
        .callsTo("chat.postEphemeral")
        .some((call) => /busy|try again/i.test(String(call.body.text)));
      expect(told).toBe(true);
    });
  });

  describe("a mention whose answer Slack fails with 500s (three in a row)", () => {
    let from = 0;
    beforeAll(async () => {
      from = rig.mark();
      rig.fake.reset();
      rig.fake.script("chat.postMessage", { status: 500 }, { status: 500 }, { status: 500 });
      await rig.mention("who deploys patches?", "EvFIVE0001");
      await rig.waitForLog("event failed");
      await rig.app.idle();
    });

    it("is retried twice by the client, then logged once, and the process stays up", async () => {
      expect(rig.fake.callsTo("chat.postMessage").map((call) => call.status)).toEqual([500, 500, 500]);
      expect(rig.problems(from)).toEqual([expect.objectContaining({ level: "error", msg: "event failed" })]);
      await stillServing();
    });

    it("tells the person, privately, that something went wrong", () => {
      expect(rig.fake.callsTo("chat.postEphemeral").length).toBeGreaterThan(0);
    });
  });

  it("the channel list failing (500s) does not stop a command: answered, channels named as text, one warning", async () => {
    const fresh = await FailureRig.start();
    try {
      fresh.fake.script("conversations.list", { status: 500 }, { status: 500 }, { status: 500 });
      const { responseId } = await fresh.command("who restarts my app?");
      const answer = await fresh.fake.waitForResponse(responseId, undefined, { timeoutMs: 8000 });
      expect(textOf(answer.body)).toContain("Application restarts");
      expect(textOf(answer.body)).toContain("#analytical-platform-support");
      // The answer waits ~1 s at most for the list; its failure may be logged just after.
      await fresh.waitForLog("channel list unavailable; routes show channel names", 10_000);
      await fresh.app.idle();
      expect(fresh.problems()).toEqual([
        expect.objectContaining({
          level: "warn",
          msg: "channel list unavailable; routes show channel names",
        }),
      ]);
    } finally {
      await fresh.stop();
    }
  });

  it("a burst of failures: 20 expired response URLs and 5 failing mentions at once, each logged once; still serving", async () => {
    const from = rig.mark();
    rig.fake.reset();
    rig.fake.script("chat.postMessage", ...Array.from({ length: 15 }, () => ({ status: 500 })));
    const commands = Array.from({ length: 20 }, (_, n) => {
      rig.fake.expire(`burst${n}`);
      return rig.command(`who deploys patches? ${n}`, rig.fake.responseUrl(`burst${n}`));
    });
    const mentions = Array.from({ length: 5 }, (_, n) =>
      rig.mention("who deploys patches?", `EvBURST00${n}`),
    );
    const posts = await Promise.all([...commands.map((c) => c.then((r) => r.post)), ...mentions]);
    expect(posts.every((post) => post.status === 200)).toBe(true);
    await waitUntil(() => rig.problems(from).length >= 25, { timeoutMs: 15_000, what: "25 failures logged" });
    await rig.app.idle();
    await sleep(100);
    const problems = rig.problems(from);
    expect(problems.filter((record) => record.msg === "response_url expired")).toHaveLength(20);
    expect(problems.filter((record) => record.msg === "event failed")).toHaveLength(5);
    expect(problems).toHaveLength(25);
    await stillServing();
  });
});

/**
 * Slack not answering at all. The three cases run side by side in beforeAll (each waits out a timeout), and
 * the tests read what happened.
 */
describe("Slack not answering (timeouts)", () => {
  const seen = {
    directory: { answeredMs: Number.NaN, problems: [] as Record<string, unknown>[] },
    post: { failedMs: Number.NaN, problems: [] as Record<string, unknown>[], healthy: false },
    respond: { settled: false, problems: [] as Record<string, unknown>[], received: 0 },
  };

  beforeAll(async () => {
    const slowDirectory = await FailureRig.start();
    const slowPost = await FailureRig.start();
    const silent = await ResponseUrlServer.start("silent");
    try {
      // The first command of a fresh app, with conversations.list never answering.
      const directory = (async () => {
        slowDirectory.proxy.hanging.add("conversations.list");
        const started = Date.now();
        const { responseId } = await slowDirectory.command("who restarts my app?");
        await slowDirectory.fake.waitForResponse(responseId, undefined, { timeoutMs: 20_000 });
        seen.directory.answeredMs = Date.now() - started;
        // The list itself fails later, behind the answer, when the client gives up on it.
        await slowDirectory.waitForLog("channel list unavailable; routes show channel names", 25_000);
        await sleep(200);
        seen.directory.problems = slowDirectory.problems();
      })();
      // A mention whose chat.postMessage never answers; and a command whose response URL never answers.
      const post = (async () => {
        const { responseId } = await slowPost.command("help");
        await slowPost.fake.waitForResponse(responseId);
        const from = slowPost.mark();
        slowPost.proxy.hanging.add("chat.postMessage");
        const started = Date.now();
        await slowPost.mention("who deploys patches?", "EvHANG0001");
        await slowPost.waitForLog("event failed", 20_000);
        seen.post.failedMs = Date.now() - started;
        seen.post.problems = slowPost
          .problems(from)
          .filter((record) => record.msg !== "response_url post failed");
        seen.post.healthy = await slowPost.healthy();
      })();
      const respond = (async () => {
        await sleep(200);
        const from = slowPost.mark();
        await slowPost.command("who deploys patches?", `${silent.url}/response/hang`);
        // The respond timeout is 8 s by default: 20 s is ample for the post to have been given up.
        seen.respond.settled = await slowPost.waitForLog("response_url post failed", 20_000).then(
          () => true,
          () => false,
        );
        seen.respond.received = silent.received.length;
        seen.respond.problems = slowPost
          .problems(from)
          .filter((record) => record.msg === "response_url post failed");
      })();
      await Promise.all([directory, post, respond]);
    } finally {
      await Promise.all([slowDirectory.stop(), slowPost.stop(), silent.stop()]);
    }
  }, 60_000);

  it("a command whose channel list never comes is still answered, and the list failing is logged", () => {
    expect(seen.directory.answeredMs).toBeLessThan(15_000);
    expect(seen.directory.problems.map((record) => record.msg)).toContain(
      "channel list unavailable; routes show channel names",
    );
  });

  it("...and answered promptly, well before the client's 10 s timeout (the list is waited for ~1 s)", () => {
    // ~1.1 s when idle; 5 s leaves room for a busy machine and still fails if the answer waits for the list.
    expect(seen.directory.answeredMs).toBeLessThan(5000);
  });

  it("...and the timeout is logged once (not the Web API client's own warning too)", () => {
    expect(seen.directory.problems).toHaveLength(1);
  });

  it("a mention whose chat.postMessage never answers is given up after the client's timeout; the process stays up", () => {
    expect(seen.post.failedMs).toBeLessThan(15_000);
    expect(seen.post.healthy).toBe(true);
    expect(seen.post.problems.map((record) => record.msg)).toContain("event failed");
  });

  it("...and is logged once (not 'http request failed' from the Web API client as well)", () => {
    expect(seen.post.problems).toHaveLength(1);
  });

  it("a response URL that never answers is given up after the respond timeout and logged once", () => {
    expect(seen.respond.received).toBe(1);
    expect(seen.respond.settled).toBe(true);
    expect(seen.respond.problems).toHaveLength(1);
  });
});
