// The optional "what were you looking for?" modal a 👎 opens.
import type { types } from "@slack/bolt";
import { BLOCK, FEEDBACK_COMMENT_ACTION, VIEW } from "../ids.ts";
import { escapeMrkdwn, truncatePlain } from "../text.ts";
import { encode, type FeedbackModalRef, METADATA_MAX } from "../values.ts";
import { context } from "./common.ts";

export const COMMENT_MAX = 1000;

export function feedbackModal(ref: FeedbackModalRef, responsibility?: string): types.ModalView {
  const about = responsibility
    ? `You marked “${escapeMrkdwn(truncatePlain(responsibility, 200))}” as not helpful.`
    : "";
  return {
    type: "modal",
    callback_id: VIEW.feedback,
    private_metadata: encode(ref, METADATA_MAX),
    title: { type: "plain_text", text: "Not helpful" },
    submit: { type: "plain_text", text: "Send" },
    close: { type: "plain_text", text: "Skip" },
    blocks: [
      ...(about ? [context(about)] : []),
      {
        type: "input",
        block_id: BLOCK.feedbackComment,
        optional: true,
        label: { type: "plain_text", text: "What were you looking for?" },
        element: {
          type: "plain_text_input",
          action_id: FEEDBACK_COMMENT_ACTION,
          multiline: true,
          max_length: COMMENT_MAX,
        },
      },
    ],
  };
}
