// @mentions, DMs, what is ignored, and retries, end to end over signed Events API callbacks.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_DATA_DIR } from "../../src/model/load.ts";
import { loadChannelDefaults } from "../../src/slack/channels.ts";
import { BOT_ID, BOT_USER_ID } from "../support/fake-slack.ts";
import { actionIds, Harness, textOf, USER } from "../support/harness.ts";
import { visibleText } from "../support/visible.ts";

let h: Harness;

beforeAll(async () => {
  h = await Harness.start({ channelDefaults: loadChannelDefaults(DEFAULT_DATA_DIR) });
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(() => h.reset());
afterEach(() => h.expectValidPayloads());

const mention = (text: string, extra: Record<string, unknown> = {}) => ({
  type: "app_mention",
  user: USER,
  text,
  ts: "1700000100.000200",
  channel: "C0GENERAL1",
  event_ts: "1700000100.000200",
  ...extra,
});

const dm = (text: string, extra: Record<string, unknown> = {}) => ({
  type: "message",
  channel: "D0DIRECT01",
  channel_type: "im",
  user: USER,
  text,
  ts: "1700000200.000300",
  event_ts: "1700000200.000300",
  ...extra,
});

/** Waits until the app has logged that it is done with an event, so "nothing was posted" means nothing. */
async function settled(msg: string, eventId: string) {
  await h.waitForLog(msg, (record) => record.eventId === eventId);
}

describe("@who-owns in a channel", () => {
  it("answers in a new thread on the question, the mention stripped", async () => {
    const { post } = await h.event(mention(`<@${BOT_USER_ID}> who deploys patches?`));
    expect(post.status).toBe(200);
    const call = await h.fake.waitForCall("chat.postMessage");
    expect(call.body.channel).toBe("C0GENERAL1");
    expect(call.body.thread_ts).toBe("1700000100.000200");
    expect(call.body.unfurl_links).toBe("false");
    const text = textOf(call.body);
    expect(text).toContain("“Deploy patches, update softwares available on the service”");
    // Everyone in the thread reads it: it names the asker instead of "You asked".
    expect(text).toContain(`<@${USER}> asked: “who deploys patches?”`);
    expect(text).not.toContain(BOT_USER_ID);
    // Posted for everyone in the thread: feedback, but no "Share" (it is already shared).
    expect(actionIds(call.body)).toEqual(expect.arrayContaining(["feedback.up", "feedback.down"]));
    expect(actionIds(call.body)).not.toContain("share");
  });

  it("answers inside the thread it was asked in", async () => {
    await h.event(mention(`<@${BOT_USER_ID}> who creates s3 buckets`, { thread_ts: "1699999999.000001" }));
    const call = await h.fake.waitForCall("chat.postMessage");
    expect(call.body.thread_ts).toBe("1699999999.000001");
    expect(textOf(call.body)).toContain("Creating S3 buckets");
  });

  it("in a channel with a default model (channels.yml by name), ranks that model first", async () => {
    await h.event(mention(`<@${BOT_USER_ID}> who manages access?`, { channel: "C0APSUPP01" }));
    const call = await h.fake.waitForCall("chat.postMessage");
    expect(visibleText(call.body)).toContain("MoJ Analytical Platform ›");
    const record = await h.waitForLog("mention answered", (r) => r.channel === "C0APSUPP01");
    expect(record.preferModel).toBe("moj-analytical-platform");
  });

  it("a bare mention gets usage", async () => {
    await h.event(mention(`<@${BOT_USER_ID}>`));
    const call = await h.fake.waitForCall("chat.postMessage");
    expect(textOf(call.body)).toContain("*who-owns* answers");
  });

  it("escapes the question it echoes: <!channel> typed in a mention pings nobody", async () => {
    await h.event(mention(`<@${BOT_USER_ID}> <!channel> who owns the user guidance &lt;b&gt;`));
    const call = await h.fake.waitForCall("chat.postMessage");
    const shown = `${call.body.text}\n${textOf(call.body)}`;
    expect(shown).not.toContain("<!channel>");
    expect(shown).toContain("&lt;!channel&gt; who owns the user guidance &lt;b&gt;");
  });

  it("when it cannot post in the channel, tells the asker privately to invite it", async () => {
    h.fake.script("chat.postMessage", { body: { ok: false, error: "not_in_channel" } });
    await h.event(mention(`<@${BOT_USER_ID}> who deploys patches?`));
    const call = await h.fake.waitForCall("chat.postEphemeral");
    expect(call.body).toMatchObject({ channel: "C0GENERAL1", user: USER });
    expect(String(call.body.text)).toContain("/invite @who-owns");
  });

  it("and if even that fails, answers in a DM", async () => {
    h.fake.script("chat.postMessage", { body: { ok: false, error: "channel_not_found" } });
    h.fake.script("chat.postEphemeral", { body: { ok: false, error: "channel_not_found" } });
    await h.event(mention(`<@${BOT_USER_ID}> who deploys patches?`));
    const call = await h.fake.waitForCall("chat.postMessage", (c) => c.body.channel === USER);
    expect(textOf(call.body)).toContain("invite me");
    expect(textOf(call.body)).toContain("Deploy patches");
  });
});

describe("direct messages", () => {
  it("answers in the DM", async () => {
    await h.event(dm("who is responsible for backups"));
    const call = await h.fake.waitForCall("chat.postMessage");
    expect(call.body.channel).toBe("D0DIRECT01");
    expect(call.body.thread_ts).toBeUndefined();
    expect(textOf(call.body)).toContain("OVHcloud Data Processing");
  });

  it("answers a DM in a thread in that thread", async () => {
    await h.event(dm("models", { thread_ts: "1700000150.000100" }));
    const call = await h.fake.waitForCall("chat.postMessage");
    expect(call.body.thread_ts).toBe("1700000150.000100");
    expect(textOf(call.body)).toContain("*The models I know*");
  });

  it("ignores edits, joins, bot messages and its own posts", async () => {
    const ignored = [
      dm("who deploys patches", { subtype: "message_changed", message: { text: "who deploys patches" } }),
      dm("joined", { subtype: "channel_join" }),
      dm("from a bot", { subtype: "bot_message", bot_id: "B0OTHER01" }),
      dm("bot without subtype", { bot_id: "B0OTHER01" }),
      dm("my own post", { user: BOT_USER_ID, bot_id: BOT_ID }),
      { ...mention(`<@${BOT_USER_ID}> edited`), subtype: "message_changed" },
      // A message in a channel (not a DM) is not for us unless it mentions us.
      dm("who deploys patches", { channel: "C0GENERAL1", channel_type: "channel" }),
    ];
    for (const event of ignored) {
      const { post } = await h.event(event);
      expect(post.status).toBe(200);
    }
    await h.app.idle();
    expect(h.fake.callsTo("chat.postMessage")).toHaveLength(0);
    // A question after them is answered.
    await h.event(dm("who deploys patches"));
    await h.fake.waitForCall("chat.postMessage");
  });
});

describe("logs", () => {
  it("record who asked where and what was found, never the text or a token", async () => {
    await h.event(mention(`<@${BOT_USER_ID}> who feeds the platypus?`));
    await h.event(dm("does the platypus need a DPIA"));
    const mentionLog = await h.waitForLog("mention answered");
    const dmLog = await h.waitForLog("dm answered");
    expect(mentionLog).toMatchObject({
      level: "info",
      user: USER,
      channel: "C0GENERAL1",
      threaded: true,
      sub: "ask",
    });
    expect(dmLog).toMatchObject({ level: "info", channel: "D0DIRECT01", threaded: false });
    expect(typeof dmLog.ms).toBe("number");
    const all = h.logLines.join("\n");
    expect(all).not.toContain("platypus");
    expect(all).not.toMatch(/xoxb-|xapp-/);
  });
});

describe("retries", () => {
  it("a retry of an event (x-slack-retry-num) is acknowledged and never answered twice", async () => {
    const { eventId } = await h.event(dm("who deploys patches"));
    await h.fake.waitForCall("chat.postMessage");
    const retry = await h.event(dm("who deploys patches"), {
      eventId,
      retryNum: 1,
      retryReason: "http_timeout",
    });
    expect(retry.post.status).toBe(200);
    await settled("event retry dropped", eventId);
    // Even a retry of an event this instance never saw is dropped: the first delivery went somewhere.
    const other = await h.event(dm("who creates s3 buckets"), { retryNum: 2 });
    await settled("event retry dropped", other.eventId);
    await h.app.idle();
    expect(h.fake.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("the same event id delivered twice without a retry header is answered once", async () => {
    const { eventId } = await h.event(dm("who deploys patches"));
    await h.fake.waitForCall("chat.postMessage");
    await h.event(dm("who deploys patches"), { eventId });
    await settled("duplicate event dropped", eventId);
    await h.app.idle();
    expect(h.fake.callsTo("chat.postMessage")).toHaveLength(1);
  });
});
