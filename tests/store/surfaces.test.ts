// Which surface a click or a vote is recorded under, from what Slack sends with it.
import { describe, expect, it } from "vitest";
import { loadEngine } from "../../src/answer/load.ts";
import { answerMeta } from "../../src/slack/reply.ts";
import { askedEvent, clickSurface, feedbackSurface } from "../../src/store/slack.ts";

describe("recorded surfaces", () => {
  it("a click: the Home tab, a private answer, a DM, or a channel's thread", () => {
    expect(clickSurface({ container: { type: "view" } })).toBe("home");
    expect(
      clickSurface({ container: { type: "message", is_ephemeral: true }, channel: { id: "D0DM" } }),
    ).toBe("slash");
    expect(
      clickSurface({ container: { type: "message", is_ephemeral: false }, channel: { id: "D0DM" } }),
    ).toBe("dm");
    expect(clickSurface({ container: { type: "message" }, channel: { id: "C0CHAN" } })).toBe("mention");
  });

  it("a vote: where its card was shown, a message in a DM channel being a DM's", () => {
    expect(feedbackSurface("home", "D0DM")).toBe("home");
    expect(feedbackSurface("eph", "D0DM")).toBe("slash");
    expect(feedbackSurface(undefined)).toBe("slash");
    expect(feedbackSurface("msg", "D0DM")).toBe("dm");
    expect(feedbackSurface("msg", "C0CHAN")).toBe("mention");
    expect(feedbackSurface("msg")).toBe("mention");
  });
});

describe("recorded questions", () => {
  const engine = loadEngine();
  const where = { surface: "slash" as const, question: "q" };

  it("a message answered only in part is recorded unanswered, so `gaps` shows what else it asked", () => {
    const partial = engine.ask("who keeps ovh job logs? also, what's the storage price per GB?");
    expect(partial.part).toBe("who keeps ovh job logs");
    expect(askedEvent(answerMeta(partial), where)).toMatchObject({
      answered: false,
      model: "ovhcloud-data-processing",
      rowId: undefined,
    });
    const whole = engine.ask("who keeps ovh job logs?");
    expect(askedEvent(answerMeta(whole), where)).toMatchObject({
      answered: true,
      rowId: whole.matches[0]?.rowId,
    });
  });
});
