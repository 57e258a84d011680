// A large, realistic catalogue for load tests: the shipped rows' own words recombined into new models.
//
// Every synthetic model borrows a "style" from one shipped model — its parties, how it marks rows (✅ marks, RACI
// letters, or a numbered list split at a boundary) and its notes — and gets responsibilities made from a real row's
// verb and another real row's object, under real section headings. Models go through the real schema and
// buildModel, so owners and contacts are derived exactly as for shipped data.
import { slugify } from "../src/model/build.ts";
import { type ModelFile, modelSchema, type RowFile } from "../src/model/schema.ts";
import type { Catalogue, Model, Row } from "../src/model/types.ts";
import { buildModel } from "./compiled.ts";
import { createRng, type Rng } from "./prng.ts";

type Style = "marks" | "raci" | "list";

interface StyleSource {
  style: Style;
  parties: string[];
  notes: string[];
}

export interface Vocabulary {
  /** First words of real responsibilities that read as what someone does: "Managing", "Deploy". */
  verbs: string[];
  /** The rest of those responsibilities: "access to S3 buckets", "your cluster following business needs". */
  objects: string[];
  sections: string[];
  /** Capitalised words inside responsibilities, for service names: "Kubernetes", "Airflow", "DataHub". */
  names: string[];
  styles: StyleSource[];
}

/** First words that are nouns, not verbs, in the shipped rows ("User application code", "Application restarts"). */
const NOT_VERBS = new Set(["User", "Application", "Advocating"]);
const RACI_ROLES = ["R", "A", "C", "I", "RA", "CI", "AC", "RC", "RI", ""];

function styleOf(model: Model): Style {
  if (model.boundary) return "list";
  const roles = model.rows.flatMap((row) => row.assignments.map((assignment) => assignment.role));
  return roles.some((role) => /[RACI]/.test(role)) ? "raci" : "marks";
}

export function vocabularyOf(catalogue: Catalogue): Vocabulary {
  const verbs = new Set<string>();
  const objects = new Set<string>();
  const sections = new Set<string>();
  const names = new Set<string>();
  for (const model of catalogue.models) {
    for (const row of model.rows) {
      const [head, ...tail] = row.responsibility.replace(/\s+/g, " ").trim().split(" ");
      if (head && /^[A-Z][a-z]+,?$/.test(head) && !NOT_VERBS.has(head) && tail.length >= 1) {
        verbs.add(head.replace(/,$/, ""));
        objects.add(tail.join(" ").replace(/[.]$/, ""));
      }
      if (row.section) sections.add(row.section);
      for (const word of row.responsibility.split(/[^A-Za-z0-9]+/).slice(1)) {
        if (/^[A-Z][A-Za-z]{3,}$/.test(word)) names.add(word);
      }
    }
  }
  const styles = catalogue.models.map((model) => ({
    style: styleOf(model),
    parties: model.parties,
    notes: model.rows.map((row) => row.notes),
  }));
  return {
    verbs: [...verbs].sort(),
    objects: [...objects].sort(),
    sections: [...sections].sort(),
    names: [...names].sort(),
    styles,
  };
}

function assignmentsFor(rng: Rng, source: StyleSource): Record<string, string> {
  const out: Record<string, string> = {};
  if (source.style === "list") return out;
  if (source.style === "marks") {
    const marked = rng.shuffle(source.parties).slice(0, rng.chance(0.3) ? 2 : 1);
    for (const party of marked) out[party] = "✅";
    return out;
  }
  // RACI: one party accountable (often also responsible), the others consulted, informed or blank.
  const [owner, ...others] = rng.shuffle(source.parties);
  if (owner) out[owner] = rng.chance(0.7) ? "RA" : "A";
  for (const party of others) {
    const role = rng.pick(RACI_ROLES).replace("A", "");
    if (role) out[party] = role;
  }
  if (owner && out[owner] === "A" && others[0]) out[others[0]] = "R";
  return out;
}

export interface GenerateOptions {
  seed?: number;
  models?: number;
  rowsPerModel?: number;
  /** Numbers models from here (names and ids carry the number, so two generated sets can coexist). */
  firstNumber?: number;
}

/** A synthetic model file, as it would be written in data/models. */
export function generateModelFile(rng: Rng, vocabulary: Vocabulary, number: number, rows: number): ModelFile {
  const source = rng.pick(vocabulary.styles);
  const product = `${rng.pick(vocabulary.names)} ${rng.pick(vocabulary.names)}`;
  const name = `${product} ${number} responsibility model`;
  const alias = `${product
    .split(" ")
    .map((word) => word[0])
    .join("")}x${number}`;
  const boundaryItem = rng.int(Math.floor(rows / 4), Math.ceil((3 * rows) / 4));
  const seen = new Set<string>();
  const fileRows: RowFile[] = [];
  for (let attempts = 0; fileRows.length < rows && attempts < rows * 50; attempts++) {
    const object = rng.pick(vocabulary.objects);
    let responsibility = `${rng.pick(vocabulary.verbs)} ${object}`;
    if (rng.chance(0.25)) responsibility += ` for ${product}`;
    const section = source.style === "list" ? "Example responsibilities" : rng.pick(vocabulary.sections);
    const key = `${section}\u0000${responsibility}`.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const notes = rng.chance(0.6) ? "" : rng.pick(source.notes);
    const row: RowFile = { section, responsibility, assignments: assignmentsFor(rng, source), notes };
    if (source.style === "list") row.item = fileRows.length + 1;
    fileRows.push(row);
  }
  const file = {
    id: slugify(name),
    name,
    aliases: [alias],
    parties: source.parties,
    ...(source.style === "list"
      ? {
          boundary: {
            before: source.parties[0],
            from: source.parties[1] ?? source.parties[0],
            item: boundaryItem,
            text: `Our responsibility generally begins around number ${boundaryItem}.`,
          },
        }
      : {}),
    rows: fileRows,
  };
  return modelSchema.parse(file);
}

/** A catalogue of `models` × `rowsPerModel` rows built from the words of `base`. Same seed, same catalogue. */
export function generateCatalogue(base: Catalogue, options: GenerateOptions = {}): Catalogue {
  const { seed = 42, models = 100, rowsPerModel = 100, firstNumber = 1 } = options;
  const rng = createRng(seed);
  const vocabulary = vocabularyOf(base);
  const out: Model[] = [];
  for (let n = 0; n < models; n++) {
    const file = generateModelFile(rng, vocabulary, firstNumber + n, rowsPerModel);
    out.push(buildModel(file, { file: `synthetic/${file.id}.yml` }));
  }
  return { models: out };
}

export interface GeneratedQuestion {
  q: string;
  model: string;
  rowId: string;
}

const TEMPLATES = [
  (x: string) => `who owns ${x}`,
  (x: string) => `who is responsible for ${x}?`,
  (x: string) => `who handles ${x}`,
  (x: string) => `who do I ask about ${x}?`,
  (x: string) => `${x}`,
  (x: string) => `can someone help with ${x}`,
];

/** One slip: two neighbouring letters swapped, or one dropped, in a word long enough to be corrected. */
export function typo(rng: Rng, word: string): string {
  const at = rng.int(1, word.length - 3);
  return rng.chance(0.5)
    ? word.slice(0, at) + (word[at + 1] ?? "") + (word[at] ?? "") + word.slice(at + 2)
    : word.slice(0, at) + word.slice(at + 1);
}

/** A question as someone would type it about `row`: words dropped, question phrasing, sometimes a typo or the model named. */
export function paraphrase(rng: Rng, model: Model, row: Row): string {
  let words = row.responsibility.replace(/[()]/g, "").split(/\s+/).filter(Boolean);
  const drops = words.length > 3 ? rng.int(0, 2) : 0;
  for (let d = 0; d < drops; d++) words.splice(rng.int(1, words.length - 1), 1);
  if (rng.chance(0.5)) words = words.map((word, index) => (index === 0 ? word.toLowerCase() : word));
  if (rng.chance(0.25)) {
    const long = words
      .map((word, index) => ({ word, index }))
      .filter(({ word }) => /^[a-z]{6,}$/i.test(word));
    if (long.length > 0) {
      const { word, index } = rng.pick(long);
      words[index] = typo(rng, word);
    }
  }
  const question = rng.pick(TEMPLATES)(words.join(" "));
  return rng.chance(0.3) && model.aliases[0] ? `${model.aliases[0]}: ${question}` : question;
}

/** `count` questions about random rows of `catalogue`. */
export function generateQuestions(catalogue: Catalogue, count: number, seed = 7): GeneratedQuestion[] {
  const rng = createRng(seed);
  const out: GeneratedQuestion[] = [];
  for (let n = 0; n < count; n++) {
    const model = rng.pick(catalogue.models);
    const row = rng.pick(model.rows);
    out.push({ q: paraphrase(rng, model, row), model: model.id, rowId: row.id });
  }
  return out;
}
