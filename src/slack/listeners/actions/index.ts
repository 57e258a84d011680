// Buttons and selects: share, show a row, feedback, list pages, and every Home navigation.
// Each click carries what it needs (values, private_metadata): any instance can serve it.
import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs, webApi } from "@slack/bolt";
import { z } from "zod";
import { feedbackSurface } from "../../../store/slack.ts";
import { rowCard } from "../../blocks/answer.ts";
import { browseMessage, partyMessage } from "../../blocks/catalogue.ts";
import type { Message } from "../../blocks/common.ts";
import { feedbackModal } from "../../blocks/feedback.ts";
import { EVERYONE, SEARCH_MAX } from "../../blocks/home.ts";
import { isNotInChannel, safeRespond, slackError } from "../../calls.ts";
import { publishHome } from "../../home.ts";
import { ACTION, ACTION_PATTERNS } from "../../ids.ts";
import type { Services } from "../../services.ts";
import {
  decode,
  type FeedbackRef,
  feedbackSchema,
  type HomeState,
  homeStateSchema,
  pageRefSchema,
  rowRefSchema,
} from "../../values.ts";

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
type Handler = (args: ActionArgs, services: Services) => Promise<void>;

/** What a button, select or input carries. */
function carried(action: ActionArgs["action"]): string | undefined {
  const element = action as { type: string; value?: string; selected_option?: { value?: string } | null };
  if (element.type === "static_select") return element.selected_option?.value ?? undefined;
  return element.value ?? undefined;
}

const GONE = "That is no longer in the data (it may have been updated). Please ask again.";

/** The thread a click happened in, if any, so a share lands there. */
function threadOf(body: BlockAction): string | undefined {
  const container = body.container as { thread_ts?: string } | undefined;
  return container?.thread_ts ?? (body.message?.thread_ts as string | undefined);
}

/** A private note to the person who clicked, leaving their message as it is. */
function tellPrivately(
  respond: ActionArgs["respond"],
  text: string,
  services: Services,
  what: string,
): Promise<boolean> {
  return safeRespond(
    respond,
    { response_type: "ephemeral", replace_original: false, text },
    services.logger,
    what,
  );
}

/** The row a button carries, as the current data has it; tells the person when it is gone. */
async function carriedRow(
  action: ActionArgs["action"],
  respond: ActionArgs["respond"],
  services: Services,
  what: string,
) {
  const ref = decode(rowRefSchema, carried(action));
  const match = ref ? services.engine().match(ref.m, ref.r) : undefined;
  if (ref && match) return { ref, match };
  await tellPrivately(respond, GONE, services, what);
  return undefined;
}

const share: Handler = async ({ action, body, client, respond, context }, services) => {
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

const showRow: Handler = async ({ action, body, client, respond, context }, services) => {
  const carriedMatch = await carriedRow(action, respond, services, "row");
  if (!carriedMatch) return;
  const { ref, match } = carriedMatch;
  const ctx = await services.directory.names(client, context.teamId ?? body.team?.id);
  const threadTs = ref.t ?? threadOf(body);
  const card = rowCard(match, {
    ctx,
    place: "ephemeral",
    ...(ref.q ? { query: ref.q } : {}),
    ...(threadTs ? { threadTs } : {}),
  });
  await safeRespond(
    respond,
    { response_type: "ephemeral", replace_original: false, ...card },
    services.logger,
    "row",
  );
  services.logger.info("row shown", { user: body.user.id, model: match.model, row: match.rowId });
  services.recorder.chosen({
    surface: body.container?.type === "view" ? "home" : "slash",
    team: context.teamId ?? body.team?.id,
    user: body.user.id,
    question: ref.q,
    model: match.model,
    rowId: match.rowId,
    choice: "row",
  });
};

function logFeedback(
  services: Services,
  vote: "up" | "down",
  ref: FeedbackRef,
  user: string,
  team: string | undefined,
): void {
  services.logger.info("feedback", { vote, model: ref.m, row: ref.r, surface: ref.s, user });
  services.recorder.voted({
    surface: feedbackSurface(ref.s),
    team,
    user,
    question: ref.q,
    model: ref.m,
    rowId: ref.r,
    vote,
  });
  if (services.logger.isDebug()) services.logger.debug("feedback query", { query: ref.q });
}

/** After a 👎, an optional modal asks what they were looking for. */
async function openFeedbackModal(
  services: Services,
  client: webApi.WebClient,
  body: BlockAction,
  ref: FeedbackRef,
): Promise<void> {
  if (!body.trigger_id) return;
  const match = services.engine().match(ref.m, ref.r);
  try {
    await services.call("views.open", () =>
      client.views.open({
        trigger_id: body.trigger_id,
        view: feedbackModal(
          { ...ref, ...(body.channel?.id ? { c: body.channel.id } : {}) },
          match?.responsibility,
        ),
      }),
    );
  } catch (error) {
    services.logger.warn("feedback modal not opened", { error: (error as Error).message });
  }
}

const feedback: Handler = async ({ action, body, client, respond, context }, services) => {
  const vote = (action as { action_id: string }).action_id === ACTION.feedbackDown ? "down" : "up";
  const ref = decode(feedbackSchema, carried(action));
  if (!ref) return;
  logFeedback(services, vote, ref, body.user.id, context.teamId ?? body.team?.id);
  if (vote === "down") await openFeedbackModal(services, client, body, ref);
  const text = vote === "up" ? "Thanks for the feedback!" : "Thanks, noted: this answer did not help.";
  await tellPrivately(respond, text, services, "feedback");
};

const page: Handler = async ({ action, body, respond }, services) => {
  const ref = decode(pageRefSchema, carried(action));
  const engine = services.engine();
  if (!ref) {
    await tellPrivately(respond, GONE, services, "page");
    return;
  }
  let message: Message | undefined;
  if (ref.src.k === "b") {
    const { m, p } = ref.src;
    const model = engine.catalogue.models.find((candidate) => candidate.id === m);
    if (model) {
      const party = p && model.parties.includes(p) ? p : undefined;
      message = browseMessage(model, engine.browse(model.id, party), ref.pg, party);
    }
  } else {
    const { q, pm, mo } = ref.src;
    const answer = engine.ask(q, { ...(pm ? { preferModel: pm } : {}), ...(mo ? { model: mo } : {}) });
    if (answer.kind === "party" && answer.answered) message = partyMessage(answer, ref.src, ref.pg);
  }
  if (!message) {
    await tellPrivately(respond, GONE, services, "page");
    return;
  }
  await safeRespond(
    respond,
    // Replacing keeps the message where it was (private or in a thread): no response_type.
    { replace_original: true, ...message },
    services.logger,
    "page",
  );
  services.logger.info("page shown", { user: body.user.id, source: ref.src.k, page: ref.pg });
};

const pageNumber = z.object({ pg: z.number().int().min(0).max(10_000) });

/** Every Home action: work out the next state from the view's private_metadata and the click, republish. */
const home: Handler = async ({ action, body, client, context }, services) => {
  const actionId = (action as { action_id: string }).action_id;
  const current: HomeState = decode(homeStateSchema, body.view?.private_metadata) ?? { pg: 0 };
  const { n: _notice, ...state } = current;
  const value = carried(action);
  let next: HomeState = state;
  switch (true) {
    case actionId === ACTION.homeModel:
      next = { pg: 0, ...(value ? { m: value } : {}) };
      break;
    case actionId === ACTION.homeParty:
      next = {
        pg: 0,
        ...(state.m ? { m: state.m } : {}),
        ...(value && value !== EVERYONE ? { p: value } : {}),
      };
      break;
    case actionId === ACTION.homeSearch: {
      const q = (value ?? "").trim().slice(0, SEARCH_MAX);
      next = { ...state, pg: 0, r: undefined, q: q || undefined };
      break;
    }
    case actionId === ACTION.homePrev || actionId === ACTION.homeNext:
      next = { ...state, r: undefined, pg: decode(pageNumber, value)?.pg ?? 0 };
      break;
    case actionId === ACTION.homeRow || actionId.startsWith(ACTION.homePickPrefix): {
      const ref = decode(rowRefSchema, value);
      if (ref) next = { ...state, m: ref.m, r: ref.r };
      break;
    }
    case actionId === ACTION.homeBack:
      next = state.r ? { ...state, r: undefined } : { ...state, q: undefined, pg: 0 };
      break;
    case actionId === ACTION.homeFeedbackUp || actionId === ACTION.homeFeedbackDown: {
      const vote = actionId === ACTION.homeFeedbackDown ? "down" : "up";
      const ref = decode(feedbackSchema, value);
      if (ref) {
        logFeedback(services, vote, ref, body.user.id, context.teamId ?? body.team?.id);
        if (vote === "down") await openFeedbackModal(services, client, body, ref);
      }
      next = { ...state, n: "thanks" };
      break;
    }
    default:
      services.logger.warn("unknown home action", { action: actionId });
  }
  await publishHome(services, client, body.user.id, next, context.teamId ?? body.team?.id);
  services.logger.info("home navigated", {
    user: body.user.id,
    action: actionId,
    model: next.m,
    page: next.pg,
  });
};

/** The action families this listener answers, each a pattern on action_id. */
const HANDLERS: Record<keyof typeof ACTION_PATTERNS, Handler> = {
  share,
  row: showRow,
  feedback,
  page,
  home,
};

export const ACTION_FAMILIES = Object.keys(HANDLERS) as (keyof typeof ACTION_PATTERNS)[];

export function register(app: App, services: Services): void {
  for (const family of ACTION_FAMILIES) {
    const handler = HANDLERS[family];
    app.action<BlockAction>(ACTION_PATTERNS[family], async (bolt) => {
      await bolt.ack();
      // Bolt's respond() has no timeout: answers go through the app's bounded responder instead.
      const args = { ...bolt, respond: services.respondTo(bolt.body.response_url) } as ActionArgs;
      try {
        await handler(args, services);
      } catch (error) {
        services.logger.error("action failed", {
          family,
          slackError: slackError(error),
          error: (error as Error).message,
        });
        await tellPrivately(
          args.respond,
          "Sorry, something went wrong. Please try again.",
          services,
          "action error",
        );
      }
    });
  }
}
