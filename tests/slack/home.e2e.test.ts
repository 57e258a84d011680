// The Home tab end to end: opened, then every navigation, each a views.publish whose state travels in
// private_metadata. Each click is served by a fresh instance to prove no state lives in memory.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EXAMPLES, START_QUESTIONS } from "../../src/examples.ts";
import { HOME_CALLBACK } from "../../src/slack/blocks/home.ts";
import { findElement, Harness, textOf, USER } from "../support/harness.ts";
import { visibleText } from "../support/visible.ts";

let h: Harness;
let other: Harness;

beforeAll(async () => {
  [h, other] = await Promise.all([Harness.start(), Harness.start()]);
});
afterAll(async () => {
  await Promise.all([h?.stop(), other?.stop()]);
});
beforeEach(async () => {
  await h.reset();
  await other.reset();
});
afterEach(async () => {
  await h.expectValidPayloads();
  await other.expectValidPayloads();
});

type View = Record<string, unknown>;

async function open(previous?: View): Promise<View> {
  await h.event({
    type: "app_home_opened",
    user: USER,
    channel: "D0DIRECT01",
    tab: "home",
    event_ts: "1700000400.000100",
    ...(previous ? { view: { ...previous, id: "VHOME0001" } } : {}),
  });
  const call = await h.fake.waitForCall("views.publish");
  expect(call.body.user_id).toBe(USER);
  return call.body.view as View;
}

/** Clicks in the Home tab on `harness` (alternating instances) and returns the view it publishes. */
async function click(
  harness: Harness,
  view: View,
  actionId: string,
  options: { selected?: (option: { text: { text: string }; value: string }) => boolean; value?: string } = {},
): Promise<View> {
  const element = findElement(view, actionId);
  if (!element) throw new Error(`no ${actionId} in the Home view`);
  const before = harness.fake.callsTo("views.publish").length;
  const selected = options.selected
    ? (element.options as { text: { text: string }; value: string }[]).find(options.selected)
    : undefined;
  const post = await harness.clickInHome(view, element, {
    ...(selected ? { selected } : {}),
    ...(options.value !== undefined ? { value: options.value } : {}),
  });
  expect(post.status).toBe(200);
  return harness.homeNumber(before + 1);
}

describe("the Home tab", () => {
  it("opens on Start here: three questions that work as buttons, a model picker and a question box", async () => {
    const view = await open();
    expect(view.type).toBe("home");
    expect(view.callback_id).toBe(HOME_CALLBACK);
    const text = textOf(view);
    expect(text).toContain("*Start here*");
    START_QUESTIONS.forEach((question, i) => {
      expect(findElement(view, `home.example.${i}`)).toMatchObject({ value: question });
    });
    expect(findElement(view, "home.model")).toBeDefined();
    // No party to filter until a model is picked.
    expect(findElement(view, "home.party")).toBeUndefined();
    expect(findElement(view, "home.search")).toMatchObject({
      type: "plain_text_input",
      placeholder: { text: `e.g. ${EXAMPLES.restartApp}` },
    });
    expect(JSON.parse(String(view.private_metadata))).toEqual({ page: 0 });
  });

  it("a Start here question is answered in the tab, and Back returns to the start", async () => {
    let view = await open();
    view = await click(h, view, "home.example.0");
    const text = textOf(view);
    expect(text).toContain("“Application restarts”");
    // The question shows once (in the box), and the source once.
    expect(findElement(view, "home.search")).toMatchObject({ initial_value: START_QUESTIONS[0] });
    expect(text).not.toContain("You asked");
    expect(text.match(/Open Government Licence/g)).toHaveLength(1);
    view = await click(other, view, "home.back");
    expect(textOf(view)).toContain("*Start here*");
  });

  it("the messages tab does not publish anything", async () => {
    await h.event({
      type: "app_home_opened",
      user: USER,
      channel: "D0DIRECT01",
      tab: "messages",
      event_ts: "1.2",
    });
    await h.event({
      type: "app_home_opened",
      user: USER,
      channel: "D0DIRECT01",
      tab: "home",
      event_ts: "1.3",
    });
    await h.fake.waitForCall("views.publish");
    await h.waitForLog("home opened");
    expect(h.fake.callsTo("views.publish")).toHaveLength(1);
  });

  it("navigates: model, party filter, pages, a row, back, search, an alternative, feedback — on any instance", async () => {
    let view = await open();

    // Pick OVHcloud.
    view = await click(other, view, "home.model", {
      selected: (o) => o.value === "ovhcloud-data-processing",
    });
    expect(textOf(view)).toContain("*OVHcloud Data Processing* — who owns each responsibility");
    expect(JSON.parse(String(view.private_metadata))).toEqual({ model: "ovhcloud-data-processing", page: 0 });
    expect(textOf(view)).toContain("Page 1 of 4 · 38 rows");
    expect(textOf(view)).toMatch(/• .+ — \*.+\*/);

    // Next page, to the last, then previous.
    view = await click(h, view, "home.next");
    expect(textOf(view)).toContain("Page 2 of 4");
    view = await click(other, view, "home.next");
    view = await click(h, view, "home.next");
    expect(textOf(view)).toContain("Page 4 of 4");
    expect(findElement(view, "home.next")).toBeUndefined();
    view = await click(other, view, "home.prev");
    expect(textOf(view)).toContain("Page 3 of 4");

    // What is the Customer responsible for?
    view = await click(h, view, "home.party", { selected: (o) => o.value === "Customer" });
    expect(textOf(view)).toContain("what the Customer is responsible for");
    expect(JSON.parse(String(view.private_metadata))).toMatchObject({
      model: "ovhcloud-data-processing",
      party: "Customer",
    });
    expect(textOf(view)).not.toContain("Produce, route, deliver and maintain physical machines");

    // Open one row with its own button, then back to the list.
    view = await click(other, view, "home.pick.1");
    expect(textOf(view)).toContain("“Choose the service location”");
    expect(textOf(view)).toMatch(/^\*Customer\* → /m);
    view = await click(h, view, "home.back");
    expect(textOf(view)).toContain("what the Customer is responsible for");

    // Search, shown in the tab.
    view = await click(other, view, "home.search", { value: "who retains logs?" });
    expect(textOf(view)).not.toContain("You asked");
    expect(textOf(view)).toContain("“Retain logs of management infrastructure service”");
    expect(findElement(view, "home.search")).toMatchObject({
      initial_value: "who retains logs?",
    });

    // An alternative (the two log rows are a close call), then back to the answer, then back to the list.
    const alternative = findElement(view, "home.pick.1");
    expect(alternative).toBeDefined();
    view = await click(h, view, "home.pick.1");
    expect(visibleText(view)).toContain("OVHcloud Data Processing ›");
    expect(visibleText(view)).toContain("Retain logs of your jobs execution");
    expect(textOf(view)).toContain("← Back to the answer");
    view = await click(other, view, "home.back");
    expect(textOf(view)).toContain("“Retain logs of management infrastructure service”");

    // Feedback in the tab: thanked in place, logged; 👎 also offers the modal.
    view = await click(h, view, "home.feedback.up");
    expect(textOf(view)).toContain("Thanks for the feedback.");
    await h.waitForLog("feedback", (r) => r.vote === "up" && r.surface === "home");
    view = await click(other, view, "home.feedback.down");
    await other.fake.waitForCall("views.open");
    // The notice does not stick to the next navigation.
    view = await click(h, view, "home.back");
    expect(textOf(view)).not.toContain("Thanks for the feedback.");
    // Back to the list the search was made from: the OVHcloud model, filtered to the Customer.
    expect(textOf(view)).toContain("what the Customer is responsible for");
  });

  it("a search it is not sure of offers the closest rows with their owners and routes in the tab", async () => {
    let view = await open();
    view = await click(h, view, "home.model", { selected: (o) => o.value === "moj-analytical-platform" });
    view = await click(h, view, "home.search", { value: "who looks after the platform widgets" });
    expect(textOf(view)).toContain("I'm not sure who owns that");
    // The search is within the picked model first: its rows, with its route, and no other model's.
    expect(textOf(view)).toContain("ask in <#C0APSUPP01>");
    expect(textOf(view)).not.toContain("ovh");
    view = await click(h, view, "home.pick.0");
    expect(textOf(view)).toContain("← Back to the answer");
  });

  it("a party question typed in the search lists that party's rows", async () => {
    let view = await open();
    view = await click(h, view, "home.search", { value: "what is the Community responsible for?" });
    expect(textOf(view)).toContain("*What the Community is responsible for*");
  });

  it("reopening the tab keeps the place; an unknown model (data changed) falls back with a notice", async () => {
    let view = await open();
    view = await click(h, view, "home.model", { selected: (o) => o.value === "2i2c-hubs" });
    await h.reset();
    const reopened = await open(view);
    expect(textOf(reopened)).toContain("*2i2c community hubs*");
    await h.reset();
    const stale = await open({
      ...view,
      private_metadata: JSON.stringify({ model: "retired-model", page: 3, row: "x" }),
    });
    expect(textOf(stale)).toContain("no longer in the data");
    await h.reset();
    const staleRow = await open({
      ...view,
      private_metadata: JSON.stringify({ model: "2i2c-hubs", page: 0, row: "gone" }),
    });
    expect(textOf(staleRow)).toContain("no longer in the data");
    expect(textOf(staleRow)).toContain("*2i2c community hubs* — who owns each responsibility");
    expect(JSON.parse(String(staleRow.private_metadata))).toEqual({ model: "2i2c-hubs", page: 0 });
  });

  it("holds the 100-block limit on every page of every model", async () => {
    let view = await open();
    const options = (findElement(view, "home.model")?.options ?? []) as { value: string }[];
    const models = options.map((o) => o.value);
    expect(models).toHaveLength(3);
    for (const model of models) {
      view = await click(h, view, "home.model", { selected: (o) => o.value === model });
      let pages = 0;
      while (findElement(view, "home.next") && pages < 20) {
        view = await click(h, view, "home.next");
        pages += 1;
      }
      expect((view.blocks as unknown[]).length).toBeLessThanOrEqual(100);
    }
  });
});
