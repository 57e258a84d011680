// Small Block Kit builders that hold the limits: every text is cut to fit before it leaves here.
import type { types } from "@slack/bolt";
import { truncateMrkdwn, truncatePlain } from "../text.ts";
import { LIMITS } from "./limits.ts";

export type Block = types.KnownBlock;
export type Button = types.Button;

/** A message as chat.postMessage, chat.postEphemeral or a response_url takes it. */
export interface Message {
  text: string;
  blocks: Block[];
}

export const plain = (text: string, max: number): types.PlainTextElement => ({
  type: "plain_text",
  text: truncatePlain(text, max) || " ",
  emoji: true,
});

/** A section of mrkdwn (already escaped), cut to the section limit. */
export function section(text: string, accessory?: types.SectionBlockAccessory): types.SectionBlock {
  return {
    type: "section",
    text: { type: "mrkdwn", text: truncateMrkdwn(text, LIMITS.sectionText) },
    ...(accessory ? { accessory } : {}),
  };
}

export function context(...texts: string[]): types.ContextBlock {
  return {
    type: "context",
    elements: texts.slice(0, LIMITS.contextElements).map((text) => ({
      type: "mrkdwn" as const,
      text: truncateMrkdwn(text, LIMITS.sectionText),
    })),
  };
}

export const divider = (): types.DividerBlock => ({ type: "divider" });

export const header = (text: string): types.HeaderBlock => ({
  type: "header",
  text: plain(text, LIMITS.headerText),
});

export function button(
  text: string,
  actionId: string,
  value?: string,
  style?: "primary" | "danger",
): types.Button {
  return {
    type: "button",
    text: plain(text, LIMITS.buttonText),
    action_id: actionId,
    ...(value !== undefined ? { value } : {}),
    ...(style ? { style } : {}),
  };
}

export function actions(elements: types.ActionsBlockElement[], blockId?: string): types.ActionsBlock {
  return {
    type: "actions",
    elements: elements.slice(0, LIMITS.actionsElements),
    ...(blockId ? { block_id: blockId } : {}),
  };
}

export function option(text: string, value: string): types.PlainTextOption {
  return { text: plain(text, LIMITS.optionText), value };
}

/** A static select; `initial` must be one of `options` (the same object is used, so it matches exactly). */
export function select(
  actionId: string,
  placeholder: string,
  options: types.PlainTextOption[],
  initialValue?: string,
): types.StaticSelect {
  const kept = options.slice(0, LIMITS.options);
  const initial = initialValue === undefined ? undefined : kept.find((o) => o.value === initialValue);
  return {
    type: "static_select",
    action_id: actionId,
    placeholder: plain(placeholder, LIMITS.placeholder),
    options: kept,
    ...(initial ? { initial_option: initial } : {}),
  };
}
