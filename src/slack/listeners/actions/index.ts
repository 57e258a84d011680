// Buttons and selects, one handler a file: share, show a row, ask the owners, feedback, list pages, Home.
// Each click carries what it needs (values, private_metadata): any instance can serve it.
import type { App, BlockAction } from "@slack/bolt";
import { slackError } from "../../calls.ts";
import { ACTION_PATTERNS } from "../../ids.ts";
import type { Services } from "../../services.ts";
import { askOwners } from "./ask-owners.ts";
import { feedback } from "./feedback.ts";
import { home } from "./home.ts";
import { page } from "./page.ts";
import { share } from "./share.ts";
import { showRow } from "./show-row.ts";
import { type ActionArgs, type ActionHandler, tellPrivately } from "./support.ts";

/** The action families this listener answers, each a pattern on action_id. */
const HANDLERS: Record<keyof typeof ACTION_PATTERNS, ActionHandler> = {
  share,
  askOwners,
  row: showRow,
  feedback,
  page,
  home,
};

export const ACTION_FAMILIES = Object.keys(HANDLERS) as (keyof typeof ACTION_PATTERNS)[];

/** The family an action_id belongs to, if any. */
export function familyOf(actionId: string): keyof typeof ACTION_PATTERNS | undefined {
  return ACTION_FAMILIES.find((family) => ACTION_PATTERNS[family].test(actionId));
}

/** Every family's pattern as one: an action_id no family claims stays unhandled (Bolt warns of it). */
const ANY_FAMILY = new RegExp(
  ACTION_FAMILIES.map((family) => `(?:${ACTION_PATTERNS[family].source})`).join("|"),
);

// One Bolt listener for every family, not one each: Bolt runs every registered listener's matchers on every
// request (a slash command included), so each extra listener is a cost paid by all of them.
export function register(app: App, services: Services): void {
  app.action<BlockAction>(ANY_FAMILY, async (bolt) => {
    await bolt.ack();
    const family = familyOf(bolt.action.action_id);
    if (!family) return;
    const handler = HANDLERS[family];
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
