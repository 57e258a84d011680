// What every action handler shares: reading what a click carries, private notes, the row a button points at.

import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs, webApi } from "@slack/bolt";
import { feedbackSurface } from "../../../store/slack.ts";
import { feedbackModal } from "../../blocks/feedback.ts";
import { safeRespond } from "../../calls.ts";
import type { Services } from "../../services.ts";
import { decode, type FeedbackRef, rowRefSchema } from "../../values.ts";

export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
export type ActionHandler = (args: ActionArgs, services: Services) => Promise<void>;

export const GONE = "That is no longer in the data (it may have been updated). Please ask again.";

/** What a button, select or input carries. */
export function carried(action: ActionArgs["action"]): string | undefined {
  const element = action as { type: string; value?: string; selected_option?: { value?: string } | null };
  if (element.type === "static_select") return element.selected_option?.value ?? undefined;
  return element.value ?? undefined;
}

export const actionIdOf = (action: ActionArgs["action"]): string =>
  (action as { action_id: string }).action_id;

/** The thread a click happened in, if any, so a share lands there. */
export function threadOf(body: BlockAction): string | undefined {
  const container = body.container as { thread_ts?: string } | undefined;
  return container?.thread_ts ?? (body.message?.thread_ts as string | undefined);
}

/** A private note to the person who clicked, leaving their message as it is. */
export function tellPrivately(
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
export async function carriedRow(
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

/** A 👍/👎 logged and recorded (after the reply: recording never delays it). */
export function logFeedback(
  services: Services,
  vote: "up" | "down",
  ref: FeedbackRef,
  user: string,
  team: string | undefined,
  channel?: string,
): void {
  services.logger.info("feedback", { vote, model: ref.m, row: ref.r, surface: ref.s, user });
  services.recorder.voted({
    surface: feedbackSurface(ref.s, channel),
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
export async function openFeedbackModal(
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
