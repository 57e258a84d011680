// 👍/👎 on a card: logged, the card updated in place to say thanks (no new message), and after 👎 an
// optional modal asking what they were looking for.
import type { types } from "@slack/bolt";
import { rowCard, thanksText } from "../../blocks/answer.ts";
import { type Block, context } from "../../blocks/common.ts";
import { safeRespond } from "../../calls.ts";
import { ACTION } from "../../ids.ts";
import { decode, feedbackSchema } from "../../values.ts";
import {
  type ActionHandler,
  actionIdOf,
  carried,
  logFeedback,
  openFeedbackModal,
  tellPrivately,
} from "./support.ts";

const isFeedbackButton = (element: { action_id?: string }) =>
  element.action_id === ACTION.feedbackUp || element.action_id === ACTION.feedbackDown;

/** The message's blocks with the 👍/👎 buttons replaced by a thanks line; everything else kept as it was. */
function withThanks(blocks: Block[], vote: "up" | "down"): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    if (block.type !== "actions") {
      out.push(block);
      continue;
    }
    const elements = (block as types.ActionsBlock).elements.filter((element) => !isFeedbackButton(element));
    if (elements.length > 0) out.push({ ...block, elements });
  }
  out.push(context(thanksText(vote)));
  return out;
}

export const feedback: ActionHandler = async ({ action, body, client, respond, context }, services) => {
  const vote = actionIdOf(action) === ACTION.feedbackDown ? "down" : "up";
  const ref = decode(feedbackSchema, carried(action));
  if (!ref) return;
  logFeedback(services, vote, ref, body.user.id, context.teamId ?? body.team?.id, body.channel?.id);
  if (vote === "down") await openFeedbackModal(services, client, body, ref);
  const message = body.message as { text?: string; blocks?: Block[] } | undefined;
  if (message?.blocks && message.blocks.length > 0) {
    await safeRespond(
      respond,
      {
        replace_original: true,
        text: message.text || thanksText(vote),
        blocks: withThanks(message.blocks, vote),
      },
      services.logger,
      "feedback",
    );
    return;
  }
  // Slack sends no copy of a private message with the click: the card is drawn again from what the
  // button carries, with the thanks in place of the buttons.
  const match = services.engine().match(ref.m, ref.r);
  if (!match) {
    await tellPrivately(respond, thanksText(vote), services, "feedback");
    return;
  }
  const ctx = await services.directory.names(client, body.team?.id);
  const card = rowCard(match, {
    ctx,
    place: ref.s === "msg" ? "reply" : "ephemeral",
    voted: vote,
    ...(ref.q ? { query: ref.q } : {}),
    ...(ref.t ? { threadTs: ref.t } : {}),
    ...(body.channel?.id ? { here: body.channel.id } : {}),
  });
  await safeRespond(respond, { replace_original: true, ...card }, services.logger, "feedback");
};
