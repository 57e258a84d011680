// "Ask the owners" on a "not sure" card: the question, with who asked it, posted in the likeliest row's
// channel; when the bot may not post there, the asker gets the channel to ask in themselves.

import { joinNames } from "../../../answer/describe.ts";
import { clickSurface } from "../../../store/slack.ts";
import { slackError } from "../../calls.ts";
import { escapeMrkdwn, truncatePlain } from "../../text.ts";
import { askOwnersSchema, decode } from "../../values.ts";
import { type ActionHandler, carried, GONE, tellPrivately } from "./support.ts";

export const askOwners: ActionHandler = async ({ action, body, client, respond, context }, services) => {
  const ref = decode(askOwnersSchema, carried(action));
  if (!ref) {
    await tellPrivately(respond, GONE, services, "ask owners");
    return;
  }
  const match = services.engine().match(ref.m, ref.r);
  const question = escapeMrkdwn(truncatePlain(ref.q, 500));
  const closest = match
    ? ` The closest row I found: *${escapeMrkdwn(match.responsibility)}* (${escapeMrkdwn(match.modelName)}), ${match.owners.length > 0 ? `owned by ${escapeMrkdwn(joinNames(match.owners))}` : "with no owner marked"}.`
    : "";
  const text = `<@${body.user.id}> asked: “${question}”\nI wasn't sure who owns this.${closest} Can someone here help?`;
  try {
    const posted = await services.call("chat.postMessage", () =>
      client.chat.postMessage({
        channel: ref.c,
        text,
        blocks: [{ type: "section", text: { type: "mrkdwn", text } }],
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
    await tellPrivately(
      respond,
      `I asked in <#${ref.c}> for you; answers will come there.`,
      services,
      "ask owners",
    );
    services.logger.info("owners asked", { user: body.user.id, channel: ref.c, model: ref.m, ts: posted.ts });
    services.recorder.chosen({
      surface: clickSurface(body),
      team: context.teamId ?? body.team?.id,
      user: body.user.id,
      question: ref.q,
      model: ref.m,
      rowId: ref.r,
      choice: "owners",
    });
  } catch (error) {
    services.logger.warn("owners not asked", { channel: ref.c, slackError: slackError(error) });
    await tellPrivately(
      respond,
      `I can't post in <#${ref.c}>. Please ask there yourself: <#${ref.c}>.`,
      services,
      "ask owners",
    );
  }
};
