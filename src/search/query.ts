// Reading a question: which model and party it names, and the concepts ("slots") it asks about.

import type { SearchIndex } from "./index.ts";
import { type Phrase, synonymsOf } from "./lexicon.ts";
import { MAX_QUESTION_CHARS, stem, words } from "./text.ts";

/** One way a row can satisfy a slot: the words typed, a synonym, or a spelling correction. */
export interface Alternative {
  phrase: Phrase;
  /** How much a match on this alternative is worth, relative to the words as typed (1). */
  weight: number;
  fuzzy: boolean;
}

/** A concept of the question, e.g. "restart" (≈ reboot) or "data protection impact assessment" (≈ DPIA). */
export interface Slot {
  typed: string;
  alternatives: Alternative[];
  /** Importance: the rarer the concept among the rows, the more it decides which row is meant. */
  weight: number;
  /** True when the slot names a model ("OVH", "AP"): it picks the model and is met by all its rows. */
  namesModel: boolean;
}

export interface QueryAnalysis {
  slots: Slot[];
  /** Models the question names, by id. */
  modelIds: string[];
  /** Parties the question names ("Customer", "the User"). */
  parties: { name: string; modelIds: string[] }[];
  /** Stopwords typed, kept to break ties between rows that use them ("who owns" → "Owning …"). */
  stopwords: Set<string>;
}

const SYNONYM_WEIGHT = 0.85;
/**
 * A word no row uses, with no synonym or correction that any row uses, counts three quarters as much as the rarest
 * known word: it may be phrasing ("gives", "picks") as easily as a topic no model covers ("lunch").
 */
const UNKNOWN_WORD_WEIGHT = 0.75;
/** A corrected word counts for less than one typed right, so a typo never beats an exact match. */
const CORRECTION_WEIGHT = 0.75;

function startsWith(stems: readonly string[], at: number, phrase: Phrase): boolean {
  if (at + phrase.length > stems.length) return false;
  return phrase.every((term, offset) => stems[at + offset] === term);
}

export function analyse(question: string, index: SearchIndex): QueryAnalysis {
  const { lexicon } = index;
  const typed = words(question.slice(0, MAX_QUESTION_CHARS));
  const stems = typed.map(stem);
  const analysis: QueryAnalysis = { slots: [], modelIds: [], parties: [], stopwords: new Set() };

  const slotFor = (text: string, alternatives: Alternative[], namesModel = false): Slot => {
    const known = alternatives.filter((alt) => alt.phrase.every((term) => index.has(term)));
    const idfOf = (alt: Alternative) =>
      alt.phrase.reduce((sum, term) => sum + index.idf(term), 0) / alt.phrase.length;
    // A concept's importance is that of the words typed when the rows use them, else of its known equivalents.
    const exact = alternatives[0];
    const weight =
      exact && known.includes(exact)
        ? idfOf(exact)
        : known.length > 0
          ? known.reduce((sum, alt) => sum + idfOf(alt), 0) / known.length
          : index.idf("") * UNKNOWN_WORD_WEIGHT;
    return { typed: text, alternatives, weight, namesModel };
  };

  let at = 0;
  while (at < stems.length) {
    // Party names are noted but still read as words: "users" is also what rows talk about.
    for (const party of index.parties.values()) {
      if (startsWith(stems, at, party.phrase) && !analysis.parties.some((p) => p.name === party.name)) {
        analysis.parties.push({ name: party.name, modelIds: party.modelIds });
      }
    }

    const modelName = longest(index.modelNames, (named) => startsWith(stems, at, named.phrase));
    if (modelName) {
      if (!analysis.modelIds.includes(modelName.modelId)) analysis.modelIds.push(modelName.modelId);
      const text = typed.slice(at, at + modelName.phrase.length).join(" ");
      const names = [
        modelName.phrase,
        ...index.namesOf(modelName.modelId).filter((name) => name !== modelName.phrase),
      ];
      analysis.slots.push(
        slotFor(
          text,
          names.map((phrase) => ({ phrase, weight: 1, fuzzy: false })),
          true,
        ),
      );
      at += modelName.phrase.length;
      continue;
    }

    const phrase = longestSynonymPhrase(typed, stems, at, index);
    if (phrase) {
      const alternatives: Alternative[] = [
        { phrase, weight: 1, fuzzy: false },
        ...synonymsOf(lexicon, phrase).map((alt) => ({ phrase: alt, weight: SYNONYM_WEIGHT, fuzzy: false })),
      ];
      analysis.slots.push(slotFor(typed.slice(at, at + phrase.length).join(" "), alternatives));
      at += phrase.length;
      continue;
    }

    const term = stems[at] ?? "";
    const word = typed[at] ?? "";
    at += 1;
    if (lexicon.stopwords.has(word) || lexicon.filler.has(word)) {
      analysis.stopwords.add(term);
      continue;
    }
    const alternatives: Alternative[] = [{ phrase: [term], weight: 1, fuzzy: false }];
    if (!index.has(term)) {
      for (const correction of index.speller.correct(word)) {
        const corrected = stem(correction.word);
        const phrases = [[corrected], ...synonymsOf(lexicon, [corrected])];
        for (const alt of phrases) {
          alternatives.push({ phrase: alt, weight: CORRECTION_WEIGHT * correction.similarity, fuzzy: true });
        }
      }
    }
    analysis.slots.push(slotFor(word, alternatives));
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

/** The longest synonym-group member starting at `at`, if any: "single sign on" before "sign". */
function longestSynonymPhrase(
  typed: readonly string[],
  stems: readonly string[],
  at: number,
  index: SearchIndex,
): Phrase | undefined {
  const { lexicon } = index;
  for (let length = Math.min(lexicon.longestPhrase, stems.length - at); length >= 1; length--) {
    const phrase = stems.slice(at, at + length);
    if (lexicon.groupsOf.has(phrase.join(" "))) {
      // A lone stopword that happens to be a synonym ("new") is still a stopword.
      if (length === 1 && lexicon.stopwords.has(typed[at] ?? "")) return undefined;
      return phrase;
    }
  }
  return undefined;
}
