// The search index over every row of every model: terms per field, postings, document frequencies.
import type { Catalogue, Model, Row } from "../model/types.ts";
import type { Lexicon, Phrase } from "./lexicon.ts";
import { Speller } from "./spelling.ts";
import { stem, terms, words } from "./text.ts";

/**
 * How much a term counts where it is found. The responsibility is what people ask about; the phrasings
 * (data/phrasings.yml) are how people ask about it, nearly as telling; the section narrows it; notes mention
 * many things in passing; the model's own names say only which model.
 */
export const FIELD_WEIGHTS = {
  responsibility: 1,
  section: 0.75,
  notes: 0.6,
  model: 0.5,
  phrasing: 1,
} as const;

/** Fields as bits, to tell whether two concepts were found in the same field of a row. */
export const FIELD_BITS = { responsibility: 1, section: 2, notes: 4, model: 8, phrasing: 16 } as const;

/** The weight of a term found in these fields (FIELD_BITS): the best of them. Indexed by the bits. */
export const WEIGHT_OF_FIELDS: readonly number[] = Array.from({ length: 32 }, (_, bits) =>
  Math.max(
    0,
    ...(Object.keys(FIELD_BITS) as (keyof typeof FIELD_BITS)[])
      .filter((field) => bits & FIELD_BITS[field])
      .map((field) => FIELD_WEIGHTS[field]),
  ),
);

/**
 * A row as the index holds it: its terms as ids, sorted, with the fields each is found in. Small-integer arrays,
 * not maps (nor typed arrays, which cost a buffer each): 100,000 rows must build in about a second and fit in a
 * few hundred megabytes.
 */
export interface IndexedRow {
  row: Row;
  model: Model;
  /** Term ids of the row, ascending. */
  terms: readonly number[];
  /** The fields (FIELD_BITS) each term of `terms` occurs in, at the same position. */
  fields: readonly number[];
  /** Distinct term ids of the responsibility, without stopwords: what the row is about. */
  topic: readonly number[];
  /** The sum of the topic terms' idf, fixed once the index is built. */
  topicWeight: number;
  /** Position in `rows`: the last tie-breaker, so equal rows keep catalogue order. */
  position: number;
  /**
   * For rows with phrasings (data/phrasings.yml): the phrasings holding each term, as bits — `phrasingWords`
   * 32-bit words per term, the term at position `at` of `terms` from `at * phrasingWords` (phrasing p is bit
   * p % 32 of word p / 32). Concepts count as found together only within one phrasing, not across a row's
   * dozens of them.
   */
  phrasingMasks?: Int32Array;
  /** How many phrasings the row has. */
  phrasingCount?: number;
  /** 32-bit words per term in `phrasingMasks`. */
  phrasingWords?: number;
}

/** The fields (FIELD_BITS) holding a term id in a row, 0 if none: a binary search of its sorted terms. */
export function fieldsOf(entry: IndexedRow, id: number): number {
  const at = positionOf(entry, id);
  return at < 0 ? 0 : (entry.fields[at] as number);
}

/** Where a term id is in a row's sorted terms, -1 if absent: a binary search. */
export function positionOf(entry: IndexedRow, id: number): number {
  const { terms } = entry;
  let low = 0;
  let high = terms.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = terms[mid] as number;
    if (at === id) return mid;
    if (at < id) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/** Phrasings a row can tell apart (see IndexedRow.phrasingMasks); more than that share the last one. */
export const MAX_PHRASINGS = 32 * 8;

export interface NamedPhrase {
  phrase: Phrase;
  modelId: string;
}

export interface PartyName {
  /** The party as the models name it ("OVHcloud"). */
  name: string;
  phrase: Phrase;
  modelIds: string[];
  /** Also a model's name ("2i2c", "OVH"): naming it may mean the model as much as the party. */
  alsoModel: boolean;
}

/** Each term's phrasing bits, one after another (see IndexedRow.phrasingMasks). */
function flatMasks(
  sorted: readonly number[],
  masks: ReadonlyMap<number, Int32Array>,
  words: number,
): Int32Array {
  const flat = new Int32Array(sorted.length * words);
  sorted.forEach((id, at) => {
    const mask = masks.get(id);
    if (mask) flat.set(mask, at * words);
  });
  return flat;
}

export class SearchIndex {
  readonly rows: IndexedRow[] = [];
  /** The most 32-bit phrasing words any row has (IndexedRow.phrasingWords). */
  private phrasingWordsAtMost = 0;
  /** Term ids found in some row's own text (responsibility, section, notes, model names), not only phrasings. */
  private readonly ownTerms = new Set<number>();
  /** Model names and aliases people type ("ovh", "analytical platform"). */
  readonly modelNames: NamedPhrase[] = [];
  /** Party names and the other names people use for them, by the name as stems ("other moj team"). */
  readonly parties = new Map<string, PartyName>();
  /** Per model id, the party "I", "we" and "me" are in its questions. */
  readonly youParty = new Map<string, string>();
  readonly speller: Speller;
  /** Every indexed term (a stem) and its id. */
  private readonly ids = new Map<string, number>();
  /** Per term id: the rows holding it, ascending. */
  private readonly postingLists: Int32Array[] = [];
  /** Per term id: its idf, computed once (the catalogue does not change under an index). */
  private readonly idfs: Float64Array;
  /**
   * Per term id: the most it can add to any row's focus (idf / the row's topic weight, over the rows whose
   * topic holds it). Lets ranking bound the score of rows it has not looked at, and stop early.
   */
  private readonly focusBounds: Float64Array;
  private readonly maxIdf: number;
  private modelNamesByFirst: Map<string, NamedPhrase[]> | undefined;
  private partiesByFirst: Map<string, PartyName[]> | undefined;

  constructor(
    readonly catalogue: Catalogue,
    readonly lexicon: Lexicon,
  ) {
    const surfaceWords = new Set<string>();
    // Stems of words already seen: rows repeat a small vocabulary, and stemming is most of the build.
    const stems = new Map<string, string>();
    const stemOf = (word: string) => {
      let known = stems.get(word);
      if (known === undefined) {
        known = stem(word);
        stems.set(word, known);
        surfaceWords.add(word);
      }
      return known;
    };
    const postings: number[][] = [];
    const idOf = (term: string) => {
      let id = this.ids.get(term);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(term, id);
        postings.push([]);
        stamp.push(-1);
        bits.push(0);
      }
      return id;
    };
    // Per term id, the last row it was added to and its fields there: a row's terms gathered without a map.
    const stamp: number[] = [];
    const bits: number[] = [];
    const rowTerms: number[] = [];
    const textIds = new Map<string, number[]>();
    const idsOfText = (text: string, isSection: boolean): number[] => {
      const key = isSection ? `\u0000${text}` : text;
      let ids = textIds.get(key);
      if (ids === undefined) {
        // Section numbers ("3.1.7") are not words: a bare "7" must not pick a row under heading 3.1.7.
        const read = isSection ? text.replace(/\b\d+(?:\.\d+)*\.?(?=\s|$)/g, " ") : text;
        ids = words(read).map((word) => idOf(stemOf(word)));
        textIds.set(key, ids);
      }
      return ids;
    };
    for (const model of catalogue.models) {
      const modelTerms = [model.name, ...model.aliases].flatMap((text) => terms(text)).map(idOf);
      for (const name of [model.id.replace(/-/g, " "), ...model.aliases]) {
        const phrase = terms(name);
        if (phrase.length > 0) this.modelNames.push({ phrase, modelId: model.id });
      }
      const asked = lexicon.phrasings.get(model.id);
      const partyNames = model.parties.flatMap((party) =>
        [party, ...(asked?.parties[party] ?? [])].map((text) => ({ party, text })),
      );
      for (const { party, text } of partyNames) {
        const phrase = terms(text);
        const key = phrase.join(" ");
        if (!key) continue;
        const known = this.parties.get(key);
        if (known && known.name === party) {
          if (!known.modelIds.includes(model.id)) known.modelIds.push(model.id);
        } else if (!known)
          this.parties.set(key, { name: party, phrase, modelIds: [model.id], alsoModel: false });
      }
      if (asked?.you && model.parties.includes(asked.you)) this.youParty.set(model.id, asked.you);
      for (const row of model.rows) {
        const position = this.rows.length;
        rowTerms.length = 0;
        const addIds = (ids: readonly number[], bit: number) => {
          for (const id of ids) {
            if (stamp[id] !== position) {
              stamp[id] = position;
              bits[id] = bit;
              rowTerms.push(id);
            } else bits[id] = (bits[id] as number) | bit;
          }
        };
        const responsibility = words(row.responsibility);
        addIds(
          responsibility.map((word) => idOf(stemOf(word))),
          FIELD_BITS.responsibility,
        );
        // Sections and notes repeat from row to row: each distinct text is read once.
        addIds(idsOfText(row.section, true), FIELD_BITS.section);
        addIds(idsOfText(row.notes, false), FIELD_BITS.notes);
        const phrasings = asked?.rows[row.id] ?? [];
        const phrasingCount = Math.min(phrasings.length, MAX_PHRASINGS);
        const phrasingWords = Math.ceil(phrasingCount / 32);
        const phrasingsOf = phrasings.length > 0 ? new Map<number, Int32Array>() : undefined;
        phrasings.forEach((phrasing, p) => {
          const ids = idsOfText(phrasing, false);
          addIds(ids, FIELD_BITS.phrasing);
          const at = Math.min(p, MAX_PHRASINGS - 1);
          if (!phrasingsOf) return;
          for (const id of ids) {
            let mask = phrasingsOf.get(id);
            if (!mask) {
              mask = new Int32Array(phrasingWords);
              phrasingsOf.set(id, mask);
            }
            mask[at >>> 5] = (mask[at >>> 5] as number) | (1 << (at & 31));
          }
        });
        if (phrasingWords > this.phrasingWordsAtMost) this.phrasingWordsAtMost = phrasingWords;
        addIds(modelTerms, FIELD_BITS.model);

        const sorted = rowTerms.slice().sort((a, b) => a - b);
        const fields: number[] = new Array(sorted.length);
        for (let at = 0; at < sorted.length; at++) {
          const id = sorted[at] as number;
          fields[at] = bits[id] as number;
          if ((fields[at] as number) & ~FIELD_BITS.phrasing) this.ownTerms.add(id);
          postings[id]?.push(position);
        }
        const topic = new Set<number>();
        for (const word of responsibility) if (!lexicon.stopwords.has(word)) topic.add(idOf(stemOf(word)));
        this.rows.push({
          row,
          model,
          terms: sorted,
          fields,
          topic: [...topic],
          topicWeight: 0,
          position,
          ...(phrasingsOf
            ? {
                phrasingMasks: flatMasks(sorted, phrasingsOf, phrasingWords),
                phrasingCount,
                phrasingWords,
              }
            : {}),
        });
      }
    }
    const modelPhrases = new Set(this.modelNames.map((named) => named.phrase.join(" ")));
    for (const [key, party] of this.parties) party.alsoModel = modelPhrases.has(key);
    const count = this.rows.length;
    this.maxIdf = Math.log(1 + count);
    this.idfs = new Float64Array(this.ids.size);
    postings.forEach((list, id) => {
      this.postingLists[id] = Int32Array.from(list);
      // A topic word found only in stopwords-stripped responsibilities still has a posting: its own row.
      this.idfs[id] = list.length > 0 ? Math.log(1 + count / list.length) : this.maxIdf;
    });
    this.focusBounds = new Float64Array(this.ids.size);
    for (const entry of this.rows) {
      let weight = 0;
      for (const id of entry.topic) weight += this.idfs[id] as number;
      entry.topicWeight = weight;
      if (weight > 0)
        for (const id of entry.topic)
          this.focusBounds[id] = Math.max(this.focusBounds[id] as number, (this.idfs[id] as number) / weight);
    }
    this.speller = new Speller(surfaceWords);
  }

  /** Every name of a model as phrases: a question naming it by one name is met by rows using another. */
  namesOf(modelId: string): Phrase[] {
    return this.modelNames.filter((named) => named.modelId === modelId).map((named) => named.phrase);
  }

  /** Model names whose first stem is `term`, in catalogue order: a question's words looked up, not scanned. */
  modelNamesStartingWith(term: string): readonly NamedPhrase[] {
    if (!this.modelNamesByFirst) {
      this.modelNamesByFirst = new Map();
      for (const named of this.modelNames) {
        const first = named.phrase[0] ?? "";
        const list = this.modelNamesByFirst.get(first);
        if (list) list.push(named);
        else this.modelNamesByFirst.set(first, [named]);
      }
    }
    return this.modelNamesByFirst.get(term) ?? [];
  }

  /** Party names whose first stem is `term`, in the order they were found. */
  partiesStartingWith(term: string): readonly PartyName[] {
    if (!this.partiesByFirst) {
      this.partiesByFirst = new Map();
      for (const party of this.parties.values()) {
        const first = party.phrase[0] ?? "";
        const list = this.partiesByFirst.get(first);
        if (list) list.push(party);
        else this.partiesByFirst.set(first, [party]);
      }
    }
    return this.partiesByFirst.get(term) ?? [];
  }

  /** The id of an indexed term, or undefined when no row holds it. */
  idOf(term: string): number | undefined {
    const id = this.ids.get(term);
    return id !== undefined && (this.postingLists[id]?.length ?? 0) > 0 ? id : undefined;
  }

  /** Rarer terms say more about which row is meant. Unknown terms count as the rarest. */
  idf(term: string): number {
    const id = this.idOf(term);
    return id === undefined ? this.maxIdf : (this.idfs[id] as number);
  }

  idfOfId(id: number): number {
    return this.idfs[id] as number;
  }

  /** The rows holding a term id, ascending. */
  postingsOf(id: number): Int32Array {
    return this.postingLists[id] ?? EMPTY;
  }

  /** The most a term id can add to the focus of any row (see focusBounds). */
  focusBoundOf(id: number): number {
    return this.focusBounds[id] as number;
  }

  /** The most 32-bit phrasing words any row has (IndexedRow.phrasingWords). */
  get maxPhrasingWords(): number {
    return this.phrasingWordsAtMost;
  }

  has(term: string): boolean {
    return this.idOf(term) !== undefined;
  }

  /** Whether some row's own text (not only its phrasings) holds the term. */
  inRowText(term: string): boolean {
    const id = this.idOf(term);
    return id !== undefined && this.ownTerms.has(id);
  }
}

const EMPTY = new Int32Array(0);
