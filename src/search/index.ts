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

/** In `postingFields`, beside the FIELD_BITS: the term is in the row's topic (see SearchIndex.topicIds). */
export const IN_TOPIC = 32;

/** The weight of a term found in these fields (FIELD_BITS): the best of them. Indexed by the bits. */
export const WEIGHT_OF_FIELDS: readonly number[] = Array.from({ length: 32 }, (_, bits) =>
  Math.max(
    0,
    ...(Object.keys(FIELD_BITS) as (keyof typeof FIELD_BITS)[])
      .filter((field) => bits & FIELD_BITS[field])
      .map((field) => FIELD_WEIGHTS[field]),
  ),
);

/** A row as rankings return it: the row, its model, and its position in the index (the last tie-breaker). */
export interface IndexedRow {
  row: Row;
  model: Model;
  /** Position in `rows`: equal rows keep catalogue order. */
  position: number;
}

/** A row's phrasings (data/phrasings.yml), for the few rows that have them. */
export interface RowPhrasings {
  /**
   * The phrasings holding each of the row's terms, as bits: `words` 32-bit words per term, the term at position
   * `at` of the row's terms from `at * words` (phrasing p is bit p % 32 of word p / 32). Concepts count as found
   * together only within one phrasing, not across a row's dozens of them.
   */
  masks: Int32Array;
  /** How many phrasings the row has. */
  count: number;
  /** 32-bit words per term in `masks`. */
  words: number;
}

/** An append-only typed array that doubles as it fills: the build appends terms without a JS array per row. */
class Appender<T extends Int32Array | Uint8Array> {
  length = 0;
  constructor(private data: T) {}

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new (this.data.constructor as new (length: number) => T)(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  at(index: number): number {
    return this.data[index] as number;
  }

  /** The filled part, in an array of its own (the spare capacity is freed with this). */
  done(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/**
 * Per-row state of a ranking (see candidates.ts), kept by the index and reused (rankings run one at a time):
 * allocating it for each question would cost more than answering it. The four numbers of a row sit side by
 * side in `state` so that reading a row costs one memory access, not four.
 */
export interface RankingWork {
  /** Per row, at 4 × position: the most its measures can add, what the slot last read added to that, the
   * most its focus can be times its topic weight, and its topic weight (fixed). All but the last zero between
   * rankings. */
  state: Float32Array;
  /** Per row: 1 + the last slot read that reached it; 0: not reached; DONE: scored or ruled out. */
  mark: Uint16Array;
  /** The rows reached, in order. */
  touched: Int32Array;
  /** Per term id: its idf times the weight the question asks it with; 0 if not asked. */
  askedIdf: Float64Array;
  /** Rows being sorted by bound: the rows, their bounds and buckets, and their order. */
  pending: Int32Array;
  bounds: Float64Array;
  buckets: Int32Array;
  sorted: Int32Array;
  /** Where each bucket of bounds starts (BOUND_BUCKETS + 1). */
  bucketStarts: Int32Array;
}

/** How finely many rows are sorted by their bound: finer sorts closer, coarser sorts faster. */
export const BOUND_BUCKETS = 1024;

function rankingWork(rows: number, terms: number, topicWeights: Float64Array): RankingWork {
  const state = new Float32Array(rows * 4);
  for (let position = 0; position < rows; position++)
    state[4 * position + 3] = topicWeights[position] as number;
  return {
    state,
    mark: new Uint16Array(rows),
    touched: new Int32Array(rows),
    askedIdf: new Float64Array(terms),
    pending: new Int32Array(rows),
    bounds: new Float64Array(rows),
    buckets: new Int32Array(rows),
    sorted: new Int32Array(rows),
    bucketStarts: new Int32Array(BOUND_BUCKETS + 1),
  };
}

/** Sorts a short array of numbers in place, ascending: a row's few dozen terms, without a comparator call each. */
function sortSmall(values: number[]): void {
  for (let i = 1; i < values.length; i++) {
    const value = values[i] as number;
    let at = i - 1;
    while (at >= 0 && (values[at] as number) > value) {
      values[at + 1] = values[at] as number;
      at--;
    }
    values[at + 1] = value;
  }
}

/** Phrasings a row can tell apart (see RowPhrasings.masks); more than that share the last one. */
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

/**
 * The search index over every row of every model. Rows, their terms and the postings are flat typed arrays, not
 * an object or a map per row: 100,000 rows must build in about a second and fit in a few hundred megabytes.
 */
export class SearchIndex {
  readonly rows: IndexedRow[] = [];
  /** Model names and aliases people type ("ovh", "analytical platform"). */
  readonly modelNames: NamedPhrase[] = [];
  /** Party names and the other names people use for them, by the name as stems ("other moj team"). */
  readonly parties = new Map<string, PartyName>();
  /** Per model id, the party "I", "we" and "me" are in its questions. */
  readonly youParty = new Map<string, string>();
  /** Per model id, its rows' positions: `start` up to (not including) `end`. A model's rows are contiguous. */
  readonly modelRanges = new Map<string, { start: number; end: number }[]>();
  readonly speller: Speller;
  /** Row p's term ids are termIds[termStart[p]] up to termIds[termStart[p + 1]], ascending. */
  readonly termStart: Int32Array;
  readonly termIds: Int32Array;
  /** The fields (FIELD_BITS) each term of `termIds` occurs in, at the same position. */
  readonly termFields: Uint8Array;
  /**
   * Row p's topic, topicIds[topicStart[p]] up to topicIds[topicStart[p + 1]]: the distinct term ids of its
   * responsibility, without stopwords. What the row is about.
   */
  readonly topicStart: Int32Array;
  readonly topicIds: Int32Array;
  /** Per row: the sum of its topic terms' idf. */
  readonly topicWeights: Float64Array;
  /** Per row position, its phrasings (data/phrasings.yml); most rows have none. */
  readonly phrasings = new Map<number, RowPhrasings>();
  /** The most 32-bit phrasing words any row has (RowPhrasings.words). */
  private phrasingWordsAtMost = 0;
  /** Per term id, 1 when some row's own text (responsibility, section, notes, model names) holds it, not only
   * its phrasings. */
  private readonly ownTerms: Uint8Array;
  /** The rows holding term id t, ascending: postings[postingStart[t]] up to postings[postingStart[t + 1]]. */
  readonly postingStart: Int32Array;
  readonly postings: Int32Array;
  /** The fields (FIELD_BITS) the term is found in, in the row at the same position of `postings`; IN_TOPIC. */
  readonly postingFields: Uint8Array;
  /** Where the term is among that row's terms (an index into termIds). */
  private readonly postingTermAt: Int32Array;
  /** Every word the rows and phrasings use, as written, and its stem. */
  private readonly stems = new Map<string, string>();
  /** Every indexed term (a stem) and its id. */
  private readonly ids = new Map<string, number>();
  /** Per term id: its idf, computed once (the catalogue does not change under an index). */
  private readonly idfs: Float64Array;
  /**
   * Per term id: the most it can add to any row's focus (idf / the row's topic weight, over the rows whose
   * topic holds it). Lets ranking bound the score of rows it has not looked at, and stop early.
   */
  private readonly focusBounds: Float64Array;
  private readonly maxIdf: number;
  /** Initials of the models' names of several words and the words they stand for ("ap" → analytical
   * platform); initials two names share stand for neither (an empty list). */
  private readonly initialisms = new Map<string, string[]>();
  private modelNamesByFirst: Map<string, NamedPhrase[]> | undefined;
  private partiesByFirst: Map<string, PartyName[]> | undefined;
  private work: RankingWork | undefined;

  constructor(
    readonly catalogue: Catalogue,
    readonly lexicon: Lexicon,
  ) {
    // Rows repeat a small vocabulary, and stemming is most of the build: each word is stemmed once.
    // Per word as written, its stem's id: one lookup a word.
    const wordIds = new Map<string, number>();
    const idOfWord = (word: string) => {
      let id = wordIds.get(word);
      if (id === undefined) {
        const term = stem(word);
        id = idOf(term);
        wordIds.set(word, id);
        this.stems.set(word, term);
      }
      return id;
    };
    const idOf = (term: string) => {
      let id = this.ids.get(term);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(term, id);
        stamp.push(-1);
        bits.push(0);
        own.push(0);
        termAt.push(0);
      }
      return id;
    };
    // Per term id, the last row it was added to and its fields there: a row's terms gathered without a map.
    const stamp: number[] = [];
    const bits: number[] = [];
    const own: number[] = [];
    // Per term id, its position among the current row's sorted terms (for the phrasing masks).
    const termAt: number[] = [];
    const rowTerms: number[] = [];
    // Sections and notes repeat from row to row: each distinct text is read once.
    const sectionIds = new Map<string, number[]>();
    const textIds = new Map<string, number[]>();
    const idsOfText = (text: string, isSection: boolean): number[] => {
      const known = isSection ? sectionIds : textIds;
      let ids = known.get(text);
      if (ids === undefined) {
        // Section numbers ("3.1.7") are not words: a bare "7" must not pick a row under heading 3.1.7.
        const read = isSection ? text.replace(/\b\d+(?:\.\d+)*\.?(?=\s|$)/g, " ") : text;
        ids = words(read).map(idOfWord);
        known.set(text, ids);
      }
      return ids;
    };
    const rowCount = catalogue.models.reduce((sum, model) => sum + model.rows.length, 0);
    const termStart = new Int32Array(rowCount + 1);
    const termIds = new Appender(new Int32Array(rowCount * 16 + 16));
    const termFields = new Appender(new Uint8Array(rowCount * 16 + 16));
    const topicStart = new Int32Array(rowCount + 1);
    const topicIds = new Appender(new Int32Array(rowCount * 4 + 16));
    for (const model of catalogue.models) {
      const modelTerms = [model.name, ...model.aliases].flatMap((text) => terms(text)).map(idOf);
      for (const name of [model.id.replace(/-/g, " "), ...model.aliases]) {
        const phrase = terms(name);
        if (phrase.length > 0) this.modelNames.push({ phrase, modelId: model.id });
      }
      for (const name of [model.name, ...model.aliases]) {
        const spelt = words(name);
        if (spelt.length < 2) continue;
        const initials = spelt.map((word) => word[0]).join("");
        const before = this.initialisms.get(initials);
        this.initialisms.set(initials, before && before.join(" ") !== spelt.join(" ") ? [] : spelt);
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
      const range = { start: this.rows.length, end: this.rows.length + model.rows.length };
      this.modelRanges.set(model.id, [...(this.modelRanges.get(model.id) ?? []), range]);
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
        const responsibilityIds = responsibility.map(idOfWord);
        addIds(responsibilityIds, FIELD_BITS.responsibility);
        addIds(idsOfText(row.section, true), FIELD_BITS.section);
        addIds(idsOfText(row.notes, false), FIELD_BITS.notes);
        const phrasings = asked?.rows[row.id] ?? [];
        const phrasingCount = Math.min(phrasings.length, MAX_PHRASINGS);
        const phrasingWords = Math.ceil(phrasingCount / 32);
        const phrasingIds = phrasings.map((phrasing) => idsOfText(phrasing, false));
        for (const ids of phrasingIds) addIds(ids, FIELD_BITS.phrasing);
        if (phrasingWords > this.phrasingWordsAtMost) this.phrasingWordsAtMost = phrasingWords;
        addIds(modelTerms, FIELD_BITS.model);

        sortSmall(rowTerms);
        for (const id of rowTerms) {
          termIds.push(id);
          termFields.push(bits[id] as number);
          if ((bits[id] as number) & ~FIELD_BITS.phrasing) own[id] = 1;
        }
        termStart[position + 1] = termIds.length;
        if (phrasingCount > 0) {
          for (let at = 0; at < rowTerms.length; at++) termAt[rowTerms[at] as number] = at;
          const masks = new Int32Array(rowTerms.length * phrasingWords);
          phrasingIds.forEach((ids, p) => {
            const bit = Math.min(p, MAX_PHRASINGS - 1);
            for (const id of ids) {
              const word = (termAt[id] as number) * phrasingWords + (bit >>> 5);
              masks[word] = (masks[word] as number) | (1 << (bit & 31));
            }
          });
          this.phrasings.set(position, { masks, count: phrasingCount, words: phrasingWords });
        }
        // The topic: distinct ids, in the order the responsibility first uses them.
        const topicFrom = topicIds.length;
        responsibility.forEach((word, at) => {
          if (lexicon.stopwords.has(word)) return;
          const id = responsibilityIds[at] as number;
          for (let seen = topicFrom; seen < topicIds.length; seen++) if (topicIds.at(seen) === id) return;
          topicIds.push(id);
        });
        topicStart[position + 1] = topicIds.length;
        this.rows.push({ row, model, position });
      }
    }
    this.ownTerms = Uint8Array.from(own);
    this.termStart = termStart;
    this.termIds = termIds.done();
    this.termFields = termFields.done();
    this.topicStart = topicStart;
    this.topicIds = topicIds.done();

    // Postings by counting: rows are visited in order, so each term's rows come out ascending.
    const termCount = this.ids.size;
    const postingStart = new Int32Array(termCount + 1);
    for (const id of this.termIds) postingStart[id + 1] = (postingStart[id + 1] as number) + 1;
    for (let id = 0; id < termCount; id++)
      postingStart[id + 1] = (postingStart[id + 1] as number) + (postingStart[id] as number);
    const postings = new Int32Array(this.termIds.length);
    const postingFields = new Uint8Array(this.termIds.length);
    const postingTermAt = new Int32Array(this.termIds.length);
    const cursor = postingStart.slice(0, termCount);
    const inTopic = new Int32Array(termCount).fill(-1);
    for (let position = 0; position < rowCount; position++) {
      for (let at = topicStart[position] as number; at < (topicStart[position + 1] as number); at++)
        inTopic[this.topicIds[at] as number] = position;
      for (let at = termStart[position] as number; at < (termStart[position + 1] as number); at++) {
        const id = this.termIds[at] as number;
        const to = cursor[id] as number;
        postings[to] = position;
        postingTermAt[to] = at;
        postingFields[to] = (this.termFields[at] as number) | (inTopic[id] === position ? IN_TOPIC : 0);
        cursor[id] = to + 1;
      }
    }
    this.postingStart = postingStart;
    this.postings = postings;
    this.postingFields = postingFields;
    this.postingTermAt = postingTermAt;

    const modelPhrases = new Set(this.modelNames.map((named) => named.phrase.join(" ")));
    for (const [key, party] of this.parties) party.alsoModel = modelPhrases.has(key);
    this.maxIdf = Math.log(1 + rowCount);
    this.idfs = new Float64Array(termCount);
    for (let id = 0; id < termCount; id++) {
      const count = this.postingCount(id);
      // A topic word found only in stopwords-stripped responsibilities still has a posting: its own row.
      this.idfs[id] = count > 0 ? Math.log(1 + rowCount / count) : this.maxIdf;
    }
    this.focusBounds = new Float64Array(termCount);
    this.topicWeights = new Float64Array(rowCount);
    for (let position = 0; position < rowCount; position++) {
      const from = topicStart[position] as number;
      const to = topicStart[position + 1] as number;
      let weight = 0;
      for (let at = from; at < to; at++) weight += this.idfs[this.topicIds[at] as number] as number;
      this.topicWeights[position] = weight;
      if (weight > 0)
        for (let at = from; at < to; at++) {
          const id = this.topicIds[at] as number;
          this.focusBounds[id] = Math.max(this.focusBounds[id] as number, (this.idfs[id] as number) / weight);
        }
    }
    // The rows' and phrasings' words as written: what a slip is corrected to.
    this.speller = new Speller([...this.stems.keys(), ...lexicon.kindWords]);
  }

  /**
   * Where a term id is among row `position`'s terms (an index into termIds), -1 if absent: a binary search of
   * the term's postings, not of the row's terms. Scoring looks up the same few terms in row after row, so
   * their postings stay in the CPU's cache where each row's own terms would have to be fetched anew.
   */
  termAt(position: number, id: number): number {
    const postings = this.postings;
    let low = this.postingStart[id] as number;
    let high = (this.postingStart[id + 1] as number) - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const at = postings[mid] as number;
      if (at === position) return this.postingTermAt[mid] as number;
      if (at < position) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }

  /** The fields (FIELD_BITS) holding a term id in row `position`, 0 if none. */
  fieldsOf(position: number, id: number): number {
    const at = this.termAt(position, id);
    return at < 0 ? 0 : (this.termFields[at] as number);
  }

  /** The per-row state of rankings (see RankingWork), made on first use. */
  rankingWork(): RankingWork {
    this.work ??= rankingWork(this.rows.length, this.ids.size, this.topicWeights);
    return this.work;
  }

  /** A word's stem (as `stem`): looked up for the rows' own words, which questions mostly use. */
  stemOf(word: string): string {
    return this.stems.get(word) ?? stem(word);
  }

  /** How many rows hold a term id. */
  postingCount(id: number): number {
    return (this.postingStart[id + 1] as number) - (this.postingStart[id] as number);
  }

  /** Every name of a model as phrases: a question naming it by one name is met by rows using another. */
  namesOf(modelId: string): Phrase[] {
    return this.modelNames.filter((named) => named.modelId === modelId).map((named) => named.phrase);
  }

  /**
   * The model's name of several words that a name typed as its initials stands for ("ap" → "analytical
   * platform", "dp" → "data processing"): to the letters, "AP" is nothing like the rows' "Analytical Platform",
   * though people mean it. Ask only of a word the question reads as a model's name: "as" is no "apache spark".
   */
  standsFor(typed: string): string[] | undefined {
    const spelt = this.initialisms.get(typed);
    return spelt && spelt.length > 0 ? spelt : undefined;
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
    return id !== undefined && this.postingCount(id) > 0 ? id : undefined;
  }

  /** Rarer terms say more about which row is meant. Unknown terms count as the rarest. */
  idf(term: string): number {
    const id = this.idOf(term);
    return id === undefined ? this.maxIdf : (this.idfs[id] as number);
  }

  idfOfId(id: number): number {
    return this.idfs[id] as number;
  }

  /** The most a term id can add to the focus of any row (see focusBounds). */
  focusBoundOf(id: number): number {
    return this.focusBounds[id] as number;
  }

  /** The most 32-bit phrasing words any row has (RowPhrasings.words). */
  get maxPhrasingWords(): number {
    return this.phrasingWordsAtMost;
  }

  has(term: string): boolean {
    return this.idOf(term) !== undefined;
  }

  /** Whether some row's own text (not only its phrasings) holds the term. */
  inRowText(term: string): boolean {
    const id = this.idOf(term);
    return id !== undefined && this.ownTerms[id] === 1;
  }
}
