// Reading a question: which model and party it names, and the concepts ("slots") it asks about.

import { GENERAL_ENGLISH } from "./general-english.ts";
import type { PartyName, SearchIndex } from "./index.ts";
import { kindsOf, type Phrase, synonymsOf } from "./lexicon.ts";
import { MAX_QUESTION_CHARS, words } from "./text.ts";

/** One way a row can satisfy a slot: the words typed, a synonym, or a spelling correction. */
export interface Alternative {
  phrase: Phrase;
  /** How much a match on this alternative is worth, relative to the words as typed (1). */
  weight: number;
  fuzzy: boolean;
}

/** What a slot is to the question, which decides how much it weighs when deciding whether to answer. */
export type SlotKind =
  /** Some row (or its phrasings) uses it, or a synonym or correction of it. */
  | "domain"
  /** A topic no model covers (pay, leave, laptops): it counts fully against every row that lacks it. */
  | "outside"
  /** A word nothing knows ("gonna", "lol", a name): phrasing as often as topic, so it weighs little. */
  | "unknown";

/** A concept of the question, e.g. "restart" (≈ reboot) or "data protection impact assessment" (≈ DPIA). */
export interface Slot {
  typed: string;
  /** Where the slot's words start in the question, and how many. */
  at: number;
  length: number;
  alternatives: Alternative[];
  /** Importance: the rarer the concept among the rows, the more it decides which row is meant. */
  weight: number;
  kind: SlotKind;
  /** True when the slot names a model ("OVH", "AP"): it picks the model and is met by all its rows. */
  namesModel: boolean;
  /** A model named as where the question is asked ("on our hub", "for the AP"), not what it is about. */
  place?: boolean;
  /**
   * Everyday English ("good", "place", "newer") that only phrasings use: no row's own text nor a synonym
   * group. It helps tell rows apart but says little about what is asked (READING.everyday).
   */
  everyday: boolean;
}

/** A party the question names, or stands for ("I", "we": the model's customer side). */
export interface PartyMention {
  at: number;
  length: number;
  party: string;
  modelIds: string[];
  /**
   * named: a party's own name or another name for it ("the customer", "analysts"); provider: a name that is
   * also a model's ("2i2c", "OVH"); you: "I", "me", "we", the customer side of whichever model is asked about.
   */
  kind: "named" | "provider" | "you";
  /** Only a qualifier here: "on the AP", "an AP user", "for OVH". */
  qualifier: boolean;
}

export interface QueryAnalysis {
  slots: Slot[];
  /** Models the question names, by id. */
  modelIds: string[];
  /** Parties the question names or stands for, in the order they appear. */
  parties: PartyMention[];
  /** Stopwords typed, kept to break ties between rows that use them ("who owns" → "Owning …"). */
  stopwords: Set<string>;
  /** Words as typed, for the party-list test. */
  typed: string[];
  /** Where words said around the question start and how many (set expressions, times, a thing compared with,
   * the asker's role): read past, as the second reading must read past them too. */
  aside: { at: number; length: number }[];
  /** Only greetings, thanks or "test": not a question. */
  chitchat: boolean;
  /** Where the first word reporting something gone wrong is ("broken", "crashed"), or -1. */
  problemAt: number;
}

/**
 * Scoring constants of reading a question (each relative to a word typed exactly as a row has it, 1).
 *
 * - `synonym`: a synonym from data/synonyms.yml counts a little less than the word itself.
 * - `kind`: the general word for a specific thing typed (`kinds:`, "pandas" → "python packages") counts less
 *   than a synonym: a row about packages in general fits a question about pandas less exactly.
 * - `correction`: a spelling correction counts for less still, so a typo never beats an exact match.
 * - `unknownWord`: a word no row, phrasing or synonym uses weighs this share of the rarest known word: it is
 *   phrasing ("gonna", "sorts") as often as a topic, so it must not push a right answer under the bar.
 * - `everyday`: everyday English only phrasings use ("newer", "place") weighs this share of its idf: it tells
 *   rows apart, but a long question full of it is no less about the row its topic words find.
 * - `code`: a word of code pasted inline (`ModuleNotFoundError: No module named 'seaborn'`) weighs this share:
 *   it can name what broke, but most of it is the machine's words. (0.3 answered one more DEV question, and
 *   leaving the code out two fewer: the code said what the prose did not.)
 */
export const READING = {
  synonym: 0.85,
  kind: 0.75,
  correction: 0.75,
  unknownWord: 0.2,
  everyday: 0.6,
  code: 0.5,
} as const;

/** A word that is a number ("7", "500"; words() splits "3.11" and "24/7" into numbers): it says which or how
 * many, never what a question is about. */
export const NUMBER = /^\d+$/;

/** Units of time: after a number ("6 months", "24 hours") they say when or how long, never what. */
const TIME_UNITS = new Set([
  "sec",
  "secs",
  "second",
  "seconds",
  "min",
  "mins",
  "minute",
  "minutes",
  "hr",
  "hrs",
  "hour",
  "hours",
  "day",
  "days",
  "week",
  "weeks",
  "wk",
  "wks",
  "month",
  "months",
  "year",
  "years",
  "yr",
  "yrs",
  "am",
  "pm",
]);
/** A time or a span in one word: "2am", "5pm", "24h", "10mins", "3wks". */
// Not "s" nor "d": "500s" are server errors more often than seconds.
const TIME_WORD = /^\d+(?:am|pm|h|hr|hrs|min|mins|secs|wk|wks|yr|yrs)$/;

/** How many words of a time or a span of time start at `at` ("6 months", "2am"): 0 if none. */
function timeAt(typed: readonly string[], at: number): number {
  const word = typed[at] ?? "";
  if (TIME_WORD.test(word)) return 1;
  return NUMBER.test(word) && TIME_UNITS.has(typed[at + 1] ?? "") ? 2 : 0;
}

/** "Isn't working", "stopped working": a problem reported in two words. */
const WORKING = new Set(["working", "work", "works", "loading", "starting", "start", "running", "run"]);
const NOT_ANY_MORE = new Set(["not", "isnt", "arent", "doesnt", "dont", "wont", "stopped", "cant", "never"]);

/** Words that stand for the person asking: the customer side of the model asked about. */
const YOU = new Set(["i", "me", "my", "myself", "we", "us", "our", "ourselves", "mine", "ours"]);
/** Words before a thing named only to compare with: "like a fire drill", "similar to databricks". */
const COMPARING = new Set(["like", "unlike", "similar", "equivalent", "same", "than"]);
/** Verbs of leaving one platform for another: "coming from databricks", "migrating off snowflake". */
const LEAVING = new Set([
  "coming",
  "moving",
  "migrating",
  "switching",
  "moved",
  "migrated",
  "switched",
  "came",
]);

/** Words before a noun that say which one: skipped to find the word that governs it ("on *our* hub"). */
export const DETERMINERS = new Set(["the", "a", "an", "our", "my", "your", "their", "this", "that"]);

/** Where the word before `at` is, over one determiner: "on" in "on our hub", "like" in "like a fire drill". */
export function beforeAt(typed: readonly string[], at: number): number {
  return DETERMINERS.has(typed[at - 1] ?? "") ? at - 2 : at - 1;
}

/**
 * Whether the words before `at` name a place: "on our hub", "in the AP". Only prepositions of place: after
 * "for", "of" or "with" a model is as often what is asked about ("accounts for the analytical platform",
 * "upgrades of the hub"); with "to" and "into" the DEV sets lost as much as they gained.
 */
function placeAt(typed: readonly string[], at: number): boolean {
  return WHERE.has(typed[beforeAt(typed, at)] ?? "");
}
const WHERE = new Set(["on", "in", "at", "under", "via", "using"]);

/** Whether the words before `at` make what starts there a comparison ("like a", "similar to", "coming from"). */
function comparedAt(typed: readonly string[], at: number): boolean {
  const before = beforeAt(typed, at);
  const word = typed[before] ?? "";
  if (COMPARING.has(word)) return true;
  if (word === "to" || word === "as") return COMPARING.has(typed[before - 1] ?? "");
  if (word === "from" || word === "off") return LEAVING.has(typed[before - 1] ?? "");
  return false;
}

/** Before a model's name, these make it where the question is asked, not who it is about ("on the AP"). */
const QUALIFYING = new Set(["on", "for", "in", "with", "under", "at", "of", "from", "via", "using"]);
/**
 * Verbs after which that preposition names the party asked about, not the place: "what do we get from
 * 2i2c", "which duties sit with the AP", "what falls to ovh".
 */
const ASKED_OF: Record<string, ReadonlySet<string>> = {
  from: new Set(["get", "gets", "getting", "expect", "expecting", "receive", "receiving"]),
  with: new Set(["sit", "sits", "lie", "lies", "rest", "rests"]),
  to: new Set(["fall", "falls", "belong", "belongs"]),
};

/** Whether the preposition at `at` marks the party named after it as the one asked about. */
export function asksOf(typed: readonly string[], at: number): boolean {
  return ASKED_OF[typed[at] ?? ""]?.has(typed[at - 1] ?? "") ?? false;
}

function startsWith(stems: readonly string[], at: number, phrase: Phrase): boolean {
  if (at + phrase.length > stems.length) return false;
  return phrase.every((term, offset) => stems[at + offset] === term);
}

function partyAt(index: SearchIndex, stems: readonly string[], at: number): PartyName | undefined {
  return longest(index.partiesStartingWith(stems[at] ?? ""), (party) => startsWith(stems, at, party.phrase));
}

/**
 * Named parties offered as the possible answers ("us or the client?", "the community or 2i2c"): where each
 * starts, and how many words it takes. Providers are models' names too, read as such.
 */
function partiesOffered(mentions: readonly PartyMention[], typed: readonly string[]): Map<number, number> {
  const offered = new Map<number, number>();
  for (let i = 0; i + 1 < mentions.length; i++) {
    const [first, second] = [mentions[i] as PartyMention, mentions[i + 1] as PartyMention];
    let between = first.at + first.length;
    if (typed[between] === "and" && typed[between + 1] === "or") between++;
    if (typed[between] !== "or") continue;
    between++;
    if (DETERMINERS.has(typed[between] ?? "")) between++;
    if (between !== second.at) continue;
    for (const mention of [first, second])
      if (mention.kind === "named") offered.set(mention.at, mention.length);
  }
  return offered;
}

const ARTICLES = new Set(["a", "an"]);

/** Whether a model's name starts at `at`. */
function modelNameAt(index: SearchIndex, stems: readonly string[], at: number): boolean {
  for (const named of index.modelNamesStartingWith(stems[at] ?? ""))
    if (startsWith(stems, at, named.phrase)) return true;
  return false;
}

/** Words and phrases that name parties, with whether each only qualifies the question. */
function findParties(index: SearchIndex, typed: readonly string[], stems: readonly string[]): PartyMention[] {
  const mentions: PartyMention[] = [];
  let at = 0;
  while (at < stems.length) {
    const word = typed[at] ?? "";
    const party = partyAt(index, stems, at);
    const next = party ? at + party.phrase.length : at + 1;
    // "A community hub": after "a", a party's name before a model's describes the model ("the customer
    // ovh duties" is still the Customer's).
    if (party && !party.alsoModel && ARTICLES.has(typed[at - 1] ?? "") && modelNameAt(index, stems, next)) {
      at = next;
      continue;
    }
    if (party) {
      // "on the AP", "for 2i2c": the preposition right before the name, or before its determiner ("a list of
      // what 2i2c handles" is about 2i2c).
      const before = beforeAt(typed, at);
      const qualifier =
        party.alsoModel &&
        ((QUALIFYING.has(typed[before] ?? "") && !asksOf(typed, before)) ||
          partyAt(index, stems, next) !== undefined ||
          YOU.has(typed[next] ?? ""));
      mentions.push({
        at,
        length: party.phrase.length,
        party: party.name,
        modelIds: party.modelIds,
        kind: party.alsoModel ? "provider" : "named",
        qualifier,
      });
      at = next;
      continue;
    }
    if (YOU.has(word)) {
      mentions.push({ at, length: 1, party: "", modelIds: [], kind: "you", qualifier: false });
    }
    at += 1;
  }
  return mentions;
}

/**
 * The standard an auditor asks under ("ISO 27001", "SOC 2 Type II", "NIST 800-53"): why they ask, never what.
 * Only in a standard's own form: a SOC alone is a security operations centre.
 */
const STANDARD =
  /\b(?:iso(?:\s*\/\s*iec)?\s*2700\d|soc\s*[123](?:\s+type\s+(?:ii|i|1|2))?|isms|nist(?:\s+(?:csf|sp\s*800-\d+|800-\d+))?|cis\s+controls?)\b/gi;
/** A control's reference within the standard named ("A.5.26", "CC6.1", "AC-2"): which clause, never what.
 * Read only beside a standard's name, as a version ("py3.11", "v6.1") looks the same. */
const CONTROL_ID = /\b[A-Za-z]{1,3}(?:\.?\d+(?:\.\d+)+|\d+\.\d+|-\d+)\b/g;

/** The question without the standard it is asked under and that standard's control references. */
function withoutStandards(question: string): string {
  if (!/\b(?:iso|soc|isms|nist|cis)/i.test(question)) return question;
  const plain = question.replace(STANDARD, " ");
  return plain === question ? question : plain.replace(CONTROL_ID, " ");
}

/**
 * A ticket's key pasted with its title ("JIRA-2231: Airflow DAG stuck", "[DATA-17] pip fails", "INC0012345 …"):
 * which ticket, never what. A Jira key counts only where a pasted title puts it, first or before a colon (a
 * GPT-4, a COVID-19 or a UTF-8 elsewhere is a name); ServiceNow's record numbers count anywhere.
 */
const TICKET_KEY =
  /^\s*\[?[A-Z][A-Z0-9]{1,9}-\d+\]?|\b[A-Z][A-Z0-9]{1,9}-\d+(?=\s*:)|\b[Jj]ira[- ]?\d+\b|\b(?:INC|RITM|REQ|CHG|PRB|SCTASK)\d{7,}\b/g;

/** Who is asking, said first: "procurement here - …", "PO here, …", "hi, new team lead here: …". */
const ASKER_HERE =
  /^\s*(?:(?:hi|hello|hey|hiya)\b[\s,!]*)?((?:(?!(?:who|whose|what|which|where|when|how|why|is|are|was|do|does|can|could|should|would|will)\b)[\p{L}'’-]+\s+){1,4})here\s*[-—–:,.!]/iu;

/**
 * How many words the asker's role said first takes: in it, a topic no model covers is who asks, not what. A
 * role is said bare ("procurement", "new team lead"): words with a determiner or a problem ("my laptop broke
 * here", "payroll issue here") are what is asked.
 */
function askerWords(question: string, problems: ReadonlySet<string>): number {
  const found = ASKER_HERE.exec(question);
  if (!found) return 0;
  const role = words(found[1] ?? "");
  if (role.some((word) => DETERMINERS.has(word) || problems.has(word))) return 0;
  return words(found[0]).length;
}

/**
 * The article of a law an auditor cites ("Art 5(1)(e)", "article 30", "Art. 28(3)"): why they ask, never what.
 * Its brackets hold a number, a letter or a roman numeral; "(DPIA)" after it is a topic.
 */
const LEGAL_ARTICLE =
  /\b(?:art(?:icle)?s?\.?|recital)\s*\d+[a-z]?(?:\s*\(\s*(?:\d{1,3}|[a-z]|[ivx]{1,4})\s*\))*/gi;

/** The question without the ticket keys and law articles cited in it: which one, never what. */
function withoutCitations(question: string): string {
  return /\d/.test(question) ? question.replace(TICKET_KEY, " ").replace(LEGAL_ARTICLE, " ") : question;
}

/** Code pasted in backticks, inline or fenced (`TypeError: …`, ```Traceback …```): the machine's words. */
const CODE = /```[\s\S]*?```|`[^`\n]*`/g;

/** A question's words in order, and which of them were pasted as code. */
function wordsAndCode(question: string): { typed: string[]; inCode: boolean[] } {
  if (!question.includes("`")) {
    const typed = words(question);
    return { typed, inCode: [] };
  }
  const typed: string[] = [];
  const inCode: boolean[] = [];
  let from = 0;
  const add = (text: string, code: boolean) => {
    for (const word of words(text)) {
      typed.push(word);
      inCode.push(code);
    }
  };
  for (const found of question.matchAll(CODE)) {
    add(question.slice(from, found.index), false);
    add(found[0].replace(/`/g, " "), true);
    from = found.index + found[0].length;
  }
  add(question.slice(from), false);
  return { typed, inCode };
}

export function analyse(question: string, index: SearchIndex): QueryAnalysis {
  const { lexicon } = index;
  // Code pasted in the question tells what broke; the prose says what is asked (READING.code).
  const plain = withoutCitations(withoutStandards(question.slice(0, MAX_QUESTION_CHARS)));
  const { typed, inCode } = wordsAndCode(plain);
  const asker = askerWords(plain, lexicon.problems);
  const stems = typed.map((word) => index.stemOf(word));
  const analysis: QueryAnalysis = {
    slots: [],
    modelIds: [],
    parties: findParties(index, typed, stems),
    stopwords: new Set(),
    typed,
    aside: [],
    chitchat: false,
    problemAt: typed.findIndex(
      (word, at) =>
        lexicon.problems.has(word) || (WORKING.has(word) && NOT_ANY_MORE.has(typed[at - 1] ?? "")),
    ),
  };
  const maxIdf = index.idf("");

  const slotFor = (
    text: string,
    at: number,
    length: number,
    alternatives: Alternative[],
    namesModel = false,
  ): Slot => {
    const known = alternatives.filter((alt) => alt.phrase.every((term) => index.has(term)));
    const idfOf = (alt: Alternative) =>
      alt.phrase.reduce((sum, term) => sum + index.idf(term), 0) / alt.phrase.length;
    const exact = alternatives[0];
    const outside = exact !== undefined && lexicon.outside.has(exact.phrase.join(" "));
    // A concept's importance is that of the words typed when the rows use them, else of its known equivalents.
    // A topic no model covers weighs as the rarest word: no row meets it, so it sinks every row's confidence.
    const kind: SlotKind = outside ? "outside" : known.length > 0 ? "domain" : "unknown";
    // A kind's specific thing ("pandas", "grad student") says what, however everyday its words.
    let everyday = kind === "domain" && !(exact && lexicon.kinds.has(exact.phrase.join(" ")));
    for (let word = at; everyday && word < at + length; word++) {
      const typedWord = typed[word] as string;
      const term = stems[word] as string;
      everyday =
        (GENERAL_ENGLISH.has(typedWord) || lexicon.everyday.has(typedWord)) &&
        !index.inRowText(term) &&
        !lexicon.groupsOf.has(term);
    }
    const weight =
      (everyday ? READING.everyday : 1) *
      (outside
        ? maxIdf
        : exact && known.includes(exact)
          ? idfOf(exact)
          : known.length > 0
            ? known.reduce((sum, alt) => sum + idfOf(alt), 0) / known.length
            : maxIdf * READING.unknownWord);
    const read = inCode[at] === true && !namesModel ? weight * READING.code : weight;
    return { typed: text, at, length, alternatives, weight: read, kind, namesModel, everyday };
  };

  const choices = partiesOffered(analysis.parties, typed);
  let at = 0;
  let chatty = 0;
  let other = 0;
  while (at < stems.length) {
    const modelName = longest(index.modelNamesStartingWith(stems[at] ?? ""), (named) =>
      startsWith(stems, at, named.phrase),
    );
    if (modelName) {
      if (!analysis.modelIds.includes(modelName.modelId)) analysis.modelIds.push(modelName.modelId);
      const text = typed.slice(at, at + modelName.phrase.length).join(" ");
      const names = [
        modelName.phrase,
        ...index.namesOf(modelName.modelId).filter((name) => name !== modelName.phrase),
      ];
      const slot = slotFor(
        text,
        at,
        modelName.phrase.length,
        names.map((phrase) => ({ phrase, weight: 1, fuzzy: false })),
        true,
      );
      if (placeAt(typed, at)) slot.place = true;
      analysis.slots.push(slot);
      at += modelName.phrase.length;
      other++;
      continue;
    }

    // "…, OVH or the client?": a party offered as one of the answers is who is asked about, not what.
    const offered = choices.get(at);
    if (offered) {
      at += offered;
      continue;
    }

    const idiom = longest(lexicon.idiomsFrom.get(typed[at] ?? "") ?? [], ({ phrase }) =>
      startsWith(typed, at, phrase),
    );
    // Skipped outright, not kept as stopwords: a phrasing that happens to say "now" is no closer for it.
    // So is a time or a span of time ("for 6 months", "at 2am"): when, not what.
    const skip = idiom?.phrase.length ?? timeAt(typed, at);
    if (skip > 0) {
      analysis.aside.push({ at, length: skip });
      // "Give me", "tell me": the asker is the party asked about only when no other is named ("give me the
      // list for the AP" is the User's, "give me everything OVH does for us" OVHcloud's): read last.
      if (idiom) {
        const inIdiom = (mention: PartyMention) => mention.at >= at && mention.at < at + skip;
        analysis.parties = [
          ...analysis.parties.filter((mention) => !inIdiom(mention)),
          ...analysis.parties.filter(inIdiom),
        ];
      }
      at += skip;
      continue;
    }

    const keys = phraseKeys(stems, at, index);
    const vocabularyPhrase = longestVocabularyPhrase(typed, stems, at, keys, index);
    // The longer reading wins: "service desk" is support, though a desk alone is the office's.
    const outsideHere = longestOutsidePhrase(stems, at, keys, index);
    const outsidePhrase =
      outsideHere && vocabularyPhrase && vocabularyPhrase.length > outsideHere.length
        ? undefined
        : outsideHere;
    // "Like a fire drill", "coming from databricks": a thing named to compare with, not the topic; nor is
    // the asker's role ("procurement here - …").
    if (outsidePhrase && (comparedAt(typed, at) || at < asker)) {
      analysis.aside.push({ at, length: outsidePhrase.length });
      at += outsidePhrase.length;
      continue;
    }
    if (outsidePhrase) {
      const text = typed.slice(at, at + outsidePhrase.length).join(" ");
      analysis.slots.push(
        slotFor(text, at, outsidePhrase.length, [{ phrase: outsidePhrase, weight: 1, fuzzy: false }]),
      );
      at += outsidePhrase.length;
      other++;
      continue;
    }

    const phrase = vocabularyPhrase;
    if (phrase) {
      const alternatives: Alternative[] = [
        { phrase, weight: 1, fuzzy: false },
        ...synonymsOf(lexicon, phrase).map((alt) => ({ phrase: alt, weight: READING.synonym, fuzzy: false })),
        ...kindsOf(lexicon, phrase).map((alt) => ({ phrase: alt, weight: READING.kind, fuzzy: false })),
      ];
      analysis.slots.push(
        slotFor(typed.slice(at, at + phrase.length).join(" "), at, phrase.length, alternatives),
      );
      at += phrase.length;
      other++;
      continue;
    }

    const term = stems[at] ?? "";
    const word = typed[at] ?? "";
    const start = at;
    at += 1;
    // "test" alone is not a question, but "who tests our backups" is: chitchat words are read as any other.
    if (lexicon.chitchat.has(word)) chatty++;
    // A problem reported ("crashed") says something is wrong, not with what: read as filler is.
    if (lexicon.stopwords.has(word) || lexicon.filler.has(word) || lexicon.problems.has(word)) {
      analysis.stopwords.add(term);
      continue;
    }
    if (!lexicon.chitchat.has(word)) other++;
    const alternatives: Alternative[] = [{ phrase: [term], weight: 1, fuzzy: false }];
    if (!index.has(term)) {
      for (const correction of index.speller.correct(word)) {
        const corrected = index.stemOf(correction.word);
        const weight = READING.correction * correction.similarity;
        for (const alt of [[corrected], ...synonymsOf(lexicon, [corrected])])
          alternatives.push({ phrase: alt, weight, fuzzy: true });
        for (const alt of kindsOf(lexicon, [corrected]))
          alternatives.push({ phrase: alt, weight: weight * READING.kind, fuzzy: true });
      }
    }
    analysis.slots.push(slotFor(word, start, 1, alternatives));
  }
  analysis.chitchat = chatty > 0 && other === 0;
  // "The hub is broken", "the AP crashed, who do I tell": something gone wrong with nothing named but the
  // platform is the platform's outage ("it's broken" names nothing to be down; "ovh billing is wrong" names a
  // topic no model covers, "my laptop is broken on the AP" another thing).
  const { problemAt } = analysis;
  if (problemAt >= 0 && analysis.modelIds.length > 0 && analysis.slots.every((slot) => slot.namesModel)) {
    const outage = [index.stemOf("outage")];
    const alternatives = [outage, ...synonymsOf(lexicon, outage)].map((phrase) => ({
      phrase,
      weight: READING.synonym,
      fuzzy: false,
    }));
    analysis.slots.push(slotFor(typed[problemAt] as string, problemAt, 1, alternatives));
  }
  return analysis;
}

function longest<T extends { phrase: Phrase }>(
  items: Iterable<T>,
  test: (item: T) => boolean,
): T | undefined {
  let best: T | undefined;
  for (const item of items) if (test(item) && (!best || item.phrase.length > best.phrase.length)) best = item;
  return best;
}

/**
 * The stems from `at` joined with spaces, one key per length (keys[0] is one stem), as far as a phrase starting
 * with that stem can reach.
 */
function phraseKeys(stems: readonly string[], at: number, index: SearchIndex): string[] {
  const most = Math.min(index.lexicon.longestPhraseFrom.get(stems[at] ?? "") ?? 1, stems.length - at);
  const keys: string[] = [];
  let key = "";
  for (let length = 1; length <= most; length++) {
    key = length === 1 ? (stems[at] as string) : `${key} ${stems[at + length - 1]}`;
    keys.push(key);
  }
  return keys;
}

/** The longest topic no model covers starting at `at` ("line manager", "laptop"), if any. */
function longestOutsidePhrase(
  stems: readonly string[],
  at: number,
  keys: readonly string[],
  index: SearchIndex,
) {
  for (let length = keys.length; length >= 1; length--)
    if (index.lexicon.outside.has(keys[length - 1] as string)) return stems.slice(at, at + length);
  return undefined;
}

/** The longest synonym-group member or kind starting at `at`, if any: "single sign on" before "sign". */
function longestVocabularyPhrase(
  typed: readonly string[],
  stems: readonly string[],
  at: number,
  keys: readonly string[],
  index: SearchIndex,
): Phrase | undefined {
  const { lexicon } = index;
  for (let length = keys.length; length >= 1; length--) {
    const key = keys[length - 1] as string;
    if (lexicon.groupsOf.has(key) || lexicon.kinds.has(key)) {
      // A lone stopword that happens to be a synonym ("new") is still a stopword.
      if (length === 1 && lexicon.stopwords.has(typed[at] ?? "")) return undefined;
      return stems.slice(at, at + length);
    }
  }
  return undefined;
}
