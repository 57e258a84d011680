// What the Slack listeners hand the recorder, worked out from what they already have (the reply's meta,
// a button's value), so each listener records with one line after it has answered.

import type { AskedEvent } from "./recorder.ts";
import type { Surface } from "./schema.ts";

/** The subset of the Slack reply's meta the store needs (src/slack/reply.ts ReplyMeta). */
export interface AnswerMeta {
  sub: string;
  answered?: boolean;
  kind?: string;
  model?: string;
  row?: string;
  score?: number;
  /** The model the question named or was asked within. */
  scope?: string;
  /** Only part of the message was answered: the rest is a gap. */
  partial?: boolean;
}

/** The question event for a reply, or nothing when it was not a question (help, models, browse). */
export function askedEvent(
  meta: AnswerMeta,
  where: { surface: Surface; question: string; team?: string; channel?: string; user?: string },
): AskedEvent | undefined {
  if (meta.sub !== "ask") return undefined;
  // A message answered only in part is recorded unanswered: what it also asked is what `gaps` is for.
  const answered = meta.answered === true && meta.partial !== true;
  // A party question ("what is the Customer responsible for?") answers with a list, not one row.
  const rowAnswer = answered && meta.kind !== "party";
  return {
    ...where,
    answered,
    model: answered ? meta.model : meta.scope,
    rowId: rowAnswer ? meta.row : undefined,
    score: meta.score,
  };
}

/** The surface a feedback button was on (values.ts FeedbackRef.s; a message in a DM channel is a DM's). */
export function feedbackSurface(s: string | undefined, channel?: string): Surface {
  if (s === "home") return "home";
  if (s !== "msg") return "slash";
  return channel?.startsWith("D") ? "dm" : "mention";
}

/** Where a click came from, as Slack describes its container (BlockAction's container and channel). */
export interface ClickPlace {
  container?: { type?: string; is_ephemeral?: boolean } | undefined;
  channel?: { id?: string } | undefined;
}

/**
 * The surface of the card a button was clicked on: the Home tab, a private answer (a slash command's), a
 * direct message, or a channel's thread (a mention).
 */
export function clickSurface(click: ClickPlace): Surface {
  if (click.container?.type === "view") return "home";
  if (click.container?.is_ephemeral) return "slash";
  return click.channel?.id?.startsWith("D") ? "dm" : "mention";
}
