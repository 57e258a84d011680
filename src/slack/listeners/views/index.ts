// View submissions: the optional "what were you looking for?" modal after a 👎.
import type { App } from "@slack/bolt";
import { feedbackSurface } from "../../../store/slack.ts";
import { BLOCK, FEEDBACK_COMMENT_ACTION, VIEW } from "../../ids.ts";
import type { Services } from "../../services.ts";
import { decode, feedbackModalSchema } from "../../values.ts";

export function register(app: App, services: Services): void {
  app.view(VIEW.feedback, async ({ ack, view, body, context }) => {
    // Closing the modal is the whole reply; the thanks was said when 👎 was pressed.
    await ack();
    try {
      const ref = decode(feedbackModalSchema, view.private_metadata);
      const comment = view.state.values[BLOCK.feedbackComment]?.[FEEDBACK_COMMENT_ACTION]?.value ?? "";
      services.logger.info("feedback comment", {
        vote: "down",
        model: ref?.m,
        row: ref?.r,
        surface: ref?.s,
        user: body.user.id,
        length: comment.length,
      });
      if (ref && comment.trim()) {
        services.recorder.commented({
          surface: feedbackSurface(ref.s, ref.c),
          team: context.teamId ?? body.team?.id,
          user: body.user.id,
          question: ref.q,
          model: ref.m,
          rowId: ref.r,
          comment: comment.trim(),
        });
      }
      // What people type is message text: only at debug.
      if (services.logger.isDebug())
        services.logger.debug("feedback comment text", { comment, query: ref?.q });
    } catch (error) {
      services.logger.error("feedback comment failed", { error: (error as Error).message });
    }
  });
}
