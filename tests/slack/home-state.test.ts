// The Home tab's transitions, as a table: from a state and a click to the next state.
import { describe, expect, it } from "vitest";
import { EVERYONE, homeEventOf, nextHomeState, SEARCH_MAX } from "../../src/slack/home-state.ts";
import { ACTION } from "../../src/slack/ids.ts";
import type { HomeState } from "../../src/slack/values.ts";

const OVH = "ovhcloud-data-processing";
const row = (model: string, id: string) => JSON.stringify({ m: model, r: id });

describe("homeEventOf: a click read into words", () => {
  it.each([
    [ACTION.homeModel, OVH, { kind: "pickModel", model: OVH }],
    [ACTION.homeParty, "Customer", { kind: "pickParty", party: "Customer" }],
    [ACTION.homeParty, EVERYONE, { kind: "pickParty" }],
    [ACTION.homeSearch, "who patches?", { kind: "ask", question: "who patches?" }],
    [
      `${ACTION.homeExamplePrefix}2`,
      "who deploys patches on OVH?",
      { kind: "ask", question: "who deploys patches on OVH?" },
    ],
    [ACTION.homeNext, JSON.stringify({ page: 3 }), { kind: "turnPage", page: 3 }],
    [ACTION.homePrev, "not json", { kind: "turnPage", page: 0 }],
    [`${ACTION.homePickPrefix}4`, row(OVH, "choose"), { kind: "openRow", model: OVH, row: "choose" }],
    [`${ACTION.homePickPrefix}4`, "{}", { kind: "unknown" }],
    [ACTION.homeBack, "back", { kind: "back" }],
    [ACTION.homeFeedbackDown, "{}", { kind: "voted" }],
    ["home.something-new", undefined, { kind: "unknown" }],
  ] as const)("%s %s", (actionId, value, event) => {
    expect(homeEventOf(actionId, value)).toEqual(event);
  });
});

describe("nextHomeState", () => {
  const listing: HomeState = { model: OVH, party: "Customer", page: 2 };

  it("picking a model starts its list on page one, without the old party or question", () => {
    expect(
      nextHomeState({ ...listing, question: "q", row: "r" }, { kind: "pickModel", model: "2i2c-hubs" }),
    ).toEqual({
      model: "2i2c-hubs",
      page: 0,
    });
  });

  it("picking a party keeps the model and starts on page one; Everyone drops the filter", () => {
    expect(nextHomeState(listing, { kind: "pickParty", party: "OVHcloud" })).toEqual({
      model: OVH,
      party: "OVHcloud",
      page: 0,
    });
    expect(nextHomeState(listing, { kind: "pickParty" })).toEqual({ model: OVH, page: 0 });
  });

  it("asking shows the answer (closing any open row); an empty question goes back to the list", () => {
    const asked = nextHomeState({ ...listing, row: "x" }, { kind: "ask", question: "  who patches?  " });
    expect(asked).toEqual({ model: OVH, party: "Customer", page: 0, question: "who patches?" });
    expect(nextHomeState(asked, { kind: "ask", question: "   " })).toEqual({
      model: OVH,
      party: "Customer",
      page: 0,
    });
  });

  it("a question longer than the box takes is cut to it", () => {
    const next = nextHomeState({ page: 0 }, { kind: "ask", question: "q".repeat(SEARCH_MAX + 50) });
    expect(next.question).toHaveLength(SEARCH_MAX);
  });

  it("turning a page keeps the filter and closes a row", () => {
    expect(nextHomeState({ ...listing, row: "x" }, { kind: "turnPage", page: 3 })).toEqual({
      ...listing,
      page: 3,
    });
  });

  it("opening a row keeps what led there, so Back returns to it", () => {
    const fromAnswer: HomeState = { page: 0, question: "who patches?" };
    const opened = nextHomeState(fromAnswer, { kind: "openRow", model: OVH, row: "deploy" });
    expect(opened).toEqual({ page: 0, question: "who patches?", model: OVH, row: "deploy" });
    expect(nextHomeState(opened, { kind: "back" })).toEqual({
      page: 0,
      question: "who patches?",
      model: OVH,
    });
  });

  it("opening another model's row leaves the party filter behind; the same model's keeps it", () => {
    expect(nextHomeState(listing, { kind: "openRow", model: "2i2c-hubs", row: "x" })).toEqual({
      model: "2i2c-hubs",
      page: 2,
      row: "x",
    });
    expect(nextHomeState(listing, { kind: "openRow", model: OVH, row: "x" })).toEqual({
      ...listing,
      row: "x",
    });
  });

  it("Back from an answer returns to the list (or the start), page one", () => {
    expect(nextHomeState({ ...listing, question: "q" }, { kind: "back" })).toEqual({ ...listing, page: 0 });
    expect(nextHomeState({ page: 0, question: "q" }, { kind: "back" })).toEqual({ page: 0 });
  });

  it("a vote shows thanks once; the next click drops it", () => {
    const thanked = nextHomeState(listing, { kind: "voted" });
    expect(thanked).toEqual({ ...listing, notice: "thanks" });
    expect(nextHomeState(thanked, { kind: "turnPage", page: 0 })).toEqual({ ...listing, page: 0 });
  });

  it("an unknown click leaves the state as it was, less any notice", () => {
    expect(nextHomeState({ ...listing, notice: "gone" }, { kind: "unknown" })).toEqual(listing);
  });
});
