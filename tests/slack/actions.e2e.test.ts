// Every button and select in messages, clicked as Slack sends the click: share, other matches, closest rows,
// feedback (and its modal), list pages, party filter, row picker. And Slack's errors on the way back.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BLOCK, FEEDBACK_COMMENT_ACTION } from "../../src/slack/ids.ts";
import { actionIds, findElement, Harness, textOf, USER } from "../support/harness.ts";
import { visibleText } from "../support/visible.ts";

let h: Harness;

beforeAll(async () => {
  h = await Harness.start();
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(() => h.reset());
afterEach(() => h.expectValidPayloads());

/** Asks with /who-owns and returns the private answer. */
async function ask(text: string, channel = "C0GENERAL1") {
  const { responseId } = await h.command(text, { channel });
  return (await h.fake.waitForResponse(responseId)).body;
}

function element(payload: unknown, actionId: string) {
  const found = findElement(payload, actionId);
  if (!found) throw new Error(`no ${actionId} in ${JSON.stringify(payload).slice(0, 300)}`);
  return found;
}

describe("Share in channel", () => {
  it("posts the same card in the channel, saying who asked, and removes the private copy", async () => {
    const answer = await ask("<!channel> who deploys patches?");
    const { post, responseId } = await h.clickInMessage(element(answer, "share"), { channel: "C0GENERAL1" });
    expect(post.status).toBe(200);
    const shared = await h.fake.waitForCall("chat.postMessage");
    expect(shared.body.channel).toBe("C0GENERAL1");
    const text = textOf(shared.body);
    expect(text).toContain(`<@${USER}> asked: “&lt;!channel&gt; who deploys patches?”`);
    expect(text).toContain("“Deploy patches, update softwares available on the service”");
    expect(text).not.toContain("<!channel>");
    expect(actionIds(shared.body)).toEqual([]);
    const cleanup = await h.fake.waitForResponse(responseId);
    expect(cleanup.body).toEqual({ delete_original: true });
    await h.waitForLog("shared");
  });

  it("shares into the thread the answer came from", async () => {
    // A thread reply's "other matches" give a private card whose Share posts back into the thread.
    await h.event({
      type: "app_mention",
      user: USER,
      text: "<@U0BOT0001> how do I get an account?",
      ts: "1700000300.000100",
      thread_ts: "1700000200.000100",
      channel: "C0GENERAL1",
    });
    const reply = await h.fake.waitForCall("chat.postMessage");
    const other = element(reply.body, "row.1");
    const { responseId } = await h.clickInMessage(other, { ephemeral: false, threadTs: "1700000200.000100" });
    const card = await h.fake.waitForResponse(responseId);
    expect(card.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    const shareButton = element(card.body, "share");
    expect((shareButton.text as { text: string }).text).toBe("Share in thread");
    await h.clickInMessage(shareButton);
    const shared = await h.fake.waitForCall(
      "chat.postMessage",
      (c) => c.body !== reply.body && !!c.body.thread_ts,
      {},
    );
    expect(shared.body.thread_ts).toBe("1700000200.000100");
  });

  it("channel_not_found: tells the person to invite the bot, and keeps the card so they can retry", async () => {
    const answer = await ask("who deploys patches?", "C0PRIVATE1");
    h.fake.script("chat.postMessage", { body: { ok: false, error: "channel_not_found" } });
    const { responseId } = await h.clickInMessage(element(answer, "share"), { channel: "C0PRIVATE1" });
    const told = await h.fake.waitForResponse(responseId);
    expect(told.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(String(told.body.text)).toContain("Invite me with `/invite @who-owns`");
    expect(h.fake.responses.filter((r) => r.id === responseId)).toHaveLength(1);
  });

  it("not_in_channel: the same", async () => {
    const answer = await ask("who deploys patches?");
    h.fake.script("chat.postMessage", { body: { ok: false, error: "not_in_channel" } });
    const { responseId } = await h.clickInMessage(element(answer, "share"));
    const told = await h.fake.waitForResponse(responseId);
    expect(String(told.body.text)).toContain("/invite @who-owns");
  });

  it("429 then success: waits out a short Retry-After once, then posts", async () => {
    const answer = await ask("who deploys patches?");
    h.fake.script("chat.postMessage", { status: 429, headers: { "retry-after": "1" } });
    const started = Date.now();
    const { responseId } = await h.clickInMessage(element(answer, "share"));
    await h.fake.waitForResponse(responseId, (r) => r.body.delete_original === true);
    const calls = h.fake.callsTo("chat.postMessage");
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await h.waitForLog(
      "rate limited, retrying once",
      (r) => r.method === "chat.postMessage" && r.retryAfter === 1,
    );
  });

  it("429 with a long Retry-After: says Slack is busy at once instead of making them wait", async () => {
    const answer = await ask("who deploys patches?");
    h.fake.script("chat.postMessage", { status: 429, headers: { "retry-after": "120" } });
    const { responseId } = await h.clickInMessage(element(answer, "share"));
    const told = await h.fake.waitForResponse(responseId);
    expect(String(told.body.text)).toContain("Slack is busy");
    expect(h.fake.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("a 500 from Slack is retried quickly by the client", async () => {
    const answer = await ask("who deploys patches?");
    h.fake.script("chat.postMessage", { status: 500 });
    const { responseId } = await h.clickInMessage(element(answer, "share"));
    await h.fake.waitForResponse(responseId, (r) => r.body.delete_original === true);
    expect(h.fake.callsTo("chat.postMessage").map((c) => c.status)).toEqual([500, 200]);
  });

  it("a stale button (row gone after a data change) says so", async () => {
    const answer = await ask("who deploys patches?");
    const stale = {
      ...element(answer, "share"),
      value: JSON.stringify({ m: "ovhcloud-data-processing", r: "gone" }),
    };
    const { responseId } = await h.clickInMessage(stale);
    const told = await h.fake.waitForResponse(responseId);
    expect(String(told.body.text)).toContain("no longer in the data");
    expect(h.fake.callsTo("chat.postMessage")).toHaveLength(0);
  });
});

describe("other matches and closest rows", () => {
  it("when the top scores are near, offers the others; clicking one shows its card privately", async () => {
    const answer = await ask("how do I get an account?");
    const ids = actionIds(answer).filter((id) => id.startsWith("row."));
    expect(ids.length).toBeGreaterThan(0);
    const { responseId } = await h.clickInMessage(element(answer, ids[0] ?? "row.1"));
    const card = await h.fake.waitForResponse(responseId);
    expect(card.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(visibleText(card.body)).toContain("MoJ Analytical Platform › Onboarding and offboarding");
    expect(textOf(card.body)).toContain("You asked: “how do I get an account?”");
    expect(actionIds(card.body)).toContain("share");
  });

  it("when it does not know, the closest rows are buttons that show the row", async () => {
    const answer = await ask("who looks after the platform widgets");
    const { responseId } = await h.clickInMessage(element(answer, "row.0"));
    const card = await h.fake.waitForResponse(responseId);
    // The full card of that row: who (and where, when the row says) first, then the responsibility as
    // written with its model and section.
    expect(textOf(card.body)).toMatch(/^\*[^*]+\*/m);
    expect(textOf(card.body)).toMatch(/^“[^”]+” — .*›/m);
    expect(actionIds(card.body)).toContain("share");
  });
});

describe("feedback", () => {
  it("👍 is acked, logged, and the private card says thanks in place of its buttons", async () => {
    const answer = await ask("who deploys patches?");
    const { responseId } = await h.clickInMessage(element(answer, "feedback.up"));
    const thanks = await h.fake.waitForResponse(responseId);
    expect(thanks.body).toMatchObject({ replace_original: true });
    expect(textOf(thanks.body)).toContain("Thanks for the feedback");
    expect(textOf(thanks.body)).toContain("“Deploy patches, update softwares available on the service”");
    expect(actionIds(thanks.body)).toEqual(["share"]);
    const record = await h.waitForLog("feedback");
    expect(record).toMatchObject({
      vote: "up",
      model: "ovhcloud-data-processing",
      surface: "eph",
      user: USER,
    });
    expect(JSON.stringify(record)).not.toContain("deploys");
  });

  it("👎 is thanked and opens an optional modal; its comment is logged (text only at debug)", async () => {
    const answer = await ask("who deploys patches?");
    const { responseId } = await h.clickInMessage(element(answer, "feedback.down"));
    await h.fake.waitForResponse(responseId);
    const open = await h.fake.waitForCall("views.open");
    const view = open.body.view as Record<string, unknown>;
    expect(view.callback_id).toBe("feedback_modal");
    expect(String(open.body.trigger_id)).toMatch(/\.fake$/);
    const post = await h.viewSubmission(view, {
      [BLOCK.feedbackComment]: {
        [FEEDBACK_COMMENT_ACTION]: { type: "plain_text_input", value: "I wanted kernel patches" },
      },
    });
    expect(post.status).toBe(200);
    const record = await h.waitForLog("feedback comment");
    expect(record).toMatchObject({ vote: "down", model: "ovhcloud-data-processing", length: 23 });
    expect(h.logLines.join("\n")).not.toContain("kernel");
  });
});

describe("list pages", () => {
  it("models → Browse → Next → Previous, replacing the message each time", async () => {
    const models = await ask("models");
    const open = findElement(models, "page.open.2") ?? element(models, "page.open.0");
    const first = await h.clickInMessage(open);
    const page1 = await h.fake.waitForResponse(first.responseId);
    expect(page1.body).toMatchObject({ replace_original: true });
    expect(page1.body.response_type).toBeUndefined();
    expect(textOf(page1.body)).toContain("*OVHcloud Data Processing* — Every responsibility");
    const browse = await ask("browse ovh");
    const next = await h.clickInMessage(element(browse, "page.next"));
    const page2 = await h.fake.waitForResponse(next.responseId);
    expect(textOf(page2.body)).toContain("Page 2 of 4");
    const previous = await h.clickInMessage(element(page2.body, "page.prev"));
    const back = await h.fake.waitForResponse(previous.responseId);
    expect(textOf(back.body)).toContain("Page 1 of 4");
  });

  it("the party filter narrows a browse list", async () => {
    const browse = await ask("browse ovh");
    const select = element(browse, "page.party");
    const options = select.options as { text: { text: string }; value: string }[];
    const customer = options.find((o) => o.text.text.includes("Customer"));
    const { responseId } = await h.clickInMessage(select, { selected: customer });
    const filtered = await h.fake.waitForResponse(responseId);
    expect(textOf(filtered.body)).toContain("What the Customer is responsible for");
    expect(textOf(filtered.body)).not.toContain("Produce, route, deliver and maintain physical machines");
  });

  it("a party question's list pages by asking again", async () => {
    const answer = await ask("what is the Customer responsible for?");
    const next = await h.clickInMessage(element(answer, "page.next"));
    const page2 = await h.fake.waitForResponse(next.responseId);
    expect(textOf(page2.body)).toContain("*What the Customer is responsible for*");
    expect(textOf(page2.body)).toContain("Page 2 of 3");
  });

  it("each row's Show button shows that row's card", async () => {
    const browse = await ask("browse ovh");
    const { responseId } = await h.clickInMessage(element(browse, "row.1"));
    const card = await h.fake.waitForResponse(responseId);
    expect(textOf(card.body)).toContain("“Choose the service location”");
  });
});

describe("expired response URLs", () => {
  it("a 404 from the response URL is logged once and nothing crashes", async () => {
    const answer = await ask("who deploys patches?");
    h.fake.expire("act1000");
    const payloadResponse = h.fake.responseUrl("act1000");
    const element0 = element(answer, "feedback.up");
    // Click with a response URL that has expired.
    const click = {
      type: "block_actions",
      user: { id: USER, username: "asker", name: "asker", team_id: "T0TEAM001" },
      api_app_id: "A0WHOOWNS",
      token: "t",
      container: { type: "message", message_ts: "1.2", channel_id: "C0GENERAL1", is_ephemeral: true },
      trigger_id: "1.fake",
      team: { id: "T0TEAM001", domain: "fake" },
      channel: { id: "C0GENERAL1", name: "general" },
      response_url: payloadResponse,
      actions: [
        { action_id: "feedback.up", block_id: "b", type: "button", value: element0.value, action_ts: "1.3" },
      ],
    };
    const post = await h.interaction(click);
    expect(post.status).toBe(200);
    await h.waitForLog("response_url expired", (r) => r.status === 404);
    expect(h.records().filter((r) => r.msg === "response_url expired")).toHaveLength(1);
    // Still serving.
    const again = await ask("who deploys patches?");
    expect(textOf(again)).toContain("Deploy patches");
  });
});
