// The answer card: one Match rendered the same way in every place it appears, and an Answer around it.
import type { types } from "@slack/bolt";
import { roleMeaning } from "../../answer/describe.ts";
import type { Answer, Match, SupportRoute } from "../../answer/types.ts";
import type { Contact } from "../../model/types.ts";
import { ACTION } from "../ids.ts";
import { escapeMrkdwn, link, listing, mailto, notesToMrkdwn, truncatePlain } from "../text.ts";
import { encode, type FeedbackRef, type RowRef } from "../values.ts";
import { actions, type Block, button, context, fieldSections, type Message, section } from "./common.ts";

/** What the renderer needs to know about the workspace: which channels exist here. */
export interface RenderContext {
  /** The id of a public channel of this workspace with that name (no "#"), if there is one. */
  channelId(name: string): string | undefined;
}

export const NO_CHANNELS: RenderContext = { channelId: () => undefined };

/** Where a card is shown decides its buttons. */
export type Place =
  /** Privately to the asker (slash command, a button's reply): Share, alternatives, feedback. */
  | "ephemeral"
  /** Posted in a thread or a DM in answer to a mention or a message: alternatives, feedback. */
  | "reply"
  /** Shared in a channel by the asker: no buttons. */
  | "shared"
  /** In the Home tab: alternatives and feedback as Home actions. */
  | "home";

export interface CardOptions {
  ctx: RenderContext;
  place: Place;
  /** The question as typed (not escaped): echoed, and carried by buttons. */
  query?: string;
  /** The thread the conversation happens in, carried so a share lands there. */
  threadTs?: string;
  /** The user who asked, for a shared card ("<@U…> asked: …"). */
  askedBy?: string;
}

/** A party's cell in words: RACI letters with what they mean, ✅, or — for an empty cell. */
export function roleText(role: string): string {
  if (role === "") return "—";
  if (role === "✅") return "✅";
  return `*${escapeMrkdwn(role)}* — ${roleMeaning(role)}`;
}

/** One route: a channel of this workspace as a link, else its name and workspace; mail and web links. */
export function contactText(contact: Contact, ctx: RenderContext): string {
  switch (contact.type) {
    case "slack-channel": {
      const name = contact.value.replace(/^#/, "");
      const id = ctx.channelId(name.toLowerCase());
      if (id && /^[CG][A-Z0-9]+$/.test(id)) return `<#${id}>`;
      const workspace = contact.workspace ? ` (${escapeMrkdwn(contact.workspace)} workspace)` : "";
      return `#${escapeMrkdwn(name)}${workspace}`;
    }
    case "email":
      return mailto(contact.value);
    case "url":
      return link(contact.value, contact.label);
    default:
      return escapeMrkdwn(contact.value);
  }
}

export function ownersText(match: Pick<Match, "owners" | "ownersFrom" | "notesOwners">): string {
  const names = match.owners.map(escapeMrkdwn);
  let text: string;
  if (names.length === 0) text = "*Owner:* not stated — see the notes";
  else {
    const label = names.length > 1 ? "Owners" : "Owner";
    text = `*${label}:* ${listing(names)}`;
    if (match.ownersFrom === "notes") text += " _(from the notes: no party is marked for this row)_";
  }
  if (match.notesOwners && match.notesOwners.length > 0) {
    text += `\n_The notes say:_ ${listing(match.notesOwners.map(escapeMrkdwn))}`;
  }
  return text;
}

function titleText(match: Match): string {
  const item = match.item !== undefined ? ` (item ${match.item})` : "";
  const where = match.section ? ` › ${escapeMrkdwn(match.section)}` : "";
  return `*${escapeMrkdwn(match.responsibility)}*\n${escapeMrkdwn(match.modelName)}${where}${item}`;
}

function routeText(match: Match, ctx: RenderContext): string | undefined {
  if (match.contacts.length === 0) return undefined;
  const heading = match.contactsFromSupport
    ? "*Where to ask* — the general support route (this row names none):"
    : "*Where to go:*";
  return [heading, ...match.contacts.map((contact) => `• ${contactText(contact, ctx)}`)].join("\n");
}

function sourceText(match: Match): string | undefined {
  if (!match.source) return undefined;
  const licence = match.source.licence ? ` · ${escapeMrkdwn(match.source.licence)}` : "";
  return `Source: ${link(match.source.url, `${match.modelName}`)}${licence}`;
}

/** The card's content, without buttons: responsibility, owners, each party's role, route, notes, source. */
export function matchBlocks(match: Match, ctx: RenderContext): Block[] {
  const blocks: Block[] = [section(titleText(match)), section(ownersText(match))];
  if (match.caveat) blocks.push(context(`_${escapeMrkdwn(match.caveat)}_`));
  if (match.assignments.length > 0) {
    blocks.push(
      ...fieldSections(match.assignments.map((a) => `*${escapeMrkdwn(a.party)}*\n${roleText(a.role)}`)),
    );
  }
  const route = routeText(match, ctx);
  if (route) blocks.push(section(route));
  const notes = notesToMrkdwn(match.notes);
  if (notes) blocks.push(section(`*Notes*\n${notes}`));
  const source = sourceText(match);
  if (source) blocks.push(context(source));
  return blocks;
}

/** The notification text of a card: escaped, short. */
export function matchFallback(match: Match): string {
  const owners = match.owners.length > 0 ? match.owners.join(", ") : "not stated";
  return escapeMrkdwn(`${match.responsibility} — ${owners} (${match.modelName})`);
}

function rowRef(match: Match, options: CardOptions): RowRef {
  return {
    m: match.model,
    r: match.rowId,
    ...(options.query ? { q: options.query } : {}),
    ...(options.threadTs ? { t: options.threadTs } : {}),
  };
}

function feedbackButtons(match: Match, options: CardOptions): types.Button[] {
  const place = options.place === "home" ? "home" : options.place === "reply" ? "msg" : "eph";
  const ref: FeedbackRef = { m: match.model, r: match.rowId, s: place };
  if (options.query) ref.q = options.query;
  const value = encode(ref);
  const [up, down] =
    options.place === "home"
      ? [ACTION.homeFeedbackUp, ACTION.homeFeedbackDown]
      : [ACTION.feedbackUp, ACTION.feedbackDown];
  return [button("👍 Helpful", up, value), button("👎 Not helpful", down, value)];
}

/** Buttons that show other rows: `row.<n>` in messages, `home.pick.<n>` in the Home tab. */
function rowButton(match: Match, index: number, options: CardOptions, label?: string): types.Button {
  const prefix = options.place === "home" ? ACTION.homePickPrefix : ACTION.rowPrefix;
  return button(
    label ?? truncatePlain(match.responsibility, 75),
    `${prefix}${index}`,
    encode(rowRef(match, options)),
  );
}

function askedLine(options: CardOptions): string | undefined {
  const asker =
    options.askedBy && /^[UW][A-Z0-9]+$/.test(options.askedBy) ? `<@${options.askedBy}>` : undefined;
  if (!options.query) return asker ? `${asker} shared this` : undefined;
  const query = escapeMrkdwn(truncatePlain(options.query, 300));
  return asker ? `${asker} asked: “${query}”` : `You asked: “${query}”`;
}

/** One row's card with the buttons its place calls for. */
export function rowCard(match: Match, options: CardOptions, alternatives: Match[] = []): Message {
  const blocks: Block[] = [];
  const asked = askedLine(options);
  if (asked && options.place !== "home") blocks.push(context(asked));
  blocks.push(...matchBlocks(match, options.ctx));
  if (alternatives.length > 0 && options.place !== "shared") {
    blocks.push(section("*Also close:*"));
    blocks.push(actions(alternatives.map((alt, i) => rowButton(alt, i + 1, options))));
  }
  if (options.place !== "shared") {
    const elements: types.Button[] = [];
    if (options.place === "ephemeral") {
      const label = options.threadTs ? "Share in thread" : "Share in channel";
      elements.push(button(label, ACTION.share, encode(rowRef(match, options)), "primary"));
    }
    elements.push(...feedbackButtons(match, options));
    blocks.push(actions(elements));
  }
  return { text: matchFallback(match), blocks };
}

/** The runner-ups worth offering beside an ambiguous answer: close to the top, at most three. */
export function closeAlternatives(answer: Answer): Match[] {
  const [top, ...rest] = answer.matches;
  if (!answer.ambiguous || !top) return [];
  return rest.filter((m, i) => i === 0 || m.score >= top.score - 0.1).slice(0, 3);
}

function supportBlocks(routes: SupportRoute[], ctx: RenderContext): Block[] {
  if (routes.length === 0) return [];
  const lines = routes.slice(0, 10).map((route) => {
    const contacts = route.contacts.map((contact) => contactText(contact, ctx));
    const via = contacts.length > 0 ? `\n${contacts.map((c) => `• ${c}`).join("\n")}` : "";
    return `*${escapeMrkdwn(route.modelName)}:* ${notesToMrkdwn(route.text)}${via}`;
  });
  return [section(`*Where to ask instead*\n${lines.join("\n")}`)];
}

/** "I don't know": said plainly, with the closest rows to pick from and the general support routes. */
export function notAnsweredMessage(answer: Answer, options: CardOptions): Message {
  const query = options.query ?? answer.query;
  const blocks: Block[] = [
    section(`I couldn't find who owns “${escapeMrkdwn(truncatePlain(query, 300))}” in the models I know.`),
  ];
  const closest = answer.matches.slice(0, 5);
  if (closest.length > 0) {
    blocks.push(section("*The closest responsibilities:*"));
    closest.forEach((match, i) => {
      const owners = match.owners.length > 0 ? listing(match.owners.map(escapeMrkdwn)) : "not stated";
      blocks.push(
        section(
          `*${escapeMrkdwn(match.responsibility)}*\n${escapeMrkdwn(match.modelName)} › ${escapeMrkdwn(match.section)} · ${owners}`,
          rowButton(match, i, options, "Show"),
        ),
      );
    });
  }
  blocks.push(...supportBlocks(answer.support, options.ctx));
  if (closest.length === 0 && answer.support.length === 0) {
    blocks.push(context("Try other words, or `/who-owns help` for examples."));
  }
  const fallback = `I couldn't find who owns “${escapeMrkdwn(truncatePlain(query, 200))}”.`;
  return { text: fallback, blocks };
}
