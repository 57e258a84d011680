// From what someone typed to the message that answers it: help, models, browse, or a question for the engine.
// Shared by the slash command, mentions and DMs. The engine does the searching; this only routes and renders.
import type { Engine } from "../answer/engine.ts";
import type { Answer } from "../answer/types.ts";
import type { Model } from "../model/types.ts";
import { closeAlternatives, notAnsweredMessage, type RenderContext, rowCard } from "./blocks/answer.ts";
import { browseMessage, helpMessage, modelsMessage, partyMessage } from "./blocks/catalogue.ts";
import { changesMessage } from "./blocks/changes.ts";
import type { Message } from "./blocks/common.ts";
import { escapeMrkdwn, truncatePlain } from "./text.ts";

export type Request =
  | { kind: "help" }
  | { kind: "models" }
  | { kind: "browse"; rest: string }
  /** `what changed [model]`; `question` is the whole text, asked instead when `rest` names no model. */
  | { kind: "changes"; rest: string; question: string }
  | { kind: "ask"; question: string };

/** `help`, `models`, `browse [model] [party]`, or a question (which may start `model:`; the engine reads that). */
export function parseRequest(text: string): Request {
  const trimmed = text.trim();
  if (trimmed === "" || /^(?:help|usage|\?|-h|--help)$/i.test(trimmed)) return { kind: "help" };
  if (/^(?:models|list)$/i.test(trimmed)) return { kind: "models" };
  const changed = /^what(?:'s|\s+has|\s+have)?\s+changed\??(?:\s+(?:in|on|for)\b)?(?:\s+(.*))?$/is.exec(
    trimmed,
  );
  if (changed)
    return { kind: "changes", rest: (changed[1] ?? "").replace(/\?$/, "").trim(), question: trimmed };
  const browse = /^browse(?:\s+(.*))?$/is.exec(trimmed);
  if (browse) return { kind: "browse", rest: (browse[1] ?? "").trim() };
  return { kind: "ask", question: trimmed };
}

/** "ovh", "ovh Customer", "analytical platform user": the longest leading words that name a model, then a party. */
export function resolveBrowse(
  engine: Engine,
  rest: string,
): { model?: Model; party?: string; unknown?: string } {
  const words = rest.split(/\s+/).filter(Boolean);
  for (let cut = words.length; cut > 0; cut -= 1) {
    const model = engine.findModel(words.slice(0, cut).join(" "));
    if (!model) continue;
    const partyText = words
      .slice(cut)
      .join(" ")
      .replace(/^(?:the|a|an)\s+/i, "");
    if (!partyText) return { model };
    const party = model.parties.find((p) => p.toLowerCase() === partyText.toLowerCase());
    if (party) return { model, party };
    const plural = model.parties.find((p) => `${p.toLowerCase()}s` === partyText.toLowerCase());
    if (plural) return { model, party: plural };
    return { model, unknown: partyText };
  }
  return { unknown: rest };
}

export interface ReplyOptions {
  ctx: RenderContext;
  place: "ephemeral" | "reply";
  /** The question as typed, for echoing and for buttons. */
  typed: string;
  preferModel?: string;
  threadTs?: string;
  /** The channel the answer is shown in. */
  here?: string;
  /** Who asked, named in public answers. */
  askedBy?: string;
}

/** What happened, for the logs: never the question's text. */
export interface ReplyMeta {
  sub: Request["kind"];
  answered?: boolean;
  kind?: string;
  model?: string;
  row?: string;
  score?: number;
  matches?: number;
  /** The model the question named or was asked within. */
  scope?: string;
  /** A message asking several things, only one answered (Answer.part). */
  partial?: boolean;
}

/** What a question's answer says for logs and the store (the Home tab's questions too). */
export function answerMeta(answer: Answer): ReplyMeta {
  const top = answer.matches[0];
  return {
    sub: "ask",
    answered: answer.answered,
    kind: answer.kind,
    matches: answer.matches.length,
    ...(top ? { model: top.model, row: top.rowId, score: top.score } : {}),
    ...(answer.model ? { scope: answer.model } : {}),
    ...(answer.part ? { partial: true } : {}),
  };
}

export function reply(
  engine: Engine,
  request: Request,
  options: ReplyOptions,
): { message: Message; meta: ReplyMeta } {
  const catalogue = engine.catalogue;
  switch (request.kind) {
    case "help":
      return { message: helpMessage(catalogue), meta: { sub: "help" } };
    case "models":
      return { message: modelsMessage(catalogue), meta: { sub: "models" } };
    case "changes": {
      const model = request.rest ? engine.findModel(request.rest) : undefined;
      // "what changed in the DPIA process?" is a question, not a request for the change log.
      if (request.rest && !model) return reply(engine, { kind: "ask", question: request.question }, options);
      const message = changesMessage(catalogue, model);
      return { message, meta: { sub: "changes", ...(model ? { model: model.id } : {}) } };
    }
    case "browse": {
      if (!request.rest) {
        const message = modelsMessage(catalogue);
        return { message, meta: { sub: "browse" } };
      }
      const found = resolveBrowse(engine, request.rest);
      if (!found.model) {
        const help = helpMessage(
          catalogue,
          `I don't know a model called “${escapeMrkdwn(truncatePlain(request.rest, 100))}”. \`/who-owns models\` lists them.`,
        );
        return { message: help, meta: { sub: "browse", answered: false } };
      }
      if (found.unknown) {
        const message = browseMessage(found.model, engine.browse(found.model.id), 0);
        message.blocks.unshift({
          type: "context",
          elements: [
            {
              type: "mrkdwn",
              text: `${escapeMrkdwn(found.model.name)} has no party called “${escapeMrkdwn(truncatePlain(found.unknown, 60))}”; its parties are ${found.model.parties.map(escapeMrkdwn).join(", ")}.`,
            },
          ],
        });
        return { message, meta: { sub: "browse", model: found.model.id } };
      }
      const rows = engine.browse(found.model.id, found.party);
      return {
        message: browseMessage(found.model, rows, 0, found.party),
        meta: { sub: "browse", model: found.model.id, matches: rows.length },
      };
    }
    case "ask": {
      const answer = engine.ask(
        request.question,
        options.preferModel ? { preferModel: options.preferModel } : {},
      );
      const top = answer.matches[0];
      const meta = answerMeta(answer);
      if (answer.kind === "party" && answer.answered) {
        const source = {
          k: "q" as const,
          q: request.question,
          ...(options.preferModel ? { pm: options.preferModel } : {}),
        };
        return { message: partyMessage(answer, source, 0), meta };
      }
      const card = {
        ctx: options.ctx,
        place: options.place,
        query: options.typed,
        ...(options.threadTs ? { threadTs: options.threadTs } : {}),
        ...(options.here ? { here: options.here } : {}),
        ...(options.askedBy ? { askedBy: options.askedBy } : {}),
        ...(answer.part ? { part: answer.part } : {}),
      };
      if (answer.answered && top) return { message: rowCard(top, card, closeAlternatives(answer)), meta };
      return { message: notAnsweredMessage(answer, card), meta };
    }
  }
}
