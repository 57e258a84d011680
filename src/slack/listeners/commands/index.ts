// /who-owns: acked at once, answered privately through the response URL.
import type { App, SlashCommand } from "@slack/bolt";
import { askedEvent } from "../../../store/slack.ts";
import { safeRespond } from "../../calls.ts";
import { parseRequest } from "../../reply.ts";
import type { Services } from "../../services.ts";
import { questionFromSlack, typedQuestion } from "../../text.ts";

/** The slash commands this listener answers; the manifest must declare exactly these. */
export const COMMANDS = ["/who-owns"] as const;

export function register(app: App, services: Services): void {
  for (const name of COMMANDS) {
    app.command(name, async ({ command, ack, client, context }) => {
      await ack();
      await answerCommand(
        services,
        command,
        services.respondTo(command.response_url),
        client,
        context.teamId,
      );
    });
  }
}

async function answerCommand(
  services: Services,
  command: SlashCommand,
  respond: Parameters<typeof safeRespond>[0],
  client: Parameters<Services["directory"]["names"]>[0],
  teamId: string | undefined,
): Promise<void> {
  const { logger } = services;
  const started = Date.now();
  try {
    const question = questionFromSlack(command.text ?? "");
    const request = parseRequest(question);
    const ctx = await services.directory.names(client, teamId ?? command.team_id);
    const preferModel = services.channelDefaults().modelFor(command.channel_id, command.channel_name);
    const { message, meta, answeredOn } = await services.reply(request, {
      ctx,
      place: "ephemeral",
      typed: typedQuestion(command.text ?? ""),
      here: command.channel_id,
      ...(preferModel ? { preferModel } : {}),
    });
    await safeRespond(respond, { response_type: "ephemeral", ...message }, logger, "command");
    const asked = askedEvent(meta, {
      surface: "slash",
      question,
      team: teamId ?? command.team_id,
      channel: command.channel_id,
      user: command.user_id,
    });
    if (asked) services.recorder.asked(asked);
    logger.info("command answered", {
      command: command.command,
      team: command.team_id,
      user: command.user_id,
      channel: command.channel_id,
      ...meta,
      ...(preferModel ? { preferModel } : {}),
      answeredOn,
      ms: Date.now() - started,
    });
    if (logger.isDebug()) logger.debug("command text", { text: command.text });
  } catch (error) {
    logger.error("command failed", { command: command.command, error: (error as Error).message });
    await safeRespond(
      respond,
      { response_type: "ephemeral", text: "Sorry, something went wrong on my side. Please try again." },
      logger,
      "command error",
    );
  }
}
