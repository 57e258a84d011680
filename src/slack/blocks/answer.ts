// The answer card: who and where first, then what the row says. One Match rendered the same way in every
// place it appears, an Answer around it, and the "not sure" card that still points somewhere.
import type { types } from "@slack/bolt";
import {
  describeBoundary,
  describeTeams,
  heldRoles,
  joinNames,
  namedModelSupport,
  notesBeyondRoute,
  reachVerb,
  roleMeaning,
  rolesAddToOwners,
  splitRoute,
  supportSaysMore,
  WHICH_PLATFORM,
} from "../../answer/describe.ts";
import type { Answer, Match, WhichParty } from "../../answer/types.ts";
import { START_QUESTIONS } from "../../examples.ts";
import type { Contact } from "../../model/types.ts";
import { ACTION } from "../ids.ts";
import { escapeMrkdwn, link, mailto, notesToMrkdwn, truncatePlain } from "../text.ts";
import { type AskOwnersRef, encode, type FeedbackRef, type RowRef } from "../values.ts";
import { actions, type Block, button, context, type Message, section } from "./common.ts";

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
  /** The user who asked: named in public ("<@U…> asked"), never "You asked" where others read it. */
  askedBy?: string;
  /** The channel the card is shown in: a route to it reads "here", not "go to the channel you are in". */
  here?: string;
  /** A message asking several things, one answered: the part the card answers. */
  part?: string;
  /** After 👍/👎: the card keeps its place and says thanks instead of showing the buttons again. */
  voted?: "up" | "down";
}

const CHANNEL_ID = /^[CG][A-Z0-9]+$/;

/** One route: a channel of this workspace as a link, else its name and workspace; mail and web links. */
export function contactText(contact: Contact, ctx: RenderContext): string {
  switch (contact.type) {
    case "slack-channel": {
      const name = contact.value.replace(/^#/, "");
      const id = ctx.channelId(name.toLowerCase());
      if (id && CHANNEL_ID.test(id)) return `<#${id}>`;
      const workspace = contact.workspace ? ` (${escapeMrkdwn(contact.workspace)} workspace)` : "";
      return `#${escapeMrkdwn(name)}${workspace}`;
    }
    case "email":
      return mailto(contact.value);
    case "url":
      return link(contact.value, contact.label ?? shortUrl(contact.value));
    default:
      return escapeMrkdwn(contact.value);
  }
}

/** "https://community.ovh.com/en/" → "community.ovh.com/en": a bare link's label without the noise. */
function shortUrl(url: string): string {
  return url.replace(/^https?:\/\/(?:www\.)?/i, "").replace(/\/$/, "");
}

/** The id of a route's channel in this workspace, when it has one. */
export function channelIdOf(contact: Contact, ctx: RenderContext): string | undefined {
  if (contact.type !== "slack-channel") return undefined;
  const id = ctx.channelId(contact.value.replace(/^#/, "").toLowerCase());
  return id && CHANNEL_ID.test(id) ? id : undefined;
}

/** "→ ask in #channel or email x@y", or "→ ask here" when the route is the channel the card is in. */
function routeText(match: Match, ctx: RenderContext, here?: string): string {
  const { reach } = splitRoute(match.contacts);
  if (reach.length === 0) return "";
  const general = match.contactsFromSupport ? " _(general support)_" : "";
  return ` → ${reachWords(reach, ctx, here)}${general}`;
}

/** "ask in #x or email y@z": each way to reach someone, with its verb, once ("ask here" for this channel). */
function reachWords(reach: readonly Contact[], ctx: RenderContext, here?: string): string {
  const parts = reach.map((contact) => {
    if (here && channelIdOf(contact, ctx) === here) return "ask here, in this channel";
    return `${reachVerb(contact)} ${contactText(contact, ctx)}`;
  });
  return [...new Set(parts)].join(" or ");
}

/** Who, with the teams the row names: "*Other MoJ Team* (Data Engineering team)". */
function whoText(match: Match): string {
  const { teams } = splitRoute(match.contacts);
  const team = describeTeams(match, teams.map(escapeMrkdwn));
  if (match.owners.length === 0) return `_No owner is marked_${team}`;
  return `*${joinNames(match.owners.map(escapeMrkdwn))}*${team}`;
}

/** The first line of every card: the owner(s) and where to go. */
function ownerRouteText(match: Match, ctx: RenderContext, here?: string): string {
  let text = `${whoText(match)}${routeText(match, ctx, here)}`;
  const boundary = describeBoundary(match);
  if (match.ownersFrom === "boundary" && boundary) text += ` · ${escapeMrkdwn(boundary)}`;
  if (match.ownersFrom === "notes") text += " _(named in the notes; no party is marked)_";
  if (match.notesOwners && match.notesOwners.length > 0)
    text += `\n_The notes say:_ ${joinNames(match.notesOwners.map(escapeMrkdwn))}`;
  return text;
}

/**
 * "“Managing and supporting R packages” — MoJ Analytical Platform › Tools and packages / R packages ·
 * Open Government Licence v3.0": the model's name is the link to the source, its licence said once.
 */
function aboutText(match: Match): string {
  const where = match.section ? ` › ${escapeMrkdwn(match.section)}` : "";
  const model = match.source ? link(match.source.url, match.modelName) : escapeMrkdwn(match.modelName);
  const licence =
    match.source && !/^none\b/i.test(match.source.licence) ? ` · ${escapeMrkdwn(match.source.licence)}` : "";
  return `“${escapeMrkdwn(match.responsibility)}” — ${model}${where}${licence}`;
}

/** The parties that hold a role, each in words: "OVHcloud: R does it, A signs off · Customer: I is kept informed". */
function rolesText(match: Match): string | undefined {
  if (!rolesAddToOwners(match)) return undefined;
  return heldRoles(match)
    .map((assignment) => {
      const role = assignment.role;
      const words =
        role === "✅" ? "✅" : [...role].map((letter) => `${letter} ${roleMeaning(letter)}`).join(", ");
      return `*${escapeMrkdwn(assignment.party)}:* ${words}`;
    })
    .join(" · ");
}

/** The card's content, without buttons: who and where, what the row says, its roles, notes, source. */
function matchBlocks(match: Match, ctx: RenderContext, here?: string): Block[] {
  const about = [aboutText(match)];
  const roles = rolesText(match);
  if (roles) about.push(roles);
  // The document's own words, whole: its caveat alone ("However, for some communities…") answers a sentence
  // the card does not show.
  if (match.caveat) about.push(`_“${escapeMrkdwn(match.caveat)}”_`);
  const blocks: Block[] = [section(ownerRouteText(match, ctx, here)), context(...about)];
  const notes = notesToMrkdwn(notesBeyondRoute(match));
  if (notes) blocks.push(section(notes));
  return blocks;
}

/** The notification text of a card: who, then what. Escaped, short. */
export function matchFallback(match: Match): string {
  const owners = match.owners.length > 0 ? joinNames(match.owners) : "No owner marked";
  return escapeMrkdwn(truncatePlain(`${owners}: ${match.responsibility} (${match.modelName})`, 300));
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
  if (options.threadTs) ref.t = options.threadTs;
  const value = encode(ref);
  const [up, down] =
    options.place === "home"
      ? [ACTION.homeFeedbackUp, ACTION.homeFeedbackDown]
      : [ACTION.feedbackUp, ACTION.feedbackDown];
  return [button("👍 Helpful", up, value), button("👎 Not helpful", down, value)];
}

/** "Show" on another row: `row.<n>` in messages, `home.pick.<n>` in the Home tab. */
function showButton(match: Match, index: number, options: CardOptions): types.Button {
  const prefix = options.place === "home" ? ACTION.homePickPrefix : ACTION.rowPrefix;
  return button("Show", `${prefix}${index}`, encode(rowRef(match, options)));
}

/**
 * A row in a line: "Managing access to S3 buckets _(MoJ Analytical Platform)_ · *Analytical Platform and
 * User* → ask in #…". Without the route when the card says it once for all its rows.
 */
function compactRowText(
  match: Match,
  options: CardOptions,
  show: { model?: boolean; route?: boolean } = {},
): string {
  const model = show.model === false ? "" : ` _(${escapeMrkdwn(match.modelName)})_`;
  const who =
    show.route === false
      ? ownerRouteText({ ...match, contacts: match.contacts.filter((c) => c.type === "team") }, options.ctx)
      : ownerRouteText(match, options.ctx, options.here);
  return `${escapeMrkdwn(truncatePlain(match.responsibility, 200))}${model} · ${who}`;
}

function askedLine(options: CardOptions): string | undefined {
  const asker =
    options.askedBy && /^[UW][A-Z0-9]+$/.test(options.askedBy) ? `<@${options.askedBy}>` : undefined;
  if (!options.query) return asker ? `${asker} shared this` : undefined;
  const query = escapeMrkdwn(truncatePlain(options.query, 300));
  if (asker) return `${asker} asked: “${query}”`;
  // Only the asker sees a private card or the Home tab; in a thread everyone does.
  return options.place === "reply" ? `“${query}”` : `You asked: “${query}”`;
}

/** Which of a message's questions the card answers; for the others there was no sure answer. */
export function partLine(part: string): string {
  // Not in italics: an underscore in what was typed would end them early.
  return `This answers “${escapeMrkdwn(truncatePlain(part, 200))}”; I have no sure answer for the rest.`;
}

/** Alternatives, labelled with who owns them and in which model; "it depends on the platform" when models differ. */
function alternativeBlocks(top: Match, alternatives: Match[], options: CardOptions): Block[] {
  if (alternatives.length === 0 || options.place === "shared") return [];
  const otherModel = alternatives.some((alt) => alt.model !== top.model);
  const heading = otherModel
    ? `_The answer depends on the platform (above: ${escapeMrkdwn(top.modelName)}). Also close:_`
    : "_Also close:_";
  return [
    context(heading),
    ...alternatives.map((alt, i) =>
      section(compactRowText(alt, options, { model: otherModel }), showButton(alt, i + 1, options)),
    ),
  ];
}

/** One row's card with the buttons its place calls for. */
export function rowCard(match: Match, options: CardOptions, alternatives: Match[] = []): Message {
  const blocks: Block[] = [];
  const asked = options.place === "home" ? undefined : askedLine(options);
  if (asked) blocks.push(context(asked));
  if (options.part) blocks.push(context(partLine(options.part)));
  blocks.push(...matchBlocks(match, options.ctx, options.here));
  blocks.push(...alternativeBlocks(match, alternatives, options));
  if (options.place !== "shared") {
    const elements: types.Button[] = [];
    if (options.place === "ephemeral") {
      const label = options.threadTs ? "Share in thread" : "Share in channel";
      elements.push(button(label, ACTION.share, encode(rowRef(match, options)), "primary"));
    }
    if (!options.voted) elements.push(...feedbackButtons(match, options));
    if (elements.length > 0) blocks.push(actions(elements));
    if (options.voted) blocks.push(context(thanksText(options.voted)));
  }
  return { text: matchFallback(match), blocks };
}

export function thanksText(vote: "up" | "down"): string {
  return vote === "up" ? "👍 Thanks for the feedback." : "👎 Thanks, noted: this answer did not help.";
}

/** The runner-ups worth offering beside an ambiguous answer: close to the top, at most three. */
export function closeAlternatives(answer: Answer): Match[] {
  const [top, ...rest] = answer.matches;
  if (!answer.ambiguous || !top) return [];
  return rest.filter((m, i) => i === 0 || m.score >= top.score - 0.1).slice(0, 3);
}

/** The channel to take an unanswered question to: the likeliest row's own channel, if it names one here. */
function ownersChannel(
  closest: Match[],
  ctx: RenderContext,
  here?: string,
): { contact: Contact; id: string; match: Match } | undefined {
  const top = closest[0];
  if (!top) return undefined;
  for (const contact of top.contacts) {
    const id = channelIdOf(contact, ctx);
    if (id && id !== here) return { contact, id, match: top };
  }
  return undefined;
}

const GREETING =
  /^(?:hi|hello|hey|hiya|howdy|yo|morning|good (?:morning|afternoon|evening)|thanks?|thank you|cheers)\b/i;

/** For a greeting or a question with nothing to find: what the bot does, and three questions that work. */
export function introMessage(query: string, options: CardOptions): Message {
  const asker =
    options.askedBy && /^[UW][A-Z0-9]+$/.test(options.askedBy) ? `<@${options.askedBy}>` : undefined;
  const typed = escapeMrkdwn(truncatePlain(query, 100));
  const opening = GREETING.test(query.trim())
    ? `Hi${asker ? ` ${asker}` : ""}!`
    : `I have nothing on “${typed}”.`;
  const examples = START_QUESTIONS.map((question) => `• ${escapeMrkdwn(question)}`).join("\n");
  const blocks: Block[] = [
    section(
      `${opening} I answer “who owns this?” and “where do I ask?” from published shared responsibility models. Try:\n${examples}`,
    ),
    context("`/who-owns help` for more · `/who-owns models` for the models I know"),
  ];
  return {
    text: `${GREETING.test(query.trim()) ? "Hi!" : `I have nothing on “${typed}”.`} Ask me who owns something.`,
    blocks,
  };
}

/** "What am I responsible for?" in no model's channel: each model's customer side, as a question to ask. */
function whichMessage(which: readonly WhichParty[]): Message {
  const lines = which.map(
    (w) => `• *${escapeMrkdwn(w.party)}* on ${escapeMrkdwn(w.modelName)}: “${escapeMrkdwn(w.question)}”`,
  );
  return {
    text: `Which platform? Ask: ${which.map((w) => `“${w.question}”`).join(", ")}`,
    blocks: [section(`${WHICH_PLATFORM}\n${lines.join("\n")}`)],
  };
}

/**
 * "Not sure": said plainly, with up to three closest rows in the compact form (who and where visible
 * without a click), and a way to take the question to the likeliest row's owners.
 */
export function notAnsweredMessage(answer: Answer, options: CardOptions): Message {
  const query = options.query ?? answer.query;
  if (answer.which && answer.which.length > 0) return whichMessage(answer.which);
  const closest = answer.matches.slice(0, 3);
  const general = closest.length === 0 ? namedModelSupport(answer) : undefined;
  if (general) {
    const typed = escapeMrkdwn(truncatePlain(query, 300));
    const route = reachWords(general.contacts, options.ctx);
    const lead = `I have no row on “${typed}” in *${escapeMrkdwn(general.modelName)}*. Its general route: ${route}`;
    return {
      text: `No row on that in ${general.modelName}; its general route: ${route}`,
      blocks: [
        section(lead),
        ...(supportSaysMore(general) ? [context(notesToMrkdwn(truncatePlain(general.text, 300)))] : []),
      ],
    };
  }
  if (closest.length === 0) return introMessage(query, options);
  const typed = escapeMrkdwn(truncatePlain(query, 300));
  const asker =
    options.askedBy && /^[UW][A-Z0-9]+$/.test(options.askedBy)
      ? `<@${options.askedBy}> asked “${typed}”. `
      : "";
  const lead =
    options.place === "home" || asker
      ? `${asker}I'm not sure who owns that. The closest I found:`
      : `I'm not sure who owns “${typed}”. The closest I found:`;
  const blocks: Block[] = [section(lead)];
  const model = new Set(closest.map((m) => m.model)).size > 1;
  // The same general route under every row says nothing new: it is said once, after them.
  const routeOf = (m: Match) =>
    splitRoute(m.contacts)
      .reach.map((c) => `${c.type}:${c.value}`)
      .join(" ");
  const sameRoute =
    closest.length > 1 && new Set(closest.map(routeOf)).size === 1 && routeOf(closest[0] as Match);
  const shared = sameRoute ? routeText(closest[0] as Match, options.ctx, options.here) : undefined;
  closest.forEach((match, i) => {
    const text = compactRowText(match, options, { model, route: !shared });
    blocks.push(section(text, showButton(match, i, options)));
  });
  if (shared) {
    const all = closest.length === 2 ? "For both" : "For all of these";
    blocks.push(section(`${all},${shared.replace(/^ →/, "")}`));
  }
  const channel =
    options.place === "home" || options.place === "shared"
      ? undefined
      : ownersChannel(closest, options.ctx, options.here);
  if (channel) {
    const ref: AskOwnersRef = { q: query, m: channel.match.model, r: channel.match.rowId, c: channel.id };
    blocks.push(actions([button("Ask the owners", ACTION.askOwners, encode(ref))]));
  }
  blocks.push(context("Not it? Try other words, or `/who-owns help` for examples."));
  const fallback = `I'm not sure who owns “${escapeMrkdwn(truncatePlain(query, 200))}”. Closest: ${matchFallback(closest[0] as Match)}`;
  return { text: fallback, blocks };
}
