// What people read, end to end (issue 8): who and where first, a "not sure" that still routes, a greeting
// that introduces, a party list you can scan, a Home tab that starts somewhere useful.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadEngine } from "../../src/answer/load.ts";
import type { Answer } from "../../src/answer/types.ts";
import { START_QUESTIONS } from "../../src/examples.ts";
import { DEFAULT_DATA_DIR } from "../../src/model/load.ts";
import { NO_CHANNELS, notAnsweredMessage } from "../../src/slack/blocks/answer.ts";
import { loadChannelDefaults } from "../../src/slack/channels.ts";
import { BOT_USER_ID } from "../support/fake-slack.ts";
import { actionIds, findElement, Harness, USER } from "../support/harness.ts";
import { visibleLength, visibleLines, visibleMrkdwn, visibleText } from "../support/visible.ts";

let h: Harness;
const engine = loadEngine();

beforeAll(async () => {
  h = await Harness.start({ channelDefaults: loadChannelDefaults(DEFAULT_DATA_DIR) });
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(() => h.reset());
afterEach(() => h.expectValidPayloads());

type Json = Record<string, unknown>;
const blocksOf = (payload: Json) => payload.blocks as Json[];
const blockText = (block: Json | undefined) =>
  visibleMrkdwn(String((block?.text as Json | undefined)?.text ?? ""));

async function ask(text: string, options: Parameters<Harness["command"]>[1] = {}): Promise<Json> {
  const { responseId } = await h.command(text, options);
  return (await h.fake.waitForResponse(responseId)).body;
}

describe("a typical answer card", () => {
  it("leads with the owner and the route, in at most 6 blocks and 400 visible characters", async () => {
    const card = await ask("who supports R packages?");
    const first = blocksOf(card).find((block) => block.type === "section");
    expect(blockText(first)).toBe("Other MoJ Team (Data Engineering team) → ask in #ask-data-engineering");
    expect(visibleText(card).indexOf("#ask-data-engineering")).toBeLessThan(120);
    expect(blocksOf(card).length).toBeLessThanOrEqual(6);
    expect(visibleLength(card)).toBeLessThanOrEqual(400);
    // The responsibility as written, with where it sits, in small type after who and where.
    expect(visibleText(card)).toContain(
      "“Managing and supporting R packages” — MoJ Analytical Platform › Tools and packages / R packages",
    );
    // The notes' sentences that only repeat the route are not shown twice; no grid of "—" cells.
    expect(visibleText(card)).not.toContain("Users can request support");
    expect(visibleText(card)).not.toContain("—\n");
    expect(actionIds(card)).toEqual(["share", "feedback.up", "feedback.down"]);
  });

  it("spells out RACI letters in words, once, for the parties that hold one", async () => {
    const card = await ask("who deploys patches on OVH?");
    const text = visibleText(card);
    expect(blockText(blocksOf(card).find((b) => b.type === "section"))).toMatch(/^OVHcloud → see /);
    expect(text).toMatch(/OVHcloud: R does it, A signs off/);
    expect(text).not.toMatch(/Customer: —/);
  });

  it("for a 2i2c row, says where the item falls instead of an empty grid", async () => {
    const card = await ask("who upgrades the hub's cloud infrastructure?");
    const first = blockText(blocksOf(card).find((b) => b.type === "section"));
    expect(first).toMatch(/^2i2c · item \d+ — 2i2c's part of the list, from item 7$/);
  });
});

describe("alternatives", () => {
  it("are labelled with owner, route and model; across models the card says the answer depends on the platform", async () => {
    const card = await ask("who manages access?");
    const text = visibleText(card);
    expect(text).toContain("The answer depends on the platform (above: OVHcloud Data Processing).");
    expect(text).toMatch(
      /Managing access to S3 buckets \(MoJ Analytical Platform\) · Analytical Platform and User → ask in #analytical-platform-support/,
    );
    expect(actionIds(card).filter((id) => id.startsWith("row."))).not.toHaveLength(0);
  });

  it("in the Analytical Platform's channel, its row comes first", async () => {
    const card = await ask("who manages access?", {
      channel: "C0APSUPP01",
      channelName: "analytical-platform-support",
    });
    expect(visibleText(card)).toContain("“Managing access to S3 buckets” — MoJ Analytical Platform");
  });
});

describe("not sure", () => {
  /** The private "not sure" card for an answer, as the slash command would show it. */
  const notSureCard = (answer: Answer) =>
    notAnsweredMessage(answer, {
      ctx: NO_CHANNELS,
      place: "ephemeral",
      query: answer.query,
    }) as unknown as Json;

  it("a model named with no row that fits: its general route, its own words as links, no raw markup", () => {
    const answer = engine.ask("who do i contact on ovh");
    const card = notSureCard(answer);
    const text = visibleText(card);
    expect(text).toMatch(
      /^I have no row on “who do i contact on ovh” in OVHcloud Data Processing\. Its general route: see/,
    );
    expect(text).toContain("sales representative");
    expect(text).not.toMatch(/[<>]|&lt;/);
    expect(blocksOf(card).length).toBe(2);
  });

  it("the DPIA card, not sure: the row's route visible without a click, and no unrelated model's route", () => {
    // The engine now answers this question; the "not sure" card for the same row is drawn from an
    // Answer that does not answer, exactly as the engine gives one when it is unsure.
    const dpia = engine.ask("who do I talk to about a DPIA?").matches[0];
    if (!dpia) throw new Error("no DPIA row");
    const answer: Answer = {
      query: "who do I talk to about a DPIA?",
      answered: false,
      kind: "responsibility",
      matches: [dpia],
      ambiguous: false,
      support: [],
    };
    const card = notSureCard(answer);
    const text = visibleText(card);
    expect(text).toMatch(/^I'm not sure who owns/);
    expect(text.split("\n").slice(0, 2).join("\n")).toContain("email dataprotection@justice.gov.uk");
    expect(text).not.toMatch(/OVH/i);
    // The row itself says the Analytical Platform does not support DPIAs: its support channel is not offered.
    expect(text).not.toContain("#analytical-platform-support");
    expect(blocksOf(card).length).toBeLessThanOrEqual(6);
  });

  it("asked in Slack, the DPIA question leads with the Data Protection team's address", async () => {
    const card = await ask("who do I talk to about a DPIA?");
    const text = visibleText(card);
    expect(text).toContain("email dataprotection@justice.gov.uk");
    expect(text.indexOf("dataprotection@justice.gov.uk")).toBeLessThan(200);
    expect(text).not.toMatch(/OVH|#analytical-platform-support/i);
  });

  it("offers up to three closest rows, each with owner and route, and Ask the owners for a channel here", async () => {
    const card = await ask("who handles visual studio code", {
      channel: "C0GENERAL1",
      channelName: "general",
    });
    const rows = blocksOf(card).filter((b) => (b.accessory as Json | undefined)?.type === "button");
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(3);
    // Each row: what, then who and where (or the route they share, said once after them).
    for (const row of rows) expect(blockText(row)).toMatch(/^.+ · .+/);
    expect(visibleText(card)).toMatch(/→ ask in #analytical-platform-support|For all of these, ask in/);
    const askOwners = findElement(card, "ask.owners");
    if (!askOwners) throw new Error("no Ask the owners on a card whose likeliest row names a channel here");
    const { responseId } = await h.clickInMessage(askOwners);
    const posted = await h.fake.waitForCall("chat.postMessage");
    expect(posted.body.channel).toBe("C0APSUPP01");
    expect(String(posted.body.text)).toContain(`<@${USER}> asked: “who handles visual studio code”`);
    const note = await h.fake.waitForResponse(responseId);
    expect(String(note.body.text)).toContain("<#C0APSUPP01>");
  });

  it("Ask the owners where the bot may not post gives the channel to ask in", async () => {
    const card = await ask("who handles visual studio code");
    const askOwners = findElement(card, "ask.owners");
    if (!askOwners) throw new Error("no Ask the owners");
    h.fake.script("chat.postMessage", { body: { ok: false, error: "not_in_channel" } });
    const { responseId } = await h.clickInMessage(askOwners);
    const note = await h.fake.waitForResponse(responseId);
    expect(String(note.body.text)).toMatch(/ask there yourself: <#C0APSUPP01>/);
  });

  it("a greeting gets a short introduction with three questions that work, and no route", async () => {
    await h.event({
      type: "message",
      channel: "D0DIRECT01",
      channel_type: "im",
      user: USER,
      text: "hi",
      ts: "1700000200.000300",
      event_ts: "1700000200.000300",
    });
    const call = await h.fake.waitForCall("chat.postMessage");
    const text = visibleText(call.body);
    expect(text).toMatch(/^Hi!/);
    for (const question of START_QUESTIONS) expect(text).toContain(question);
    expect(text).not.toMatch(/#analytical-platform-support|community\.ovh|couldn't find/);
  });
});

describe("conversations", () => {
  it("a mention in the support channel names the asker and never sends them to the channel they are in", async () => {
    await h.event({
      type: "app_mention",
      channel: "C0APSUPP01",
      user: USER,
      text: `<@${BOT_USER_ID}> who restarts my app on the AP?`,
      ts: "1700000100.000200",
      event_ts: "1700000100.000200",
    });
    const call = await h.fake.waitForCall("chat.postMessage");
    const text = visibleText(call.body);
    expect(text).toContain("@someone asked: “who restarts my app on the AP?”");
    expect(text).not.toContain("You asked");
    expect(text).not.toContain("#analytical-platform-support");
    expect(text).toContain("ask here");
  });

  it("👍 on a reply updates that message in place: the buttons become a thanks", async () => {
    await h.event({
      type: "app_mention",
      channel: "C0GENERAL1",
      user: USER,
      text: `<@${BOT_USER_ID}> who supports R packages?`,
      ts: "1700000100.000200",
      event_ts: "1700000100.000200",
    });
    const card = (await h.fake.waitForCall("chat.postMessage")).body;
    const up = findElement(card, "feedback.up");
    if (!up) throw new Error("no 👍 on the reply");
    const { responseId } = await h.clickInMessage(up, {
      ephemeral: false,
      threadTs: "1700000100.000200",
      messageBlocks: card.blocks as Json[],
    });
    const update = (await h.fake.waitForResponse(responseId)).body;
    expect(update.replace_original).toBe(true);
    expect(actionIds(update)).not.toContain("feedback.up");
    expect(visibleText(update)).toContain("Thanks for the feedback");
    expect(visibleLines(update)[0]).toBe(visibleLines(card)[0]);
  });
});

describe("lists", () => {
  it("a party's page: at most ten rows, grouped by section, one legend, only what differs per row", async () => {
    const page = await ask("browse ovh Customer");
    const rows = blocksOf(page).filter(
      (b) => b.type === "section" && /• /.test(String((b.text as Json).text)),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(10);
    const text = visibleText(page);
    expect(text.match(/unless a row says otherwise/g)).toHaveLength(1);
    // The party's usual letters are said once, in the legend, not on every row.
    expect(text.match(/RA/g)).toHaveLength(1);
    expect(actionIds(page)).toContain("page.next");
  });
});

describe("the Home tab", () => {
  it("opens on a Start here section with three questions that work", async () => {
    await h.event({
      type: "app_home_opened",
      user: USER,
      channel: "D0DIRECT01",
      tab: "home",
      event_ts: "1700000400.000100",
    });
    const view = (await h.fake.waitForCall("views.publish")).body.view as Json;
    const text = visibleText(view);
    expect(text).toContain("Start here");
    for (const question of START_QUESTIONS) expect(text).toContain(question);
    // Not 2i2c's list, the first model alphabetically.
    expect(text).not.toContain("2i2c community hubs —");
  });
});
