// Any string as a question: the engine answers (answered or not) without throwing, the Answer is well formed,
// and what Slack would be sent fits Block Kit and carries no control sequence (<!channel>, <@U…>, <#C…>)
// that came from the person's text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Engine } from "../../src/answer/engine.ts";
import { loadEngine } from "../../src/answer/load.ts";
import type { Answer } from "../../src/answer/types.ts";
import { NO_CHANNELS, type RenderContext } from "../../src/slack/blocks/answer.ts";
import { homeView } from "../../src/slack/blocks/home.ts";
import { parseRequest, reply } from "../../src/slack/reply.ts";
import { questionFromSlack, typedQuestion } from "../../src/slack/text.ts";
import { checkBlockKit } from "../support/block-kit.ts";

const engine: Engine = loadEngine();
const BOT = "U0BOT0001";
const CHANNELS: RenderContext = {
  channelId: (name) => ({ "analytical-platform-support": "C0APSUPP01" })[name],
};

/** Pieces people (and pasted logs, and mischief) put in a message. */
const HOSTILE = [
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<!subteam^S0EVIL0001|@admins>",
  "<!date^1392734382^{date}|Feb 18>",
  "<@U0EVIL0001>",
  "<@U0EVIL0001|mallory>",
  "<#C0EVIL0001>",
  "<#C0EVIL0001|secret>",
  `<@${BOT}>`,
  "&lt;!channel&gt;",
  "&amp;lt;@U0EVIL0001&amp;gt;",
  "<https://evil.example/x|click me>",
  "<mailto:evil@example.com|mail>",
  "https://evil.example/path?q=<x>&y=1",
  "[link](https://evil.example)",
  "*bold*",
  "_italic_",
  "~strike~",
  "`code`",
  "```\nblock\n```",
  "> quoted",
  "# Heading",
  "- [x] done",
  "| a | b |",
  "<script>alert(1)</script>",
  "\u0000",
  "\u0007",
  "\u001b[31m",
  "\u202eevil\u202c",
  "\u200b",
  "\uFEFF",
  "\uD800",
  "שלום עולם",
  "مرحبا بالعالم",
  "👩‍👩‍👧‍👦",
  "🏳️‍🌈",
  "🙂",
  "\r\n",
  "\t",
  "ＡＰ",
  "AP:",
  "OVH:",
  "2i2c:",
  "who owns",
  "who can restart my app?",
  "S3 buckets",
  "data protection impact assessment",
  "Customer",
  "help",
  "models",
  "browse ovh Customer",
  "browse",
];

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
);

/** A message: pieces joined with spaces or nothing. */
const message = fc
  .tuple(fc.array(piece, { maxLength: 10 }), fc.constantFrom(" ", "", "\n"))
  .map(([pieces, glue]) => pieces.join(glue));

const LONG = [
  "",
  " ",
  "x".repeat(10_240),
  "who owns ".repeat(1200),
  "🙂".repeat(5000),
  "<!channel> ".repeat(1000),
  "<@U0EVIL0001>".repeat(800),
  `${"a".repeat(9000)} S3 buckets`,
  "ع".repeat(10_240),
];

function expectWellFormed(answer: Answer, question: string): void {
  expect(answer.query).toBe(question);
  expect(typeof answer.answered).toBe("boolean");
  expect(["responsibility", "party"]).toContain(answer.kind);
  expect(typeof answer.ambiguous).toBe("boolean");
  expect(Array.isArray(answer.matches)).toBe(true);
  expect(Array.isArray(answer.support)).toBe(true);
  if (answer.answered) expect(answer.matches.length).toBeGreaterThan(0);
  if (answer.ambiguous) expect(answer.answered).toBe(true);
  if (answer.model !== undefined) expect(engine.findModel(answer.model)).toBeDefined();
  for (const match of answer.matches) {
    const model = engine.findModel(match.model);
    expect(model).toBeDefined();
    expect(model?.rows.some((row) => row.id === match.rowId)).toBe(true);
    expect(match.score).toBeGreaterThanOrEqual(0);
    expect(match.score).toBeLessThanOrEqual(1);
    for (const owner of match.owners) expect(model?.parties).toContain(owner);
  }
  if (answer.kind === "responsibility")
    for (let i = 1; i < answer.matches.length; i++)
      expect(answer.matches[i - 1]?.score).toBeGreaterThanOrEqual(answer.matches[i]?.score ?? 0);
}

/**
 * Every string Slack reads as mrkdwn: text objects of type mrkdwn, and a message's top-level text (its
 * fallback, which notifications render). plain_text, button values and private_metadata are never parsed
 * for mentions, so a question carried there verbatim is fine.
 */
function mrkdwnOf(payload: unknown): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      const object = value as Record<string, unknown>;
      if (object.type === "mrkdwn" && typeof object.text === "string") out.push(object.text);
      for (const child of Object.values(object)) walk(child);
    }
  };
  walk(payload);
  const text = (payload as { text?: unknown }).text;
  if (typeof text === "string") out.push(text);
  return out;
}

/** The control sequences a person typed must not reach Slack as markup. */
function expectNoInjectedMarkup(payload: unknown): void {
  const json = mrkdwnOf(payload).join("\n");
  expect(json).not.toMatch(/<!/);
  expect(json).not.toMatch(/<@U0EVIL/);
  expect(json).not.toMatch(/<#C0EVIL/);
  expect(json).not.toMatch(/<https:\/\/evil/);
  expect(json).not.toMatch(/<mailto:evil/);
}

/** Renders `text` as the slash command and a mention would, and checks every payload. */
function expectSafeMessages(text: string): void {
  for (const [place, botUserId] of [
    ["ephemeral", undefined],
    ["reply", BOT],
  ] as const) {
    const request = parseRequest(questionFromSlack(text, botUserId));
    for (const ctx of [NO_CHANNELS, CHANNELS]) {
      const { message } = reply(engine, request, {
        ctx,
        place,
        typed: typedQuestion(text, botUserId),
        ...(place === "reply" ? { threadTs: "1700000000.000100" } : {}),
      });
      expect(checkBlockKit(message, "message")).toEqual([]);
      expectNoInjectedMarkup(message);
    }
  }
}

describe("any string as a question", () => {
  it("gets a well-formed Answer, answered or not, without throwing", () => {
    fc.assert(
      fc.property(message, (question) => {
        expectWellFormed(engine.ask(question), question);
      }),
      { numRuns: 400 },
    );
    for (const question of LONG) expectWellFormed(engine.ask(question), question);
  });

  it("with a model forced, preferred, or a limit, still gets a well-formed Answer", () => {
    const ids = engine.catalogue.models.map((model) => model.id);
    fc.assert(
      fc.property(
        message,
        fc.constantFrom(...ids, "no-such-model", ""),
        fc.integer({ min: -3, max: 60 }),
        (question, model, limit) => {
          for (const options of [{ model }, { preferModel: model }, { limit }]) {
            const answer = engine.ask(question, options);
            expectWellFormed(answer, question);
            if (options.model && ids.includes(model))
              for (const match of answer.matches) expect(match.model).toBe(model);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("gives the same answer every time it is asked", () => {
    fc.assert(
      fc.property(message, (question) => {
        expect(JSON.stringify(engine.ask(question))).toBe(JSON.stringify(engine.ask(question)));
      }),
      { numRuns: 150 },
    );
  });
});

describe("what Slack would be sent for any message", () => {
  it("respects every Block Kit limit and carries no markup from the person's text", () => {
    fc.assert(
      fc.property(message, (text) => expectSafeMessages(text)),
      { numRuns: 250 },
    );
    for (const text of LONG) expectSafeMessages(text);
  });

  it("in the Home tab's search, too", () => {
    fc.assert(
      fc.property(
        message,
        fc.constantFrom(undefined, ...engine.catalogue.models.map((m) => m.id)),
        (q, m) => {
          const view = homeView(
            engine,
            { page: 0, ...(q ? { question: q } : {}), ...(m ? { model: m } : {}) },
            CHANNELS,
          );
          expect(checkBlockKit(view, "home")).toEqual([]);
          expectNoInjectedMarkup(view);
        },
      ),
      { numRuns: 100 },
    );
  });
});
