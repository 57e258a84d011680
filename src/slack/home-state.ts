// The Home tab's state transitions: a click (or a typed question) and the current state give the next
// state. Pure, so every transition is tested without Slack; the handler only decodes, calls this, publishes.

import { z } from "zod";
import { ACTION } from "./ids.ts";
import { decode, type HomeState, rowRefSchema } from "./values.ts";

/** The value of the party select that means "no filter". */
export const EVERYONE = "*";
/** The longest question the Home tab's input takes. */
export const SEARCH_MAX = 300;

/** What a person did in the Home tab, in words rather than action ids. */
export type HomeEvent =
  | { kind: "pickModel"; model?: string }
  | { kind: "pickParty"; party?: string }
  | { kind: "ask"; question: string }
  | { kind: "turnPage"; page: number }
  | { kind: "openRow"; model: string; row: string }
  | { kind: "back" }
  | { kind: "voted" }
  | { kind: "unknown" };

const pageValue = z.object({ page: z.number().int().min(0).max(10_000) });

/** Reads a Home click: its action id and the value its element carried. */
export function homeEventOf(actionId: string, value: string | undefined): HomeEvent {
  switch (actionId) {
    case ACTION.homeModel:
      return { kind: "pickModel", ...(value ? { model: value } : {}) };
    case ACTION.homeParty:
      return { kind: "pickParty", ...(value && value !== EVERYONE ? { party: value } : {}) };
    case ACTION.homeSearch:
      return { kind: "ask", question: value ?? "" };
    case ACTION.homePrev:
    case ACTION.homeNext:
      return { kind: "turnPage", page: decode(pageValue, value)?.page ?? 0 };
    case ACTION.homeBack:
      return { kind: "back" };
    case ACTION.homeFeedbackUp:
    case ACTION.homeFeedbackDown:
      return { kind: "voted" };
  }
  if (actionId.startsWith(ACTION.homeExamplePrefix)) return { kind: "ask", question: value ?? "" };
  if (actionId.startsWith(ACTION.homePickPrefix)) {
    const ref = decode(rowRefSchema, value);
    return ref ? { kind: "openRow", model: ref.m, row: ref.r } : { kind: "unknown" };
  }
  return { kind: "unknown" };
}

/** The next state. A notice lasts one view; anything else unknown leaves the state as it was. */
export function nextHomeState(current: HomeState, event: HomeEvent): HomeState {
  const { notice: _shownOnce, ...state } = current;
  switch (event.kind) {
    case "pickModel":
      return { page: 0, ...(event.model ? { model: event.model } : {}) };
    case "pickParty":
      return {
        page: 0,
        ...(state.model ? { model: state.model } : {}),
        ...(event.party ? { party: event.party } : {}),
      };
    case "ask": {
      const question = event.question.trim().slice(0, SEARCH_MAX);
      const { row: _row, question: _old, ...rest } = state;
      return { ...rest, page: 0, ...(question ? { question } : {}) };
    }
    case "turnPage": {
      const { row: _row, ...rest } = state;
      return { ...rest, page: event.page };
    }
    case "openRow": {
      // A party filter belongs to its model: opening another model's row leaves it behind.
      const { party, ...rest } = state;
      const keepParty = party !== undefined && event.model === state.model;
      return { ...rest, ...(keepParty ? { party } : {}), model: event.model, row: event.row };
    }
    case "back": {
      const { row, question: _question, ...rest } = state;
      // From a row, back to what led there (the answer or the list); from an answer, back to the list.
      return row
        ? { ...rest, ...(state.question ? { question: state.question } : {}) }
        : { ...rest, page: 0 };
    }
    case "voted":
      return { ...state, notice: "thanks" };
    case "unknown":
      return state;
  }
}
