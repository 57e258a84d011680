// Events: @mentions answered in their thread, DMs answered in the DM, the Home tab published when opened.
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs, webApi } from "@slack/bolt";
import { askedEvent } from "../../../store/slack.ts";
import type { Message } from "../../blocks/common.ts";
import { isNotInChannel, rateLimitedAfter, slackError } from "../../calls.ts";
import { publishHome } from "../../home.ts";
import { parseRequest } from "../../reply.ts";
import type { Services } from "../../services.ts";
import { questionFromSlack, typedQuestion } from "../../text.ts";
import { decode, homeStateSchema } from "../../values.ts";

type EventArgs = SlackEventMiddlewareArgs<string> & AllMiddlewareArgs;
type Handler = (args: EventArgs, services: Services) => Promise<void>;

/** The fields of a message or mention event we read. */
interface ConversationEvent {
  type: string;
  subtype?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  channel: string;
  channel_type?: string;
}

interface Conversation {
  client: webApi.WebClient;
  teamId: string | undefined;
  botUserId: string | undefined;
  channel: string;
  user: string;
  text: string;
  /** Where the answer goes: the question's thread, or none for a top-level DM. */
  threadTs: string | undefined;
  via: "mention" | "dm";
}

/** Edits, deletions, joins, bot messages and our own posts are not questions. */
function isQuestion(event: ConversationEvent, botUserId: string | undefined): boolean {
  if (event.subtype !== undefined) return false;
  if (event.bot_id) return false;
  if (!event.user || event.user === botUserId) return false;
  return typeof event.text === "string";
}

async function postAnswer(services: Services, conversation: Conversation, message: Message): Promise<void> {
  const { client, channel, threadTs } = conversation;
  await services.call("chat.postMessage", () =>
    client.chat.postMessage({
      channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    }),
  );
}

/**
 * When the bot cannot post where it was asked: tell the asker privately to invite it, and if even that
 * fails, answer in a DM (posting to a user id lands in the app's Messages tab).
 */
async function answerElsewhere(
  services: Services,
  conversation: Conversation,
  message: Message,
): Promise<void> {
  const { client, channel, user } = conversation;
  const note = `I can't post in <#${channel}>: invite me with \`/invite @who-owns\` and ask again.`;
  try {
    await services.call("chat.postEphemeral", () =>
      client.chat.postEphemeral({
        channel,
        user,
        text: note,
        ...(conversation.threadTs ? { thread_ts: conversation.threadTs } : {}),
      }),
    );
    return;
  } catch (error) {
    if (!isNotInChannel(error)) throw error;
  }
  await services.call("chat.postMessage", () =>
    client.chat.postMessage({
      channel: user,
      text: `${note} ${message.text}`,
      blocks: [
        { type: "context", elements: [{ type: "mrkdwn", text: `${note} Here is the answer:` }] },
        ...message.blocks,
      ].slice(0, 50),
      unfurl_links: false,
      unfurl_media: false,
    }),
  );
}

/**
 * Slack refused or failed the answer (a long 429, 500s, a timeout): tell the asker privately, once. If that
 * fails too, nothing more is tried; the caller logs the failure once, saying whether they were told.
 */
async function tellPrivately(
  services: Services,
  conversation: Conversation,
  error: unknown,
): Promise<boolean> {
  const { client, channel, user } = conversation;
  if (!user) return false;
  const text =
    rateLimitedAfter(error) !== undefined
      ? "Slack is busy right now, so I couldn't post my answer. Please try again in a minute."
      : "Sorry, something went wrong posting my answer. Please try again.";
  try {
    await services.call("chat.postEphemeral", () =>
      client.chat.postEphemeral({
        channel,
        user,
        text,
        ...(conversation.threadTs ? { thread_ts: conversation.threadTs } : {}),
      }),
    );
    return true;
  } catch {
    return false;
  }
}

async function answerConversation(services: Services, conversation: Conversation): Promise<void> {
  const { logger } = services;
  const started = Date.now();
  const ctx = await services.directory.names(conversation.client, conversation.teamId);
  const preferModel =
    conversation.via === "mention"
      ? services.channelDefaults().modelFor(conversation.channel, ctx.channelName(conversation.channel))
      : undefined;
  const question = questionFromSlack(conversation.text, conversation.botUserId);
  const { message, meta, answeredOn } = await services.reply(parseRequest(question), {
    ctx,
    place: "reply",
    typed: typedQuestion(conversation.text, conversation.botUserId),
    here: conversation.channel,
    // In a channel's thread everyone reads the answer: it names who asked ("<@U…> asked"), not "You asked".
    ...(conversation.via === "mention" ? { askedBy: conversation.user } : {}),
    ...(preferModel ? { preferModel } : {}),
    ...(conversation.threadTs ? { threadTs: conversation.threadTs } : {}),
  });
  try {
    await postAnswer(services, conversation, message);
  } catch (error) {
    if (!isNotInChannel(error)) {
      const told = await tellPrivately(services, conversation, error);
      throw Object.assign(error as Error, { told });
    }
    logger.warn("cannot post in channel; telling the asker", {
      channel: conversation.channel,
      via: conversation.via,
    });
    await answerElsewhere(services, conversation, message);
  }
  const asked = askedEvent(meta, {
    surface: conversation.via,
    question,
    channel: conversation.channel,
    user: conversation.user,
    ...(conversation.teamId ? { team: conversation.teamId } : {}),
  });
  if (asked) services.recorder.asked(asked);
  logger.info(`${conversation.via} answered`, {
    team: conversation.teamId,
    user: conversation.user,
    channel: conversation.channel,
    threaded: conversation.threadTs !== undefined,
    ...meta,
    ...(preferModel ? { preferModel } : {}),
    answeredOn,
    ms: Date.now() - started,
  });
  if (logger.isDebug()) logger.debug(`${conversation.via} text`, { text: conversation.text });
}

/** Mentions answer in the thread of the question (or start one on it); DMs answer where they were asked. */
function conversationHandler(via: "mention" | "dm"): Handler {
  return async ({ event, client, context }, services) => {
    const message = event as unknown as ConversationEvent;
    if (!isQuestion(message, context.botUserId)) return;
    await answerConversation(services, {
      client,
      teamId: context.teamId,
      botUserId: context.botUserId,
      channel: message.channel,
      user: message.user ?? "",
      text: message.text ?? "",
      threadTs: via === "mention" ? (message.thread_ts ?? message.ts) : message.thread_ts,
      via,
    });
  };
}

const onMention = conversationHandler("mention");
const onDirectMessage = conversationHandler("dm");

const onHomeOpened: Handler = async ({ event, client, context }, services) => {
  const opened = event as unknown as { user: string; tab?: string; view?: { private_metadata?: string } };
  if (opened.tab !== "home") return;
  // Reopening keeps where the person was (the published view carries its state); a first visit starts fresh.
  const previous = decode(homeStateSchema, opened.view?.private_metadata);
  const { notice: _notice, ...state } = previous ?? { page: 0 };
  await publishHome(services, client, opened.user, state, context.teamId);
  services.logger.info("home opened", { team: context.teamId, user: opened.user, model: state.model });
};

/**
 * The bot events this listener answers, as the manifest names them (`message.im` is a `message` event
 * whose channel_type is `im`). The manifest must subscribe to exactly these.
 */
const HANDLERS = {
  app_mention: onMention,
  "message.im": onDirectMessage,
  app_home_opened: onHomeOpened,
} satisfies Record<string, Handler>;

export type BotEvent = keyof typeof HANDLERS;
export const BOT_EVENTS = Object.keys(HANDLERS) as BotEvent[];

/** The handler for an event, by its type and (for `message`) its channel type. */
export function handlerOf(type: string, channelType: string | undefined): BotEvent | undefined {
  return BOT_EVENTS.find((name) => {
    const [eventType, wantedChannel] = name.split(".");
    return eventType === type && (wantedChannel === undefined || wantedChannel === channelType);
  });
}

const EVENT_TYPES = [...new Set(BOT_EVENTS.map((name) => name.split(".")[0] as string))];
const ANY_EVENT = new RegExp(`^(?:${EVENT_TYPES.join("|")})$`);

// One Bolt listener for every event, not one each: Bolt runs every listener's matchers on every request.
export function register(app: App, services: Services): void {
  app.event(ANY_EVENT, async (args) => {
    const name = handlerOf(args.event.type, (args.event as { channel_type?: string }).channel_type);
    if (!name) return;
    try {
      await HANDLERS[name](args as EventArgs, services);
    } catch (error) {
      const failed = error as Error & { told?: boolean };
      services.logger.error("event failed", {
        event: name,
        error: failed.message,
        ...(slackError(error) ? { slackError: slackError(error) } : {}),
        ...(rateLimitedAfter(error) !== undefined ? { retryAfter: rateLimitedAfter(error) } : {}),
        ...(failed.told !== undefined ? { told: failed.told } : {}),
      });
    }
  });
}
