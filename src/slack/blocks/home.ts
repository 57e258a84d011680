// The Home tab: "Start here" with questions that work, or a model's rows (ten a page, each with its own
// button), a party filter, and a question box. Everything the next click needs is in private_metadata,
// so any instance can serve it. State transitions live in ../home-state.ts.
import type { types } from "@slack/bolt";
import type { Engine } from "../../answer/engine.ts";
import type { Answer } from "../../answer/types.ts";
import { EXAMPLES, START_QUESTIONS } from "../../examples.ts";
import type { Model } from "../../model/types.ts";
import { EVERYONE, SEARCH_MAX } from "../home-state.ts";
import { ACTION, BLOCK } from "../ids.ts";
import { escapeMrkdwn, truncatePlain } from "../text.ts";
import { encode, type HomeState, METADATA_MAX, type RowRef } from "../values.ts";
import { closeAlternatives, notAnsweredMessage, type RenderContext, rowCard } from "./answer.ts";
import {
  itemFromMatch,
  itemFromRow,
  type ListItem,
  legendText,
  listPage,
  pageStatus,
  sourceLink,
} from "./catalogue.ts";
import { homeChangesBlocks } from "./changes.ts";
import { actions, type Block, button, context, divider, header, option, section, select } from "./common.ts";

export const HOME_CALLBACK = "home";

/** The state the Home tab opens with: the "Start here" section. */
export function initialHomeState(): HomeState {
  return { page: 0 };
}

function controls(engine: Engine, model: Model | undefined, state: HomeState): Block[] {
  const models = engine.catalogue.models;
  const elements: types.ActionsBlockElement[] = [
    select(
      ACTION.homeModel,
      "Browse a model",
      models.map((m) => option(m.name, m.id)),
      model?.id,
    ),
  ];
  if (model) {
    const party = state.party && model.parties.includes(state.party) ? state.party : undefined;
    elements.push(
      select(
        ACTION.homeParty,
        "Filter by party",
        [
          option("Everyone", EVERYONE),
          ...model.parties.map((p) => option(`What is the ${p} responsible for?`, p)),
        ],
        party ?? EVERYONE,
      ),
    );
  }
  const search: types.InputBlock = {
    type: "input",
    block_id: BLOCK.homeSearch,
    dispatch_action: true,
    label: { type: "plain_text", text: "Ask who owns something (press Enter)", emoji: true },
    element: {
      type: "plain_text_input",
      action_id: ACTION.homeSearch,
      max_length: SEARCH_MAX,
      placeholder: { type: "plain_text", text: `e.g. ${EXAMPLES.restartApp}` },
      dispatch_action_config: { trigger_actions_on: ["on_enter_pressed"] },
      ...(state.question ? { initial_value: truncatePlain(state.question, SEARCH_MAX) } : {}),
    },
  };
  return [search, actions(elements)];
}

/** Ten rows with an Open button each, the legend of a party list, Previous/Next. */
function listBody(items: ListItem[], state: HomeState, party?: string): Block[] {
  const page = listPage(items, state.page, {
    ...(party ? { party } : {}),
    open: (item, index) =>
      button(
        "Open",
        `${ACTION.homePickPrefix}${index}`,
        encode({ m: item.model, r: item.rowId } satisfies RowRef),
      ),
  });
  const blocks: Block[] = [];
  if (party && page.total > 0) blocks.push(context(legendText(items, party)));
  blocks.push(...page.blocks);
  if (page.total === 0) blocks.push(section("_Nothing here._"));
  const nav: types.ActionsBlockElement[] = [];
  if (page.page > 0) nav.push(button("← Previous", ACTION.homePrev, encode({ page: page.page - 1 })));
  if (page.page < page.pages - 1)
    nav.push(button("Next →", ACTION.homeNext, encode({ page: page.page + 1 })));
  blocks.push(context(pageStatus(page)));
  if (nav.length > 0) blocks.push(actions(nav));
  return blocks;
}

function backButton(label: string): Block {
  return actions([button(label, ACTION.homeBack, "back")]);
}

function startHere(): Block[] {
  return [
    section("*Start here* — ask one of these, type your own above, or browse a model:"),
    actions(
      START_QUESTIONS.map((question, i) =>
        button(question, `${ACTION.homeExamplePrefix}${i}`, truncatePlain(question, SEARCH_MAX)),
      ),
    ),
  ];
}

/**
 * The Home view for a state. A model or row no longer in the data (after a reload) falls back with a notice.
 * `onAnswer` is told the answer to the state's question, when the view shows one (so it can be recorded).
 */
export function homeView(
  engine: Engine,
  input: HomeState,
  ctx: RenderContext,
  onAnswer?: (answer: Answer) => void,
): types.HomeView {
  const state: HomeState = { ...input };
  const models = engine.catalogue.models;
  const blocks: Block[] = [
    header("who-owns"),
    context("Who owns what, and where to ask — from published shared responsibility models."),
  ];
  if (models.length === 0) {
    blocks.push(section("_No models are loaded._"));
    return { type: "home", callback_id: HOME_CALLBACK, private_metadata: "{}", blocks };
  }
  const model = state.model ? models.find((m) => m.id === state.model) : undefined;
  if (state.model && !model) {
    state.notice = "gone";
    state.model = undefined;
    state.party = undefined;
    state.row = undefined;
  }
  const party = model && state.party && model.parties.includes(state.party) ? state.party : undefined;
  const shown = state.row && model ? engine.match(model.id, state.row) : undefined;
  if (state.row && !shown) {
    state.notice = "gone";
    state.row = undefined;
  }

  const body: Block[] = [];
  if (shown) {
    body.push(
      ...rowCard(shown, { ctx, place: "home", ...(state.question ? { query: state.question } : {}) }).blocks,
    );
    const back = state.question
      ? "← Back to the answer"
      : `← Back to ${truncatePlain(model?.name ?? "the list", 50)}`;
    body.push(backButton(back));
  } else if (state.question) {
    const answer = engine.ask(state.question, model ? { preferModel: model.id } : {});
    onAnswer?.(answer);
    if (answer.kind === "party" && answer.answered) {
      const items = answer.matches.map((m) => itemFromMatch(m));
      body.push(
        section(`*What the ${escapeMrkdwn(answer.party ?? "party")} is responsible for*`),
        ...listBody(items, state, answer.party),
      );
    } else if (answer.answered && answer.matches[0]) {
      const top = answer.matches[0];
      body.push(
        ...rowCard(
          top,
          { ctx, place: "home", query: state.question, ...(answer.part ? { part: answer.part } : {}) },
          closeAlternatives(answer),
        ).blocks,
      );
    } else {
      body.push(...notAnsweredMessage(answer, { ctx, place: "home", query: state.question }).blocks);
    }
    body.push(backButton(model ? `← Back to ${truncatePlain(model.name, 50)}` : "← Back to the start"));
  } else if (model) {
    const rows = engine.browse(model.id, party);
    const heading = party
      ? `*${escapeMrkdwn(model.name)}* — what the ${escapeMrkdwn(party)} is responsible for`
      : `*${escapeMrkdwn(model.name)}* — who owns each responsibility`;
    body.push(
      section(heading),
      ...listBody(
        rows.map((row) => itemFromRow(row, model)),
        state,
        party,
      ),
    );
    const source = sourceLink(model);
    if (source) body.push(context(source));
  } else {
    body.push(...startHere());
  }

  blocks.push(...controls(engine, model, state));
  if (state.notice === "thanks") blocks.push(context("Thanks for the feedback."));
  if (state.notice === "gone")
    blocks.push(context("That is no longer in the data; here is what there is now."));
  blocks.push(divider(), ...body);
  // A model's list ends with what changed in it lately; answers and rows carry their own source.
  if (model && !shown && !state.question) blocks.push(...homeChangesBlocks(model));

  const { notice: _notice, ...kept } = state;
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
