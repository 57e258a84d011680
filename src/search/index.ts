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
export const FIELD_LIST = Object.keys(FIELD_BITS) as (keyof typeof FIELD_BITS)[];

export interface IndexedRow {
  row: Row;
  model: Model;
  /** Best field weight of each term in the row. */
  weights: Map<string, number>;
  /** The fields each term occurs in (FIELD_BITS). */
  fields: Map<string, number>;
  /** Distinct terms of the responsibility, without stopwords: what the row is about. */
  topic: string[];
  /** The sum of the topic terms' idf, fixed once the index is built. */
  topicWeight: number;
  /** Position in `rows`: the last tie-breaker, so equal rows keep catalogue order. */
  position: number;
}

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

export class SearchIndex {
  readonly rows: IndexedRow[] = [];
  readonly postings = new Map<string, number[]>();
  /** Model names and aliases people type ("ovh", "analytical platform"). */
  readonly modelNames: NamedPhrase[] = [];
  /** Party names and the other names people use for them, by the name as stems ("other moj team"). */
  readonly parties = new Map<string, PartyName>();
  /** Per model id, the party "I", "we" and "me" are in its questions. */
  readonly youParty = new Map<string, string>();
  readonly speller: Speller;
  private readonly maxIdf: number;
  /** idf of every indexed term, computed once: the catalogue does not change under an index. */
  private readonly idfs = new Map<string, number>();

  constructor(
    readonly catalogue: Catalogue,
    readonly lexicon: Lexicon,
  ) {
    const surfaceWords = new Set<string>();
    for (const model of catalogue.models) {
      const modelTerms = [model.name, ...model.aliases].flatMap((text) => terms(text));
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
        const weights = new Map<string, number>();
        const fields = new Map<string, number>();
        const addTerm = (term: string, field: keyof typeof FIELD_BITS) => {
          if ((weights.get(term) ?? 0) < FIELD_WEIGHTS[field]) weights.set(term, FIELD_WEIGHTS[field]);
          fields.set(term, (fields.get(term) ?? 0) | FIELD_BITS[field]);
        };
        const addText = (text: string, field: keyof typeof FIELD_BITS) => {
          for (const word of words(text)) {
            surfaceWords.add(word);
            addTerm(stem(word), field);
          }
        };
        addText(row.responsibility, "responsibility");
        // Section numbers ("3.1.7") are not words: a bare "7" must not pick a row under heading 3.1.7.
        addText(row.section.replace(/\b\d+(?:\.\d+)*\.?(?=\s|$)/g, " "), "section");
        addText(row.notes, "notes");
        for (const phrasing of asked?.rows[row.id] ?? []) addText(phrasing, "phrasing");
        for (const term of modelTerms) addTerm(term, "model");

        const index = this.rows.length;
        for (const term of weights.keys()) {
          const list = this.postings.get(term);
          if (list) list.push(index);
          else this.postings.set(term, [index]);
        }
        const topic = [
          ...new Set(
            words(row.responsibility)
              .filter((word) => !lexicon.stopwords.has(word))
              .map(stem),
          ),
        ];
        this.rows.push({ row, model, weights, fields, topic, topicWeight: 0, position: index });
      }
    }
    const modelPhrases = new Set(this.modelNames.map((named) => named.phrase.join(" ")));
    for (const [key, party] of this.parties) party.alsoModel = modelPhrases.has(key);
    this.maxIdf = Math.log(1 + this.rows.length);
    for (const [term, list] of this.postings)
      this.idfs.set(term, Math.log(1 + this.rows.length / list.length));
    for (const entry of this.rows)
      entry.topicWeight = entry.topic.reduce((sum, term) => sum + this.idf(term), 0);
    this.speller = new Speller(surfaceWords);
  }

  /** Every name of a model as phrases: a question naming it by one name is met by rows using another. */
  namesOf(modelId: string): Phrase[] {
    return this.modelNames.filter((named) => named.modelId === modelId).map((named) => named.phrase);
  }

  /** Rarer terms say more about which row is meant. Unknown terms count as the rarest. */
  idf(term: string): number {
    return this.idfs.get(term) ?? this.maxIdf;
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }
}
