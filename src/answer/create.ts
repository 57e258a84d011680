// The engine: question → index → Answer. The only place search results become answers.
import type { Catalogue, Model, Row } from "../model/types.ts";
import { SearchIndex } from "../search/index.ts";
import type { Lexicon } from "../search/lexicon.ts";
import {
  analyse,
  asksOf,
  beforeAt,
  DETERMINERS,
  NUMBER,
  type PartyMention,
  type QueryAnalysis,
  type Slot,
} from "../search/query.ts";
import { orderScore, rank, type Scored, SECOND_READING } from "../search/rank.ts";
import { referencedRows, referencesIn } from "../search/references.ts";
import { MAX_QUESTION_CHARS, terms, words as typedWords } from "../search/text.ts";
import type { AskOptions, Engine } from "./engine.ts";
import type { Answer, Match, SupportRoute } from "./types.ts";

/**
 * When to answer. Which row comes first is the ranking's business; whether to give it is decided here, from
 * how well it scores, how far ahead of the runner-up it is, and how much of the row the question is about.
 * The weights and the threshold were read off the reliability table `who-owns eval` prints (README):
 *
 * - `marginWeight`: a lead over the runner-up counts this many times its size (a clear winner is a safer answer
 *   than a close call).
 * - `focusWeight`: the share of the row's own words the question uses, a little (it asked about this row).
 * - `scale`: divides the sum into 0..1.
 * - `minConfidence`: answer at or above it; below it, say "not sure" and offer the closest rows.
 * - `minExactCoverage`: some of the question must be met by words typed right (or their synonyms), not by
 *   spelling corrections alone.
 * - `minScore`: under this, the top row's own score (without the channel's lift) caps the confidence however
 *   far it leads: a row meeting little of the question is no answer just because the rest meet less ("who
 *   restarts my app on ovh", where OVHcloud's rows know nothing of restarts). The second reading's agreement
 *   is added after the cap: 13 DEV answers score under it, 12 of them right.
 * - `ambiguityMargin`: a runner-up this close to the top is offered beside it.
 * - `otherModelMargin`: the same, wider, for a runner-up from another model when the question names none
 *   ("who patches the OS?" is OVHcloud's row and the Analytical Platform's).
 * - `agreement`: added when the second reading (likeness.ts) agrees on the top row, its letters the most like
 *   the question's of the rows found first and at least `agreedLikeness` alike: two independent readings
 *   agreeing are surer than either (on the DEV sets, of the questions at 0.4-0.55 without it, 39 of the 41
 *   where they agree are right, 15 of the 59 where they do not). 0.13 rather than 0.15: two DEV questions
 *   fewer right, but a vague question with a word nothing knows ("who looks after the platform widgets")
 *   stays unsure.
 */
export const CONFIDENCE = {
  marginWeight: 2,
  focusWeight: 0.5,
  scale: 1.75,
  minConfidence: 0.55,
  minExactCoverage: 0.2,
  minScore: 0.5,
  ambiguityMargin: 0.04,
  /** The same responsibility in another model this close, when the question names no model, is offered too. */
  otherModelMargin: 0.12,
  agreedLikeness: 0.3,
  agreement: 0.13,
} as const;

/** How sure the engine is of the top row, 0..1 (see CONFIDENCE). */
export function confidenceOf(
  top: Scored | undefined,
  second: Scored | undefined,
  { wordsOnly = false, agreed = false }: { wordsOnly?: boolean; agreed?: boolean } = {},
): number {
  if (!top) return 0;
  // The channel's default model lifts its rows in the ranking; it is no evidence that the top row is meant.
  const topScore = top.score - top.preferred;
  // The lead in the answer's order, both readings together (SECOND_READING), or in the words' alone.
  const ordered = wordsOnly ? (scored: Scored) => scored.score : orderScore;
  const lead = ordered(top) - top.preferred - (second ? ordered(second) - second.preferred : 0);
  const raw = topScore + CONFIDENCE.marginWeight * lead + CONFIDENCE.focusWeight * top.focus;
  const confidence = Math.min(1, Math.max(0, raw / CONFIDENCE.scale));
  const capped = topScore < CONFIDENCE.minScore ? Math.min(confidence, topScore) : confidence;
  // Agreement counts after the cap: a row both readings pick is an answer a little below `minScore`.
  return Math.min(1, capped + (agreed ? CONFIDENCE.agreement : 0));
}

/**
 * Whether the second reading agrees the top row is meant: of the rows found first, it is the one whose letters
 * are most like the question's, and alike enough to count (CONFIDENCE.agreedLikeness), the models' names the
 * question says left out (Scored.likenessBeyondNames).
 */
export function readingsAgree(ranked: readonly Scored[]): boolean {
  const top = ranked[0];
  if (!top || top.likenessBeyondNames < CONFIDENCE.agreedLikeness) return false;
  return ranked
    .slice(1, SECOND_READING.pool)
    .every((other) => other.likenessBeyondNames <= top.likenessBeyondNames);
}

/** A row that would name someone else than `top` does: the lead that matters is over the best of these. */
const rivals = (scored: Scored, top: Scored) =>
  scored !== top &&
  (scored.entry.model.id !== top.entry.model.id ||
    scored.entry.row.owners.join() !== top.entry.row.owners.join());

/**
 * How sure the engine is of the first of `ordered`: over the best row that would name someone else ("who owns
 * it" has one answer when the close runners-up have the same owners; those are still shown, as ambiguous). A
 * top row that misses a topic no model covers ("who is the prime minister"), is met by spelling corrections
 * alone, or by nothing but the model's name ("who's on call for the analytical platform this weekend" meets
 * "Updating the Analytical Platform" there), is no answer however far it leads (they had read 0.99 and 1).
 */
function sureOf(ordered: readonly Scored[], options: Parameters<typeof confidenceOf>[2]): number {
  const top = ordered[0];
  if (!top || top.missesOutside || top.namesOnly || top.exactCoverage < CONFIDENCE.minExactCoverage) return 0;
  return confidenceOf(
    top,
    ordered.find((scored) => rivals(scored, top)),
    options,
  );
}

/** A match's score as shown: both readings, 0..1, in the answer's order. */
const answerScore = (scored: Scored) => orderScore(scored) / (1 + SECOND_READING.weight);

const DEFAULT_LIMIT = 5;

/**
 * Words that ask for things rather than a person: "what"/"which" questions and "list everything…" ("who
 * manages getting our stuff off ovh" asks for an owner, not a list).
 */
const LIST_VERBS = ["list", "enumerate", "itemise", "itemize"];
const ASKS_FOR_A_LIST = new Set(["what", "whats", "which", "everything", ...LIST_VERBS]);
/** The verbs of "list everything", "summarise all duties": with the whole of it after them, a whole list. */
const LISTING_VERBS = new Set([...LIST_VERBS, "summarise", "summarize"]);
/** "Every task", "all duties": the things a whole list is made of. */
const LIST_ITEMS = new Set([
  "task",
  "tasks",
  "activity",
  "activities",
  "line",
  "lines",
  "item",
  "items",
  "duty",
  "duties",
  "obligation",
  "obligations",
  "responsibility",
  "responsibilities",
  "thing",
  "things",
]);
/** What a party does, said of the things done: "handled by", "owned by the platform team". */
const DONE = new Set(["handled", "done", "owned", "covered", "managed", "run", "maintained", "provided"]);
/** Words between a party and what it does that only stress it: "what does 2i2c actually handle". */
const STRESSING = new Set(["actually", "really", "exactly", "truly"]);
/** "OVH itself", "the platform team themselves": the party alone, what it does set against the rest. */
const REFLEXIVE = new Set(["itself", "themselves"]);
/** A question asked yes or no ("is the platform team itself responsible for patching?"): about one duty. */
const YES_OR_NO = new Set(["is", "are", "does", "do", "did", "should", "will", "would", "has", "have", "am"]);
/** Words that bring in the topic a question is kept to: "…responsible for regarding encryption". */
const ABOUT = new Set(["regarding", "about", "concerning", "re"]);

/**
 * Whether the question asks for the whole of a party's list whatever else it says: "list everything the
 * customer has to do on the spark service", "every task our side has to do", "what does the AP team itself
 * take care of". `after` is where the party's name ends. Not when it asks for someone, asks yes or no, or
 * keeps to a topic ("what is the customer itself responsible for regarding encryption").
 */
function asksWholeList(typed: readonly string[], after: number): boolean {
  // "Who signs me up on the platform itself?", "the AP team or the analysts themselves?": someone is asked
  // for.
  if (typed.some((word) => ASKS_FOR_SOMEONE.has(word) || ABOUT.has(word))) return false;
  if (YES_OR_NO.has(typed[0] ?? "")) return false;
  if (REFLEXIVE.has(typed[after] ?? "")) return true;
  const everyItemAt = (at: number) =>
    ["every", "each", "all"].includes(typed[at] ?? "") && LIST_ITEMS.has(typed[at + 1] ?? "");
  // "List everything", "list all tasks".
  const wholeAfter = (at: number) => typed[at] === "everything" || everyItemAt(at);
  return typed.some(
    (word, at) =>
      (LISTING_VERBS.has(word) && wholeAfter(at + 1)) ||
      // "List of everything that's on us": the bare noun asks for it ("where do I get a list of everything
      // we use" asks for a thing one gets).
      (word === "list" &&
        typed[at + 1] === "of" &&
        !["a", "the"].includes(typed[at - 1] ?? "") &&
        wholeAfter(at + 2)) ||
      ((word === "every" || word === "each") && everyItemAt(at)),
  );
}

/** "What don't they do for us", "what doesn't ovh cover": the other party's list. */
const NOT_DOING = new Set(["dont", "doesnt", "didnt", "wont", "isnt", "arent"]);
/** Verbs of using a model, and the words before its name, for "what are we on the hook for running spark on ovh". */
const USING = new Set(["use", "uses", "using", "run", "runs", "running"]);
/** "Who do I tell?", "who should we ask?": asking for someone to go to, not for what is one's own. */
const ASKS_FOR_SOMEONE = new Set(["who", "whom", "whos"]);
const CONTACTING = new Set([
  "tell",
  "ask",
  "contact",
  "talk",
  "speak",
  "report",
  "escalate",
  "ping",
  "email",
  "reach",
  "raise",
  "chase",
]);

const roundScore = (score: number) => Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;

export function toMatch(row: Row, model: Model, score: number): Match {
  // A row naming no channel, address or link gets the model's general route (teams it names stay beside it).
  const useSupport = !row.contacts.some((contact) => contact.type !== "team") && model.support !== undefined;
  const match: Match = {
    model: model.id,
    modelName: model.name,
    rowId: row.id,
    section: row.section,
    responsibility: row.responsibility,
    assignments: row.assignments,
    owners: row.owners,
    ownersFrom: row.ownersFrom,
    contacts: useSupport ? [...row.contacts, ...(model.support?.contacts ?? [])] : row.contacts,
    notes: row.notes,
    score: roundScore(score),
  };
  if (row.item !== undefined) match.item = row.item;
  if (row.notesOwners) match.notesOwners = row.notesOwners;
  if (useSupport) match.contactsFromSupport = true;
  if (row.ownersFrom === "text" && row.ownersCaveat) match.caveat = row.ownersCaveat;
  if (row.ownersFrom === "boundary" && model.boundary) {
    match.caveat = [model.boundary.text, model.boundary.caveat].filter(Boolean).join(" ");
    const { before, from, item, caveat } = model.boundary;
    match.boundary = { before, from, item, ...(caveat ? { caveat } : {}) };
  }
  if (model.source) {
    const { etag: _etag, ...source } = model.source;
    match.source = source;
  }
  return match;
}

/** Where a message breaks into clauses: sentence ends, colons and dashes between words. A run of stops is
 * matched from its first character only, so a message of thousands of dots is read once, not once per dot. */
const CLAUSE_BREAK = /(?<![.?!;:])[.?!;:]+\s+|\s+[-–—]+\s+/g;
/** Whether some text holds a word (a letter or a digit), not only punctuation and spaces. */
const hasWords = (text: string) => /[\p{L}\p{N}]/u.test(text);
/** Abbreviations whose full stops end no sentence. */
const ABBREVIATION = /\b(?:e\.g|i\.e|etc)\./gi;

/**
 * The question a message ends with, and what it says before it: "first week on the AP - what am I
 * responsible for as a user?", "we just signed with 2i2c. what are we still expected to do?". Undefined for a
 * message of one clause.
 */
export function lastClause(message: string): { clause: string; before: string } | undefined {
  const text = message.replace(ABBREVIATION, " ");
  const breaks = [...text.matchAll(CLAUSE_BREAK)].reverse();
  for (const found of breaks) {
    const end = found.index + found[0].length;
    const clause = text.slice(end).trim();
    const before = text.slice(0, end).trim();
    if (hasWords(clause) && hasWords(before)) return { clause, before };
  }
  return undefined;
}

/** Between two questions in one message: a sentence's end (an "and" or "also" after it is the next
 * question's), or a coordinator before a question word ("…, and can I claim overtime?"). */
const PART_BREAK =
  /(?<![.?!;])[.?!;]+\s+(?:(?:and|but|also|plus)\s+)?|,?\s+(?:and|but|also|plus|&)\s+(?=(?:who|whos|who's|whose|what|whats|what's|which|how|can|could|is|are|do|does|will|would|should|where|when|why|if)\b)/gi;

/** A piece that asks: it starts with a question word (after "so", "ok", "pls"…), or ends with "?". A
 * question word inside a statement ("no idea what changed", "the person who set it up left") does not ask. */
const STARTS_ASKING =
  /^(?:(?:so|ok|okay|and|also|but|plus|hey|hi|pls|please|then|sorry|q)[,:]?\s+)*(?:who|whos|who's|whom|whose|what|whats|what's|which|how|where|when|why|can|could|is|are|am|do|does|did|will|would|should|shall)\b/i;

/** A part as shown: without the "and" that joined it or the dash that ended it ("who restarts apps -"). */
const tidy = (part: string) =>
  part
    .trim()
    .replace(/^(?:and|but|also|plus)\s+/i, "")
    .replace(/[\s,;:\-–—]+$/, "");

/** Words that ask who is responsible ("who", "whose job", "am I supposed to", "is it on us"). */
const ASKS_WHO =
  /\b(?:who|whom|whose|whos|who's|responsible|responsibility|owner|owns|own|supposed|expected|accountable|job|duty|myself|ourselves)\b/i;
/** Words that point back at something said elsewhere in the message: "who signs it off?". */
const POINTS_BACK = /\b(?:it|that|this|them|those|these)\b/i;
/** A part this short with such a word has nothing else to point at ("who fixes it" alone); a longer one
 * says what it points at itself ("the hub was down, who's supposed to spot that?"). */
const SHORT_PART_WORDS = 6;

/** A part that can be answered alone: it asks who is responsible, for something it names itself. */
const asksWhoOwns = (part: string) =>
  ASKS_WHO.test(part) && !(POINTS_BACK.test(part) && typedWords(part).length <= SHORT_PART_WORDS);

/** How many of a message's questions are read one by one, at most: a longer list is not a question. */
const MAX_PARTS = 4;

/**
 * A message's questions, when it asks more than one ("who fixes it, and can I claim overtime?"), and whether
 * it says more after its last question ("who migrates the data? finance wants a cost estimate too."). What
 * only tells something before a question ("started monday, still can't get in.") belongs to it; what comes
 * after the last one is left out of every part.
 */
export function questionParts(message: string): { parts: string[]; after: boolean } {
  const text = message
    .slice(0, MAX_QUESTION_CHARS)
    .replace(ABBREVIATION, (abbreviation) => abbreviation.replace(/\./g, " "));
  // Each piece as where it starts and ends in the message, so merged pieces keep what lay between them.
  const pieces: { start: number; end: number; asks: boolean }[] = [];
  let start = 0;
  for (const found of [...text.matchAll(PART_BREAK), { index: text.length, 0: "" }]) {
    const piece = text.slice(start, found.index).trim();
    if (hasWords(piece))
      pieces.push({
        start,
        end: found.index,
        asks: STARTS_ASKING.test(piece) || found[0].includes("?") || piece.endsWith("?"),
      });
    start = found.index + found[0].length;
  }
  const parts: string[] = [];
  let context: number | undefined;
  for (const piece of pieces) {
    if (piece.asks) {
      parts.push(tidy(message.slice(context ?? piece.start, piece.end)));
      context = undefined;
    } else context ??= piece.start;
  }
  return { parts: parts.slice(0, MAX_PARTS), after: context !== undefined && parts.length > 0 };
}

/** Verbs of expecting something of others: "ovh doesn't expect us to…" denies no duty of ovh's. */
const EXPECTING = new Set(["expect", "want", "need", "require", "ask"]);
const EXPECTED_OF = new Set(["us", "me", "you", "them", "anyone", "anybody", "customers", "users"]);

/** Words opening a clause that sets the scene: "when ovh covers the platform", "now (that) 2i2c manages it". */
const SETTING_SCENE = new Set([
  "if",
  "when",
  "since",
  "as",
  "because",
  "while",
  "once",
  "given",
  "whenever",
  "now",
]);

/** Verbs of carrying duties, after the party that carries them: "what ovh handles", "the bits we own". */
const DOING = new Set([
  "handle",
  "handles",
  "own",
  "owns",
  "cover",
  "covers",
  "manage",
  "manages",
  "take",
  "takes",
  "do",
  "does",
  "look",
  "looks",
  "maintain",
  "maintains",
  "provide",
  "provides",
  "commit",
  "commits",
  "run",
  "runs",
  "carry",
  "carries",
]);

/**
 * Words before a party said not to be meant: "not the community", "neither the platform team nor the users",
 * and, in pairs, "rather than the platform team" or "instead of 2i2c".
 */
const EXCLUDING = new Set([
  "not",
  "neither",
  "nor",
  "outside",
  "except",
  "excluding",
  "besides",
  "vs",
  "versus",
]);
/** The first word of two that set a party aside: "rather than", "other than", "instead of". */
const EXCLUDING_PAIRS = new Map([
  ["than", new Set(["rather", "other"])],
  ["of", new Set(["instead"])],
]);

/**
 * The parties a question may be asking about: not those it sets aside ("which duties fall to 2i2c, not the
 * community"), nor those joined to one set aside ("outside the platform team and the users").
 */
function partiesMeant(
  mentions: readonly PartyMention[],
  typed: readonly string[],
  namesModelAt: (at: number) => boolean,
): PartyMention[] {
  const meant: PartyMention[] = [];
  const aside = new Set<string>();
  let setAside: PartyMention | undefined;
  for (const mention of mentions) {
    let before = beforeAt(typed, mention.at);
    // "Outside both the platform team and the users", "not either of them".
    if (typed[before] === "both" || typed[before] === "either") before = beforeAt(typed, before);
    const joined =
      setAside !== undefined &&
      before === setAside.at + setAside.length &&
      (typed[before] === "and" || typed[before] === "or");
    const pair = EXCLUDING_PAIRS.get(typed[before] ?? "")?.has(typed[before - 1] ?? "") === true;
    if (EXCLUDING.has(typed[before] ?? "") || pair || joined) {
      setAside = mention;
      if (mention.party) aside.add(mention.party);
    } else meant.push(mention);
  }
  // A provider both named before a model's name and set aside ("what falls to us on ovh data processing
  // rather than ovh") was, where named, part of the model's name: the question is about the rest.
  return meant.filter(
    (mention) =>
      !(mention.kind === "provider" && aside.has(mention.party) && namesModelAt(mention.at + mention.length)),
  );
}

function supportOf(model: Model): SupportRoute | undefined {
  return model.support
    ? { model: model.id, modelName: model.name, text: model.support.text, contacts: model.support.contacts }
    : undefined;
}

export function createEngine(catalogue: Catalogue, lexicon: Lexicon): Engine {
  const index = new SearchIndex(catalogue, lexicon);
  const { lexicon: words } = index;
  const byId = new Map(catalogue.models.map((model) => [model.id, model]));

  // Every name of every model, normalised once: findModel runs on each question that names a channel's model.
  const byName = new Map<string, Model>();
  for (const model of catalogue.models) {
    for (const name of [model.id.replace(/-/g, " "), model.name, ...model.aliases]) {
      const key = terms(name).join(" ");
      if (key && !byName.has(key)) byName.set(key, model);
    }
  }
  // A row's match but for its score, made once: every answer that shows the row copies it.
  const matches = new Map<Row, Match>();
  const matchOf = (row: Row, model: Model, score: number): Match => {
    let made = matches.get(row);
    if (!made) {
      made = toMatch(row, model, 0);
      matches.set(row, made);
    }
    return { ...made, score: roundScore(score) };
  };

  // The stems of the words that ask for a list, so that a slip of one ("responsibilites") still asks.
  const listingStems = new Set([...words.listing].map((word) => index.stemOf(word)));
  const listCueStems = new Set([...words.listCues].map((word) => index.stemOf(word)));
  /** A one-word slot typed with a slip, which the speller reads as one of `stems`. */
  const slipOf = (slot: Slot, stems: ReadonlySet<string>) =>
    slot.length === 1 &&
    slot.alternatives.some(
      (alt) => alt.fuzzy && alt.phrase.length === 1 && stems.has(alt.phrase[0] as string),
    );

  const findModel = (nameOrAlias: string): Model | undefined => {
    const wanted = terms(nameOrAlias).join(" ");
    if (!wanted) return undefined;
    return byId.get(nameOrAlias.trim().toLowerCase()) ?? byName.get(wanted);
  };

  const browse = (modelId: string, party?: string): Row[] => {
    const model = byId.get(modelId);
    if (!model) return [];
    if (!party) return model.rows;
    const wanted = party.toLowerCase();
    return model.rows.filter((row) => row.owners.some((owner) => owner.toLowerCase() === wanted));
  };

  /**
   * "What is the Customer responsible for?", "what does OVH handle for me?", "what am I on the hook for on the
   * AP?": a party named (or "I"/"we", the customer side of the model asked about) and nothing else asked but
   * words that ask for a list. The first party the question is about wins: "what does 2i2c do for our hub" is
   * 2i2c's list, "what are we expected to handle under our 2i2c agreement" the Community's.
   *
   * `loose`: other words are asked too, but a word that by itself asks for a whole list ("responsible",
   * "everything", "myself") is there: a party question unless a row answers those other words with confidence
   * ("which bits of the spark service do I have to manage myself" is a list; "am I responsible for my job
   * logs" is a row).
   */
  const partyQuestion = (
    analysis: QueryAnalysis,
    modelIds: string[],
    preferModelId: string | undefined,
  ):
    | { party: string; modelIds: string[]; loose: boolean; sections?: Set<string> }
    | { which: true; loose: boolean }
    | undefined => {
    const mentions = analysis.parties;
    if (mentions.length === 0) return undefined;
    const { typed } = analysis;
    // "Our hub is broken", "my job failed on ovh": a problem to route, not a list of one's duties.
    if (analysis.problemAt >= 0) return undefined;
    // "How much does 2i2c charge": an amount, not a list, unless a word of doing duties or of whole lists says
    // so ("how much does ovh do for us", "how much do we have to do ourselves").
    const amount = typed[0] === "how" && (typed[1] === "much" || typed[1] === "many");
    if (amount && !typed.some((word, at) => at > 2 && (DOING.has(word) || words.listCues.has(word))))
      return undefined;
    // "Who do I tell?", "who should we contact at 2i2c?": asking whom to go to, with no party named but "I" or
    // "we" (a provider named as the place does not count), is not a list; "who covers my stuff" is.
    if (
      typed.some((word) => ASKS_FOR_SOMEONE.has(word)) &&
      typed.some((word) => CONTACTING.has(word)) &&
      !typed.some((word) => words.listCues.has(word)) &&
      mentions.every(
        (mention) => mention.kind === "you" || (mention.kind === "provider" && mention.qualifier),
      )
    )
      return undefined;
    const covered = new Set<number>();
    for (const mention of mentions)
      for (let at = mention.at; at < mention.at + mention.length; at++) covered.add(at);
    // "Running spark", "using the hub": how a model is used, said beside its name, is no topic of its own.
    const namesModelAt = (at: number) => analysis.slots.some((slot) => slot.namesModel && slot.at === at);
    const usesModel = (at: number) =>
      USING.has(typed[at] ?? "") &&
      (namesModelAt(at + 1) || (DETERMINERS.has(typed[at + 1] ?? "") && namesModelAt(at + 2)));
    // Words that ask for a list only in their place: "falls to us", "what's left for us", "a new (AP) user".
    const listingHere = (at: number) => {
      const [before, word, after] = [typed[at - 1] ?? "", typed[at] ?? "", typed[at + 1] ?? ""];
      if (word === "falls" || word === "fall")
        return after === "to" || ((after === "on" || after === "under") && covered.has(at + 2));
      if (word === "left")
        return before === "what" || before === "whats" || before === "still" || after === "for";
      if (word === "new") return covered.has(at + 1) || (namesModelAt(at + 1) && covered.has(at + 2));
      return false;
    };
    const listing = (at: number) =>
      covered.has(at) ||
      words.listing.has(typed[at] ?? "") ||
      // "Outside the platform team": setting a party aside asks for the rest of the list.
      EXCLUDING.has(typed[at] ?? "") ||
      usesModel(at) ||
      listingHere(at);
    /** A slot that asks about more than the list: some word of it is no model's name and asks for no list. */
    const asksBeyondList = (slot: Slot) => {
      if (slot.namesModel || slipOf(slot, listingStems)) return false;
      for (let at = slot.at; at < slot.at + slot.length; at++) if (!listing(at)) return true;
      return false;
    };
    const asksMore = analysis.slots.some((slot) => slot.kind !== "unknown" && asksBeyondList(slot));
    const loose = asksMore;

    // "I" and "we" are the customer side of the model asked about, else of the one whose party is named, even
    // set aside ("what's on me rather than the platform team"), else of the channel's model.
    const partyModels = [...new Set(mentions.flatMap((mention) => mention.modelIds))];
    const youModels =
      modelIds.length > 0
        ? modelIds
        : partyModels.length === 1
          ? partyModels
          : preferModelId
            ? [preferModelId]
            : [];
    const within = (ids: readonly string[]) =>
      modelIds.length > 0 ? ids.filter((id) => modelIds.includes(id)) : [...ids];
    let chosen: { party: string; modelIds: string[] } | undefined;
    const meant = partiesMeant(mentions, typed, namesModelAt);
    // "What do we get from 2i2c": the party things come from, before "we" who get them.
    const giver = meant.find(
      (mention) =>
        mention.kind === "provider" && !mention.qualifier && asksOf(typed, beforeAt(typed, mention.at)),
    );
    // "The things ovh handles so I know what we can drop": the party doing the duties, before "we".
    // Not in a clause that only sets the scene: "what am I on the hook for when ovh covers the platform".
    // "OVH itself", "the AP team actually owns": the party set against the rest, over a word that only
    // stresses.
    const doer = meant.find((mention) => {
      if (mention.kind === "you" || SETTING_SCENE.has(typed[beforeAt(typed, mention.at)] ?? "")) return false;
      let after = mention.at + mention.length;
      if (REFLEXIVE.has(typed[after] ?? "")) return true;
      while (STRESSING.has(typed[after] ?? "")) after++;
      return DOING.has(typed[after] ?? "");
    });
    const named = giver ?? doer ?? meant.find((mention) => mention.kind === "named");
    let chosenAt: PartyMention | undefined = named;
    if (named) chosen = { party: named.party, modelIds: within(named.modelIds) };
    else {
      for (const mention of meant) {
        if (mention.kind === "provider" && !mention.qualifier) {
          chosen = { party: mention.party, modelIds: within(mention.modelIds) };
          chosenAt = mention;
          break;
        }
        if (mention.kind === "you") {
          // "I" with no model to be the customer of: ask which one is meant.
          if (youModels.length === 0) return index.youParty.size > 0 ? { which: true, loose } : undefined;
          const parties = new Set(youModels.flatMap((id) => index.youParty.get(id) ?? []));
          const [party] = parties;
          if (parties.size === 1 && party)
            chosen = { party, modelIds: youModels.filter((id) => index.youParty.get(id) === party) };
          chosenAt = mention;
          break;
        }
      }
    }
    if (!chosen || chosen.modelIds.length === 0) return undefined;
    // "What don't ovh do for us", "what ovh doesn't cover": in a model of two parties, what one does not do is
    // the other's list (the negation beside the party's name, not "…so I don't lose data").
    // Only a duty denied: "ovh doesn't expect us to do much" is still about what ovh does ("ovh doesn't need
    // to handle" is not).
    const after = chosenAt ? chosenAt.at + chosenAt.length : 0;
    const expectsOfOthers = EXPECTING.has(typed[after + 1] ?? "") && EXPECTED_OF.has(typed[after + 2] ?? "");
    const negated =
      chosenAt !== undefined &&
      ((NOT_DOING.has(typed[after] ?? "") && !expectsOfOthers) ||
        [chosenAt.at - 2, chosenAt.at - 1].some((at) => NOT_DOING.has(typed[at] ?? "")));
    if (negated && chosen.modelIds.length === 1) {
      const model = byId.get(chosen.modelIds[0] as string);
      const other = model?.parties.length === 2 ? model.parties.find((p) => p !== chosen?.party) : undefined;
      if (other) chosen = { party: other, modelIds: chosen.modelIds };
    }
    if (!loose) return { ...chosen, loose };

    // Loosely, only a question about the models' own matters: "which things am I responsible for regarding
    // my pay" is about pay (outside), "…for the pizza order" about a word no row knows.
    const beyond = (kind: Slot["kind"]) =>
      analysis.slots.some((slot) => slot.kind === kind && asksBeyondList(slot));
    if (beyond("outside")) return undefined;
    // Not for "we" when another party is named: "list every duty 2i2c carries for our hub" may be theirs. A
    // word no row knows is then the occasion ("for my onboarding slides: what does the AP team itself do").
    const othersNamed =
      chosenAt?.kind === "you" && meant.some((mention) => mention.kind !== "you" && !mention.qualifier);
    if (chosenAt && !othersNamed && asksWholeList(typed, chosenAt.at + chosenAt.length))
      return { ...chosen, loose: false };
    // "Which bits are handled by other MoJ teams", "which AP-related things are done by…": things, done by the
    // party named, asked for as a list.
    const by = chosenAt ? beforeAt(typed, chosenAt.at) : -1;
    // The list's word within three of "which" ("which AP-related things"), the participle not counted, and
    // not kept to a topic ("which bits of the DPIA"; "bits of AP" is the model's).
    const listWordAfter = (at: number) =>
      [1, 2, 3].some((ahead) => {
        const word = typed[at + ahead] ?? "";
        if (!words.listCues.has(word) || DONE.has(word)) return false;
        const of = at + ahead + 1;
        if (typed[of] !== "of") return true;
        return namesModelAt(DETERMINERS.has(typed[of + 1] ?? "") ? of + 2 : of + 1);
      });
    // "Handled by", and the verbs of two words: "looked after by", "taken care of by".
    const done = (at: number) =>
      DONE.has(typed[at] ?? "") ||
      (typed[at] === "after" && typed[at - 1] === "looked") ||
      (typed[at] === "of" && typed[at - 1] === "care");
    const doneBy =
      chosenAt?.kind !== "you" &&
      typed[by] === "by" &&
      done(by - 1) &&
      typed.some((word, at) => ASKS_FOR_A_LIST.has(word) && listWordAfter(at));
    if (doneBy) return { ...chosen, loose: false };
    if (beyond("unknown")) return undefined;
    if (!typed.some((word) => ASKS_FOR_A_LIST.has(word))) return undefined;
    // Words that ask for the whole list ("on the hook for", "responsibilities") keep it whole, whatever else is
    // said ("my team just got onboarded, what are we on the hook for").
    if (
      typed.some((word) => words.listCues.has(word)) ||
      analysis.slots.some((slot) => slipOf(slot, listCueStems))
    )
      return { ...chosen, loose };
    // "What must the customer do before subscribing on ovh": the other words name a part of the document (a
    // section's heading), so the list is the party's rows in that part.
    const asking = analysis.slots.filter((slot) => slot.kind === "domain" && asksBeyondList(slot));
    const sections = sectionsNamed(asking, chosen);
    return sections.size > 0 ? { ...chosen, loose: false, sections } : undefined;
  };

  /** The sections of the party's rows whose heading holds every one of the slots (one of its readings each). */
  const sectionsNamed = (
    slots: readonly Slot[],
    asked: { party: string; modelIds: string[] },
  ): Set<string> => {
    const found = new Set<string>();
    if (slots.length === 0) return found;
    for (const modelId of asked.modelIds)
      for (const row of browse(modelId, asked.party)) {
        if (!row.section || found.has(row.section)) continue;
        const heading = new Set(terms(row.section));
        const holds = (slot: Slot) =>
          slot.alternatives.some(
            (alt) => alt.phrase.length > 0 && alt.phrase.every((term) => heading.has(term)),
          );
        if (slots.every(holds)) found.add(row.section);
      }
    return found;
  };

  /** Every row a party owns in the models asked about. */
  const partyAnswer = (
    base: { query: string; model?: string },
    asked: { party: string; modelIds: string[]; sections?: ReadonlySet<string> },
  ): Answer => {
    const { party, sections } = asked;
    const models = catalogue.models.filter(
      (model) => model.parties.includes(party) && asked.modelIds.includes(model.id),
    );
    const matches = models.flatMap((model) =>
      browse(model.id, party)
        .filter((row) => !sections || sections.has(row.section))
        .map((row) => matchOf(row, model, 1)),
    );
    return {
      ...base,
      ...(asked.modelIds.length === 1 ? { model: asked.modelIds[0] } : {}),
      answered: matches.length > 0,
      kind: "party",
      party,
      ...(sections ? { sections: [...sections] } : {}),
      matches,
      ambiguous: false,
      confidence: matches.length > 0 ? 1 : 0,
      support: [],
    };
  };

  /** "What am I responsible for?" asked of no model in particular: which model's customer side is meant. */
  const whichAnswer = (base: { query: string }): Answer => ({
    ...base,
    answered: false,
    kind: "party",
    matches: [],
    which: catalogue.models.flatMap((model) => {
      const party = index.youParty.get(model.id);
      return party
        ? [
            {
              model: model.id,
              modelName: model.name,
              party,
              question: `what is the ${party} responsible for on ${model.name}?`,
            },
          ]
        : [];
    }),
    ambiguous: false,
    confidence: 0,
    support: [],
  });

  const ask = (question: string, options: AskOptions = {}): Answer => {
    const analysis = analyse(question, index);
    const whole = answerTo(question, analysis, options);
    if (whole.answered || whole.kind !== "responsibility") return whole;
    return partAnswered(question, analysis, options) ?? whole;
  };

  /**
   * "Who configures the cluster for our ovh jobs, and what's the cheapest instance?": a message asking two
   * things, one of which no model covers, was not sure as a whole (the other part's words met no row). Each
   * part is read alone; a part naming no model is read as asked on the model the message names, as a person
   * would re-ask it ("who sets it up?" → "who sets it up on ovh?"). When exactly one part is answered, that
   * answer is given, saying which part it answers. Two parts answered are two questions: the whole message's
   * answer stands. What follows the last question is left out ("who migrates the data? finance wants a cost
   * estimate too.").
   */
  const partAnswered = (
    question: string,
    analysis: QueryAnalysis,
    options: AskOptions,
  ): Answer | undefined => {
    const { parts, after } = questionParts(question);
    if (parts.length < 2 && !(parts.length === 1 && after)) return undefined;
    const modelNamed =
      options.model === undefined && analysis.modelIds.length === 1
        ? analysis.slots.find((slot) => slot.namesModel)?.typed
        : undefined;
    const answered: Answer[] = [];
    for (const part of parts.filter(asksWhoOwns)) {
      const read = analyse(part, index);
      const asked = modelNamed && read.modelIds.length === 0 ? `${part} on ${modelNamed}` : part;
      const answer = answerTo(asked, asked === part ? read : analyse(asked, index), options);
      if (answer.answered && answer.kind === "responsibility") answered.push({ ...answer, part });
    }
    if (answered.length !== 1) return undefined;
    const [answer] = answered as [Answer];
    return { ...answer, query: question };
  };

  /** The answer to a question already read (a message's last clause is read once, to see if it asks a list). */
  const answerTo = (question: string, analysis: QueryAnalysis, options: AskOptions): Answer => {
    const limit = Math.max(1, options.limit ?? DEFAULT_LIMIT);
    const forced = options.model ? findModel(options.model) : undefined;
    const modelIds = forced ? [forced.id] : analysis.modelIds;
    const preferModelId = options.preferModel ? findModel(options.preferModel)?.id : undefined;
    const base = { query: question, ...(modelIds.length === 1 ? { model: modelIds[0] } : {}) };

    const party = partyQuestion(analysis, modelIds, preferModelId);
    // A party's list asked for after some context ("first week on the AP - what am I responsible for as a
    // user?"): the last clause is the question, asked within the models the whole message names. Not when the
    // message reports a problem ("the hub is down - what do we do?") or asks something before ("who owns
    // backups? what am I responsible for?"), nor when the clause only asks about what was said before ("… -
    // what about ovh?", "do I do that myself?"): it must ask for things and use a word of whole lists.
    const split =
      (!party || party.loose) && analysis.problemAt < 0 && modelIds.length <= 1
        ? lastClause(question.slice(0, MAX_QUESTION_CHARS))
        : undefined;
    if (
      split &&
      !split.before.includes("?") &&
      !typedWords(split.before).some((word) => ASKS_FOR_SOMEONE.has(word))
    ) {
      const clauseAnalysis = analyse(split.clause, index);
      const asksForList =
        clauseAnalysis.typed.some((word) => ASKS_FOR_A_LIST.has(word)) &&
        clauseAnalysis.typed.some((word) => words.listCues.has(word));
      const asked = asksForList ? partyQuestion(clauseAnalysis, modelIds, preferModelId) : undefined;
      if (asked && !("which" in asked)) {
        const answer = answerTo(split.clause, clauseAnalysis, {
          ...options,
          ...(modelIds[0] ? { model: modelIds[0] } : {}),
        });
        if (answer.kind === "party") return { ...answer, query: question };
      }
    }
    if (party && "which" in party) {
      if (!party.loose) return whichAnswer(base);
    } else if (party && !party.loose) return partyAnswer(base, party);
    const asked = party && !("which" in party) ? party : undefined;

    // "Item 7", "section 3.1.7": the document's own numbering names the rows; the question's words only order
    // them (several rows share a section).
    const references = referencesIn(question);
    // Asked in a model's channel, "item 7" is that model's item 7 when it has one.
    const inChannel =
      modelIds.length === 0 && preferModelId ? referencedRows(catalogue, references, [preferModelId]) : [];
    const referenced = inChannel.length > 0 ? inChannel : referencedRows(catalogue, references, modelIds);
    if (referenced.length > 0) {
      const order = rank(index, analysis, {
        modelIds: [...new Set(referenced.map(({ model }) => model.id))],
        limit: referenced.length,
      }).map((scored) => scored.entry.row);
      const position = (row: Row) => (order.includes(row) ? order.indexOf(row) : order.length);
      const rows = [...referenced].sort((a, b) => position(a.row) - position(b.row)).slice(0, limit);
      return {
        ...base,
        answered: true,
        kind: "responsibility",
        matches: rows.map(({ row, model }) => matchOf(row, model, 1)),
        ambiguous: rows.length > 1,
        confidence: 1,
        support: [],
      };
    }

    // Nothing the models cover (a greeting, "test", junk, a question with no domain word): no rows to offer.
    // A number alone ("7", "502") says what, not about what: it helps rank but never makes a question; nor does
    // a lone letter ("x", "q"), a placeholder or an initial more often than a topic, nor everyday English alone.
    const aboutSomething = analysis.slots.some(
      (slot) =>
        !slot.namesModel &&
        slot.kind === "domain" &&
        slot.typed.length > 1 &&
        !NUMBER.test(slot.typed) &&
        !slot.everyday,
    );
    const found: Scored[] =
      analysis.chitchat || !aboutSomething
        ? []
        : // As many rows as the second reading orders, whatever the limit: how sure the answer is, and whether a
          // list question gets its list, must not depend on how many rows are shown.
          rank(index, analysis, { modelIds, preferModelId, limit: Math.max(limit, SECOND_READING.pool) });
    // A topic no model covers (payslips, leave) that no row found mentions, in a question naming no model: the
    // rows found share only its other words ("book", "talk"), so offering them as "closest" would be noise.
    // Naming a model ("ovh databricks thing is down") keeps them: the question is about that platform.
    const ranked = modelIds.length === 0 && found.every((scored) => scored.missesOutside) ? [] : found;
    const top = ranked[0];
    const second = ranked[1];
    const confidence = sureOf(ranked, { agreed: readingsAgree(ranked) });
    const answered = top !== undefined && confidence >= CONFIDENCE.minConfidence;
    const lead = top && second ? answerScore(top) - answerScore(second) : Number.POSITIVE_INFINITY;
    const ambiguous =
      answered &&
      second !== undefined &&
      top !== undefined &&
      (lead <= CONFIDENCE.ambiguityMargin ||
        (modelIds.length === 0 &&
          second.entry.model.id !== top.entry.model.id &&
          lead <= CONFIDENCE.otherModelMargin));

    // A party's list is asked for unless the words alone find a row too: the second reading compares letters,
    // and a list question's ("what am I responsible for") are those of many phrasings ("who is responsible for").
    const answeredByWords = () =>
      sureOf(
        [...ranked].sort((a, b) => b.score - a.score),
        { wordsOnly: true },
      ) >= CONFIDENCE.minConfidence;
    if (asked && !(answered && answeredByWords())) return partyAnswer(base, asked);

    // Without an answer, point at the general routes of the models in question (or of all of them).
    const supportModels = answered
      ? []
      : modelIds.length > 0
        ? modelIds.flatMap((id) => byId.get(id) ?? [])
        : preferModelId
          ? [byId.get(preferModelId)].filter((model): model is Model => model !== undefined)
          : catalogue.models;
    return {
      ...base,
      answered,
      kind: "responsibility",
      matches: ranked
        .slice(0, limit)
        .map((scored) => matchOf(scored.entry.row, scored.entry.model, answerScore(scored))),
      ambiguous,
      confidence: roundScore(confidence),
      support: supportModels.flatMap((model) => supportOf(model) ?? []),
    };
  };

  const match = (modelId: string, rowId: string): Match | undefined => {
    const model = byId.get(modelId);
    const row = model?.rows.find((candidate) => candidate.id === rowId);
    return model && row ? matchOf(row, model, 1) : undefined;
  };

  return { catalogue, lexicon, ask, findModel, browse, match };
}
