// "Share in channel": the asker's private card posted where they asked, naming them.
import { rowCard } from "../../blocks/answer.ts";
import { isNotInChannel, safeRespond, slackError } from "../../calls.ts";
import { type ActionHandler, carriedRow, tellPrivately, threadOf } from "./support.ts";

export const share: ActionHandler = async ({ action, body, client, respond, context }, services) => {
  const { logger } = services;
  const carriedMatch = await carriedRow(action, respond, services, "share");
  if (!carriedMatch) return;
  const { ref, match } = carriedMatch;
  const channel = body.channel?.id;
  if (!channel) {
    await tellPrivately(respond, "There is no channel to share this in.", services, "share");
    return;
  }
  const ctx = await services.directory.names(client, context.teamId ?? body.team?.id);
  const threadTs = ref.t ?? threadOf(body);
  const card = rowCard(match, {
    ctx,
    place: "shared",
    askedBy: body.user.id,
    here: channel,
    ...(ref.q ? { query: ref.q } : {}),
  });
  try {
    await services.call("chat.postMessage", () =>
      client.chat.postMessage({
        channel,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        text: card.text,
        blocks: card.blocks,
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
  } catch (error) {
    const code = slackError(error);
    logger.warn("share failed", { channel, slackError: code, error: (error as Error).message });
    const text = isNotInChannel(error)
      ? "I can't post here because I'm not in this conversation. Invite me with `/invite @who-owns`, then press *Share* again."
      : (error as { code?: string }).code === "slack_webapi_rate_limited_error"
        ? "Slack is busy right now. Please press *Share* again in a minute."
        : "Sharing failed. Please try again.";
    await tellPrivately(respond, text, services, "share error");
    return;
  }
  await safeRespond(respond, { delete_original: true }, logger, "share cleanup");
  logger.info("shared", {
    user: body.user.id,
    channel,
    model: match.model,
    row: match.rowId,
    threaded: !!threadTs,
  });
};
