// The question vocabulary (data/synonyms.yml): stopwords, filler and synonym groups, as stems; and how people
// ask about each model's rows and parties (data/phrasings.yml, optional).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { DEFAULT_DATA_DIR, displayPath, readDataFile } from "../model/load.ts";
import { parseYaml } from "../model/yaml.ts";
import { stem, words } from "./text.ts";

const lexiconSchema = z.strictObject({
  stopwords: z.array(z.string()).default([]),
  filler: z.array(z.string()).default([]),
  /** Topics no model covers (pay, leave, laptops): a question about them is out of scope, whatever else it says. */
  outside: z.array(z.string()).default([]),
  /** Messages that are not questions ("test", "thanks"): alone, they get no rows at all. */
  chitchat: z.array(z.string()).default([]),
  /** Words that ask for a party's whole list ("duties", "expected", "on the hook"), beside the party's name. */
  listing: z.array(z.string()).default([]),
  listCues: z.array(z.string()).default([]),
  /** Words that report something gone wrong ("broken", "failed"): such a question is never a party's list. */
  problems: z.array(z.string()).default([]),
  /** Everyday words beyond general English's list that say when or how, never what ("last night", "weekend"). */
  everyday: z.array(z.string()).default([]),
  /** Set expressions that say nothing about what is asked ("in the first place", "right now"). */
  idioms: z
    .array(z.string().refine((idiom) => words(idiom).length > 1, "an idiom is two words or more"))
    .default([]),
  synonyms: z.array(
    z.array(z.string().min(1)).min(2, { error: "a synonym group needs two or more members" }),
  ),
  /** A general word or phrase the rows use, and the specific things people name instead ("python packages":
   * pandas, numpy). One way only: a question about pandas is about packages; one about packages is not about
   * pandas. */
  kinds: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)).default({}),
});

export type LexiconFile = z.infer<typeof lexiconSchema>;

const phrasingsSchema = z.record(
  z.string(),
  z.strictObject({
    /** The party "I", "we", "me" are in questions about this model (the customer's side). */
    you: z.string().optional(),
    /** Other names people use for a party ("analysts" for User). */
    parties: z.record(z.string(), z.array(z.string().min(1))).default({}),
    /** Per row id: how people ask about that row, in their own words. */
    rows: z.record(z.string(), z.array(z.string().min(1))).default({}),
  }),
);

export type PhrasingsFile = z.infer<typeof phrasingsSchema>;

/** A word or phrase as a sequence of stems. */
export type Phrase = readonly string[];

export interface Lexicon {
  /** Words (as typed, not stemmed: "accountable" must not swallow "account") skipped outside a phrase. */
  stopwords: ReadonlySet<string>;
  filler: ReadonlySet<string>;
  /** Set expressions, skipped whole (as typed words, by first word): their words are not read one by one
   * ("right now" is not about usage rights, "in the first place" not about a service's location). */
  idiomsFrom: ReadonlyMap<string, readonly { phrase: Phrase }[]>;
  /** Each group's members as stem sequences. */
  groups: readonly Phrase[][];
  /** Groups each phrase (joined with spaces) belongs to. */
  groupsOf: ReadonlyMap<string, number[]>;
  /**
   * Per first stem, the longest synonym, kind or outside phrase starting with it: reading a question looks
   * this far ahead from a word, and only one word ahead from a word that starts no phrase (most of them).
   */
  longestPhraseFrom: ReadonlyMap<string, number>;
  /** Per phrase (joined with spaces), every phrase meaning the same, itself excluded (see synonymsOf). */
  synonyms: ReadonlyMap<string, readonly Phrase[]>;
  /** Per specific phrase (joined with spaces), the general ones it is a kind of (see kindsOf). */
  kinds: ReadonlyMap<string, readonly Phrase[]>;
  /** The one-word specific things of `kinds` as written ("numpy"): the speller knows them, rows or not. */
  kindWords: ReadonlySet<string>;
  /** Topics no model covers, as stem sequences joined with spaces ("line manag"). */
  outside: ReadonlySet<string>;
  /** Words (as typed) of messages that are not questions. */
  chitchat: ReadonlySet<string>;
  /** Words (as typed) that ask for a party's list. */
  listing: ReadonlySet<string>;
  /** Words (as typed) that by themselves ask for a whole list, even beside other words. */
  listCues: ReadonlySet<string>;
  /** Words (as typed) that report something gone wrong. */
  problems: ReadonlySet<string>;
  /** Words (as typed) that weigh as everyday English (READING.everyday), beside the general-English list. */
  everyday: ReadonlySet<string>;
  /** How people ask about each model (data/phrasings.yml), by model id. */
  phrasings: ReadonlyMap<string, PhrasingsFile[string]>;
}

export function phraseOf(text: string): Phrase {
  return words(text).map(stem);
}

export function buildLexicon(file: LexiconFile, phrasings: PhrasingsFile = {}): Lexicon {
  const toWords = (list: string[]) => new Set(list.flatMap((word) => words(word)));
  const groups: Phrase[][] = [];
  const groupsOf = new Map<string, number[]>();
  for (const members of file.synonyms) {
    const phrases = dedupe(members.map(phraseOf).filter((phrase) => phrase.length > 0));
    const index = groups.length;
    groups.push(phrases);
    for (const phrase of phrases) {
      const key = phrase.join(" ");
      groupsOf.set(key, [...(groupsOf.get(key) ?? []), index]);
    }
  }
  const outside = file.outside.map(phraseOf).filter((phrase) => phrase.length > 0);
  const kinds = new Map<string, Phrase[]>();
  for (const [general, specifics] of Object.entries(file.kinds)) {
    const generalPhrase = phraseOf(general);
    if (generalPhrase.length === 0) continue;
    for (const specific of specifics) {
      const key = phraseOf(specific).join(" ");
      if (key) kinds.set(key, dedupe([...(kinds.get(key) ?? []), generalPhrase]));
    }
  }
  const longestPhraseFrom = new Map<string, number>();
  for (const phrase of [...outside, ...groups.flat(), ...[...kinds.keys()].map((key) => key.split(" "))]) {
    const first = phrase[0] as string;
    longestPhraseFrom.set(first, Math.max(longestPhraseFrom.get(first) ?? 1, phrase.length));
  }
  const synonyms = new Map<string, Phrase[]>();
  for (const key of groupsOf.keys()) synonyms.set(key, membersBeside(groups, groupsOf, key));
  return {
    stopwords: toWords(file.stopwords),
    filler: toWords(file.filler),
    idiomsFrom: byFirstWord(file.idioms.map((idiom) => words(idiom))),
    groups,
    groupsOf,
    longestPhraseFrom,
    synonyms,
    kinds,
    kindWords: new Set(
      Object.values(file.kinds)
        .flat()
        .map((specific) => words(specific))
        .flatMap((typed) => (typed.length === 1 ? typed : [])),
    ),
    outside: new Set(outside.map((phrase) => phrase.join(" "))),
    chitchat: toWords(file.chitchat),
    listing: toWords(file.listing),
    listCues: toWords(file.listCues),
    problems: toWords(file.problems),
    everyday: toWords(file.everyday),
    phrasings: new Map(Object.entries(phrasings)),
  };
}

/** Phrases by their first word. */
function byFirstWord(phrases: Phrase[]): Map<string, { phrase: Phrase }[]> {
  const out = new Map<string, { phrase: Phrase }[]>();
  for (const phrase of phrases)
    out.set(phrase[0] as string, [...(out.get(phrase[0] as string) ?? []), { phrase }]);
  return out;
}

function dedupe(phrases: Phrase[]): Phrase[] {
  const seen = new Set<string>();
  return phrases.filter((phrase) => {
    const key = phrase.join(" ");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function parseLexicon(text: string, file: string, phrasings: PhrasingsFile = {}): Lexicon {
  return buildLexicon(parseYaml(text, file, lexiconSchema).value, phrasings);
}

export function parsePhrasings(text: string, file: string): PhrasingsFile {
  return parseYaml(text, file, phrasingsSchema).value;
}

/** The vocabulary of a data folder: synonyms.yml, and phrasings.yml when there is one. */
export function loadLexicon(dataDir: string = DEFAULT_DATA_DIR): Lexicon {
  const path = join(dataDir, "synonyms.yml");
  const phrasingsPath = join(dataDir, "phrasings.yml");
  const phrasings = existsSync(phrasingsPath)
    ? parsePhrasings(readDataFile(phrasingsPath, displayPath(phrasingsPath)), displayPath(phrasingsPath))
    : {};
  return parseLexicon(readDataFile(path, displayPath(path)), displayPath(path), phrasings);
}

/** Every phrase that means the same as `phrase` (itself excluded). */
export function synonymsOf(lexicon: Lexicon, phrase: Phrase): readonly Phrase[] {
  return lexicon.synonyms.get(phrase.join(" ")) ?? [];
}

/** The general phrases `phrase` is a kind of ("pandas" → "python packages"), if any. */
export function kindsOf(lexicon: Lexicon, phrase: Phrase): readonly Phrase[] {
  return lexicon.kinds.get(phrase.join(" ")) ?? [];
}

/** The members of every group holding `key`, each once, `key` itself left out, in the groups' order. */
function membersBeside(groups: readonly Phrase[][], groupsOf: ReadonlyMap<string, number[]>, key: string) {
  const out: Phrase[] = [];
  const seen = new Set([key]);
  for (const group of groupsOf.get(key) ?? []) {
    for (const member of groups[group] ?? []) {
      const memberKey = member.join(" ");
      if (seen.has(memberKey)) continue;
      seen.add(memberKey);
      out.push(member);
    }
  }
  return out;
}
