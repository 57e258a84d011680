// The Home tab: pick a model, see its rows and owners at a glance, filter by party, search.
// Everything the next click needs is in private_metadata, so any instance can serve it.
import type { types } from "@slack/bolt";
import type { Engine } from "../../answer/engine.ts";
import type { Model } from "../../model/types.ts";
import { ACTION, BLOCK } from "../ids.ts";
import { escapeMrkdwn, truncatePlain } from "../text.ts";
import { encode, type HomeState, METADATA_MAX } from "../values.ts";
import { closeAlternatives, notAnsweredMessage, type RenderContext, rowCard } from "./answer.ts";
import {
  itemFromMatch,
  itemFromRow,
  type ListItem,
  listPage,
  PER_PAGE,
  rowSelect,
  sourceLink,
} from "./catalogue.ts";
import { homeChangesBlocks } from "./changes.ts";
import { actions, type Block, button, context, divider, header, option, section, select } from "./common.ts";

export const HOME_CALLBACK = "home";
export const EVERYONE = "*";
export const SEARCH_MAX = 300;

/** The state the Home tab opens with: the first model, everything, page one. */
export function initialHomeState(): HomeState {
  return { pg: 0 };
}

function pickModel(engine: Engine, state: HomeState): { model?: Model; gone: boolean } {
  const models = engine.catalogue.models;
  if (state.m) {
    const found = models.find((m) => m.id === state.m);
    if (found) return { model: found, gone: false };
    return { model: models[0], gone: true };
  }
  return { model: models[0], gone: false };
}

function controls(engine: Engine, model: Model, state: HomeState): Block[] {
  const models = engine.catalogue.models;
  const party = state.p && model.parties.includes(state.p) ? state.p : undefined;
  const modelSelect = select(
    ACTION.homeModel,
    "Pick a model",
    models.map((m) => option(m.name, m.id)),
    model.id,
  );
  const partySelect = select(
    ACTION.homeParty,
    "Filter by party",
    [
      option("Everyone", EVERYONE),
      ...model.parties.map((p) => option(`What is the ${p} responsible for?`, p)),
    ],
    party ?? EVERYONE,
  );
  const search: types.InputBlock = {
    type: "input",
    block_id: BLOCK.homeSearch,
    dispatch_action: true,
    label: { type: "plain_text", text: "Ask who owns something (press Enter)", emoji: true },
    element: {
      type: "plain_text_input",
      action_id: ACTION.homeSearch,
      max_length: SEARCH_MAX,
      placeholder: { type: "plain_text", text: "e.g. who patches the operating system?" },
      dispatch_action_config: { trigger_actions_on: ["on_enter_pressed"] },
      ...(state.q ? { initial_value: truncatePlain(state.q, SEARCH_MAX) } : {}),
    },
  };
  return [actions([modelSelect, partySelect]), search];
}

function listBody(items: ListItem[], state: HomeState, party?: string): Block[] {
  const page = listPage(items, state.pg, PER_PAGE.home, party);
  const blocks: Block[] = [...page.blocks];
  if (page.total === 0) blocks.push(section("_Nothing here._"));
  const status =
    page.pages > 1 ? `Page ${page.page + 1} of ${page.pages} · ${page.total} rows` : `${page.total} rows`;
  blocks.push(context(status));
  const nav: types.ActionsBlockElement[] = [];
  if (page.page > 0) nav.push(button("← Previous", ACTION.homePrev, encode({ pg: page.page - 1 })));
  if (page.page < page.pages - 1) nav.push(button("Next →", ACTION.homeNext, encode({ pg: page.page + 1 })));
  const picker = rowSelect(page.items, ACTION.homeRow, (item) =>
    JSON.stringify({ m: item.model, r: item.rowId }),
  );
  if (picker) nav.push(picker);
  if (nav.length > 0) blocks.push(actions(nav));
  return blocks;
}

function backButton(label: string): Block {
  return actions([button(label, ACTION.homeBack, "back")]);
}

/** The Home view for a state. Unknown models or rows (after a data reload) fall back to the first model. */
export function homeView(engine: Engine, input: HomeState, ctx: RenderContext): types.HomeView {
  const state: HomeState = { ...input };
  const { model, gone } = pickModel(engine, state);
  const blocks: Block[] = [
    header("who-owns"),
    section(
      "Who owns what, from published shared responsibility models. Pick a model, filter by party, or ask.",
    ),
  ];
  if (!model) {
    blocks.push(section("_No models are loaded._"));
    return { type: "home", callback_id: HOME_CALLBACK, private_metadata: "{}", blocks };
  }
  state.m = model.id;
  if (gone) state.n = "gone";

  const party = state.p && model.parties.includes(state.p) ? state.p : undefined;
  const match = state.r ? engine.match(model.id, state.r) : undefined;
  const body: Block[] = [];
  if (state.r && match) {
    body.push(...rowCard(match, { ctx, place: "home", ...(state.q ? { query: state.q } : {}) }).blocks);
    body.push(backButton(state.q ? "← Back to the answer" : `← Back to ${truncatePlain(model.name, 50)}`));
  } else if (state.q) {
    if (state.r) state.n = "gone";
    state.r = undefined;
    const answer = engine.ask(state.q, { preferModel: model.id });
    body.push(section(`You asked: “${escapeMrkdwn(truncatePlain(state.q, 300))}”`));
    if (answer.kind === "party" && answer.answered) {
      const items = answer.matches.map((m) => itemFromMatch(m, answer.party));
      body.push(
        section(`*What the ${escapeMrkdwn(answer.party ?? "party")} is responsible for*`),
        ...listBody(items, state, answer.party),
      );
    } else if (answer.answered && answer.matches[0]) {
      const top = answer.matches[0];
      body.push(...rowCard(top, { ctx, place: "home", query: state.q }, closeAlternatives(answer)).blocks);
    } else {
      body.push(...notAnsweredMessage(answer, { ctx, place: "home", query: state.q }).blocks);
    }
    body.push(backButton(`← Back to ${truncatePlain(model.name, 50)}`));
  } else {
    if (state.r) state.n = "gone";
    state.r = undefined;
    const rows = engine.browse(model.id, party);
    const heading = party
      ? `*${escapeMrkdwn(model.name)}* — what the ${escapeMrkdwn(party)} is responsible for`
      : `*${escapeMrkdwn(model.name)}* — who owns each responsibility`;
    const items = rows.map((row) => itemFromRow(row, model, party));
    body.push(section(heading), ...listBody(items, state, party));
  }

  blocks.push(...controls(engine, model, state));
  if (state.n === "thanks") blocks.push(context("Thanks for the feedback."));
  if (state.n === "gone") blocks.push(context("That is no longer in the data; here is what there is now."));
  blocks.push(divider(), ...body);
  const source = sourceLink(model);
  if (source) blocks.push(divider(), context(source));
  blocks.push(...homeChangesBlocks(model));

  const { n: _notice, ...kept } = state;
  return {
    type: "home",
    callback_id: HOME_CALLBACK,
    private_metadata: encode(stripUndefined(kept), METADATA_MAX),
    blocks,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
