// Every Home tab click: the next state from nextHomeState, then the tab republished. 👍/👎 in the tab are
// logged (and 👎 opens the modal) here, the only side effect the pure transition leaves out.

import { askedEvent } from "../../../store/slack.ts";
import { publishHome } from "../../home.ts";
import { homeEventOf, nextHomeState } from "../../home-state.ts";
import { ACTION } from "../../ids.ts";
import { answerMeta } from "../../reply.ts";
import { decode, feedbackSchema, type HomeState, homeStateSchema } from "../../values.ts";
import { type ActionHandler, actionIdOf, carried, logFeedback, openFeedbackModal } from "./support.ts";

export const home: ActionHandler = async ({ action, body, client, context }, services) => {
  const actionId = actionIdOf(action);
  const current: HomeState = decode(homeStateSchema, body.view?.private_metadata) ?? { page: 0 };
  const value = carried(action);
  const event = homeEventOf(actionId, value);
  if (event.kind === "unknown") services.logger.warn("unknown home action", { action: actionId });
  if (event.kind === "voted") {
    const vote = actionId === ACTION.homeFeedbackDown ? "down" : "up";
    const ref = decode(feedbackSchema, value);
    if (ref) {
      logFeedback(services, vote, ref, body.user.id, context.teamId ?? body.team?.id);
      if (vote === "down") await openFeedbackModal(services, client, body, ref);
    }
  }
  const next = nextHomeState(current, event);
  const team = context.teamId ?? body.team?.id;
  const answer = await publishHome(services, client, body.user.id, next, team);
  // A question typed (or an example clicked) in the tab, recorded after the tab shows its answer.
  if (event.kind === "ask" && answer && next.question) {
    const asked = askedEvent(answerMeta(answer), {
      surface: "home",
      question: next.question,
      user: body.user.id,
      ...(team ? { team } : {}),
    });
    if (asked) services.recorder.asked(asked);
  }
  services.logger.info("home navigated", {
    user: body.user.id,
    action: actionId,
    model: next.model,
    page: next.page,
  });
};
