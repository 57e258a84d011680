// The one Block Kit checker: that it catches what Slack refuses, and that every builder stays inside it
// for every shipped model, every row, every page and every sample question.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadEngine } from "../../src/answer/load.ts";
import type { Answer, Match } from "../../src/answer/types.ts";
import { NO_CHANNELS, notAnsweredMessage, type Place, rowCard } from "../../src/slack/blocks/answer.ts";
import { browseMessage, helpMessage, modelsMessage } from "../../src/slack/blocks/catalogue.ts";
import { feedbackModal } from "../../src/slack/blocks/feedback.ts";
import { homeView } from "../../src/slack/blocks/home.ts";
import { parseRequest, reply } from "../../src/slack/reply.ts";
import { checkBlockKit, type Surface } from "../support/block-kit.ts";

const engine = loadEngine();

const rules = (payload: unknown, surface: Surface) => checkBlockKit(payload, surface).map((v) => v.rule);

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });
const button = (id: string, text = "Go", value?: string) => ({
  type: "button",
  action_id: id,
  text: { type: "plain_text", text },
  ...(value !== undefined ? { value } : {}),
});

describe("checkBlockKit catches what Slack refuses", () => {
  it("a message without a text fallback", () => {
    expect(rules({ blocks: [section("hi")] }, "message")).toContain("text-fallback");
    expect(rules({ delete_original: true }, "message")).toEqual([]);
  });

  it("more than 50 blocks in a message, 100 in a view", () => {
    const blocks = (n: number) => Array.from({ length: n }, () => section("x"));
    expect(rules({ text: "t", blocks: blocks(50) }, "message")).toEqual([]);
    expect(rules({ text: "t", blocks: blocks(51) }, "message")).toContain("block-count");
    expect(rules({ type: "home", blocks: blocks(100) }, "home")).toEqual([]);
    expect(rules({ type: "home", blocks: blocks(101) }, "home")).toContain("block-count");
  });

  it("text and field lengths, field counts", () => {
    expect(rules({ text: "t", blocks: [section("x".repeat(3001))] }, "message")).toContain(
      "section-text-length",
    );
    const fields = (n: number, len = 5) =>
      Array.from({ length: n }, () => ({ type: "mrkdwn", text: "f".repeat(len) }));
    expect(rules({ text: "t", blocks: [{ type: "section", fields: fields(11) }] }, "message")).toContain(
      "fields-count",
    );
    expect(rules({ text: "t", blocks: [{ type: "section", fields: fields(2, 2001) }] }, "message")).toContain(
      "field-length",
    );
  });

  it("button text, value and duplicate action ids", () => {
    const payload = {
      text: "t",
      blocks: [
        { type: "actions", elements: [button("a", "x".repeat(76)), button("a", "ok", "v".repeat(2001))] },
      ],
    };
    expect(rules(payload, "message")).toEqual(
      expect.arrayContaining(["button-text-length", "button-value-length", "action-id-unique"]),
    );
  });

  it("select options: value length, and an initial option that is not one of them", () => {
    const option = (text: string, value: string) => ({ text: { type: "plain_text", text }, value });
    const payload = {
      type: "home",
      blocks: [
        {
          type: "actions",
          elements: [
            {
              type: "static_select",
              action_id: "s",
              options: [option("a", "1"), option("b", "v".repeat(151))],
              initial_option: option("c", "3"),
            },
          ],
        },
      ],
    };
    expect(rules(payload, "home")).toEqual(expect.arrayContaining(["option-value-length", "initial-option"]));
  });

  it("unescaped mentions and stray angle brackets in mrkdwn, but not the links we build", () => {
    expect(rules({ text: "t", blocks: [section("hi <!channel>")] }, "message")).toContain("unescaped-mrkdwn");
    expect(rules({ text: "<!here> t" }, "message")).toContain("unescaped-mrkdwn");
    expect(rules({ text: "t", blocks: [section("a < b")] }, "message")).toContain("unescaped-mrkdwn");
    expect(
      rules(
        {
          text: "t",
          blocks: [
            section(
              "<#C0123ABC> <@U0123> <mailto:a@b.co|a@b.co> <https://x.org/a?b=1&amp;c|x &amp; y> &lt;!channel&gt;",
            ),
          ],
        },
        "message",
      ),
    ).toEqual([]);
  });

  it("views: private_metadata, modal title and submit", () => {
    expect(rules({ type: "home", blocks: [], private_metadata: "x".repeat(3001) }, "home")).toContain(
      "private-metadata-length",
    );
    const modal = {
      type: "modal",
      title: { type: "plain_text", text: "x".repeat(25) },
      blocks: [
        { type: "input", label: { type: "plain_text", text: "L" }, element: { type: "plain_text_input" } },
      ],
    };
    expect(rules(modal, "modal")).toEqual(expect.arrayContaining(["title-length", "modal-submit"]));
  });
});

describe("every builder stays inside the limits", () => {
  const places: Place[] = ["ephemeral", "reply", "shared", "home"];

  it("for every row of every shipped model, in every place", () => {
    let rows = 0;
    for (const model of engine.catalogue.models) {
      for (const row of model.rows) {
        const match = engine.match(model.id, row.id);
        expect(match).toBeDefined();
        if (!match) continue;
        for (const place of places) {
          const card = rowCard(match, { ctx: NO_CHANNELS, place, query: "q", askedBy: "U1" }, [match]);
          expect(checkBlockKit(card, "message"), `${model.id}/${row.id} ${place}`).toEqual([]);
        }
        rows += 1;
      }
    }
    expect(rows).toBeGreaterThan(80);
  });

  it("for every browse page and party filter, in messages and in the Home tab", () => {
    for (const model of engine.catalogue.models) {
      for (const party of [undefined, ...model.parties]) {
        const rows = engine.browse(model.id, party);
        const pages = Math.max(1, Math.ceil(rows.length / 10));
        for (let page = 0; page < pages + 1; page += 1) {
          expect(checkBlockKit(browseMessage(model, rows, page, party), "message")).toEqual([]);
          const view = homeView(engine, { model: model.id, ...(party ? { party } : {}), page }, NO_CHANNELS);
          expect(checkBlockKit(view, "home"), `${model.id} ${party} ${page}`).toEqual([]);
        }
      }
    }
  });

  it("for help, models, the feedback modal and every sample question", () => {
    expect(checkBlockKit(helpMessage(engine.catalogue), "message")).toEqual([]);
    expect(checkBlockKit(modelsMessage(engine.catalogue), "message")).toEqual([]);
    expect(
      checkBlockKit(feedbackModal({ m: "a", r: "b", q: "c", s: "eph" }, "x".repeat(500)), "modal"),
    ).toEqual([]);
    const questions = parse(readFileSync("tests/eval/questions.yml", "utf8")) as { q: string }[];
    for (const { q } of questions) {
      for (const place of ["ephemeral", "reply"] as const) {
        const { message } = reply(engine, parseRequest(q), { ctx: NO_CHANNELS, place, typed: q });
        expect(checkBlockKit(message, "message"), q).toEqual([]);
      }
      const view = homeView(engine, { page: 0, question: q }, NO_CHANNELS);
      expect(checkBlockKit(view, "home"), q).toEqual([]);
    }
  });

  it("for hostile and oversized data: long texts, many parties and routes, mentions in notes", () => {
    const hostile = fc.string({
      unit: fc.constantFrom("<", ">", "&", "!", "@", "#", "|", "*", "x", " ", "é", "👍"),
    });
    fc.assert(
      fc.property(
        hostile,
        hostile,
        fc.integer({ min: 0, max: 6000 }),
        fc.integer({ min: 0, max: 25 }),
        (text, note, pad, parties) => {
          const match: Match = {
            model: "m",
            modelName: `Model ${text}`,
            rowId: "r",
            section: `Section ${text}`,
            responsibility: `${text}${"r".repeat(pad)}`,
            assignments: Array.from({ length: parties }, (_, i) => ({
              party: `Party ${i} ${text}`,
              role: "RACI",
            })),
            owners: Array.from({ length: parties }, (_, i) => `Party ${i} ${text}`),
            ownersFrom: "notes",
            notesOwners: [text],
            contacts: [
              { type: "slack-channel", value: `#${text}`, workspace: text },
              { type: "email", value: `${text}@x.org` },
              { type: "url", value: `https://x.org/${text}`, label: text },
              { type: "team", value: text },
            ],
            contactsFromSupport: true,
            notes: `${note} <!channel> **${note}** [${note}](https://x.org) ${"n".repeat(pad)}`,
            caveat: `${text}${"c".repeat(pad)}`,
            source: { url: `https://x.org/${text}`, licence: text, file: "f" },
            score: 1,
          };
          for (const place of places) {
            const card = rowCard(
              match,
              { ctx: NO_CHANNELS, place, query: `${text}${"q".repeat(pad)}`, askedBy: "U1" },
              [match, match, match],
            );
            expect(checkBlockKit(card, "message")).toEqual([]);
          }
          const answer: Answer = {
            query: text,
            answered: false,
            kind: "responsibility",
            matches: [match, match, match, match, match, match],
            ambiguous: false,
            support: Array.from({ length: 12 }, () => ({
              model: "m",
              modelName: text,
              text: `${note}${"s".repeat(pad)}`,
              contacts: match.contacts,
            })),
          };
          expect(
            checkBlockKit(
              notAnsweredMessage(answer, { ctx: NO_CHANNELS, place: "ephemeral", query: text }),
              "message",
            ),
          ).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
