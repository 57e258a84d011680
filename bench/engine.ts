// Engine latency: the eval questions on the shipped models, and generated questions on a 10,000-row catalogue.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Engine } from "../src/answer/engine.ts";
import { loadQuestions } from "../src/eval/questions.ts";
import { DEFAULT_DATA_DIR } from "../src/model/load.ts";
import { createEngine, loadCatalogue, loadEngine, loadLexicon } from "./compiled.ts";
import { createRng } from "./prng.ts";
import { type Latency, mb, round, summarise } from "./stats.ts";
import { generateCatalogue, generateQuestions, typo } from "./synthetic.ts";

const EVAL_FILES = ["questions.yml", "paraphrases.yml"].map((name) =>
  fileURLToPath(new URL(`../tests/eval/${name}`, import.meta.url)),
);

export function evalQuestions(): string[] {
  return EVAL_FILES.flatMap((file) => loadQuestions(file).map((question) => question.q));
}

/** Times each call of `ask` on every question, `rounds` times over, after `warmup` untimed rounds. */
function timeRounds(engine: Engine, questions: readonly string[], rounds: number, warmup: number): number[] {
  for (let r = 0; r < warmup; r++) for (const q of questions) engine.ask(q);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const start = performance.now();
      engine.ask(q);
      samples.push(performance.now() - start);
    }
  }
  return samples;
}

export interface SeedResult extends Latency {
  questions: number;
  rounds: number;
  /** The first time each question is asked by a fresh engine: nothing cached (spelling corrections are). */
  cold_p50_ms: number;
  cold_p99_ms: number;
  /** Eval questions with one word mistyped in a way not seen before: its spelling is looked up afresh. */
  new_typo_p50_ms: number;
  new_typo_p99_ms: number;
  load_ms: number;
}

/** `count` questions, each an eval question with a word of five letters or more slipped and a letter added, so
 * that the word is new (corrections are cached per word): two edits, so a word under eight letters is looked
 * up and not corrected, which costs the same. */
function newTypos(questions: readonly string[], count: number): string[] {
  const rng = createRng(11);
  const out: string[] = [];
  while (out.length < count) {
    const words = rng.pick(questions).split(" ");
    const long = words.flatMap((word, at) => (/^[a-z]{5,}$/.test(word) ? [at] : []));
    if (long.length === 0) continue;
    const at = rng.pick(long);
    const slipped = typo(rng, words[at] as string);
    words[at] = `${slipped}${"abcdefghijklmnopqrstuvwxyz"[rng.int(0, 25)]}`;
    out.push(words.join(" "));
  }
  return out;
}

export function benchSeed(dataDir: string = DEFAULT_DATA_DIR, rounds = 200): SeedResult {
  const questions = evalQuestions();
  const start = performance.now();
  const engine = loadEngine(dataDir);
  const loadMs = performance.now() - start;
  // A second engine, asked once per question, for first-ask figures.
  const cold = summarise(timeRounds(loadEngine(dataDir), questions, 1, 0));
  const warm = summarise(timeRounds(engine, questions, rounds, 20));
  const typos = summarise(timeRounds(engine, newTypos(questions, 2000), 1, 0));
  return {
    ...warm,
    questions: questions.length,
    rounds,
    cold_p50_ms: cold.p50_ms,
    cold_p99_ms: cold.p99_ms,
    new_typo_p50_ms: typos.p50_ms,
    new_typo_p99_ms: typos.p99_ms,
    load_ms: round(loadMs, 1),
  };
}

export interface SyntheticResult extends Latency {
  rows: number;
  models: number;
  generate_ms: number;
  build_ms: number;
  rss_mb: number;
  /** RSS growth from just before the catalogue was generated to after the questions. */
  rss_delta_mb: number;
  heap_used_mb: number;
  questions: number;
  /** Share of generated questions whose source row came first (a sanity check, not a quality target). */
  top1: number;
  answered: number;
}

export interface SyntheticOptions {
  models?: number;
  rowsPerModel?: number;
  questions?: number;
  warmup?: number;
}

export function benchSynthetic(
  dataDir: string = DEFAULT_DATA_DIR,
  { models = 100, rowsPerModel = 100, questions: count = 2000, warmup = 500 }: SyntheticOptions = {},
): SyntheticResult {
  // The shipped rows to vary, not an engine over them: a process serving 100,000 rows holds one index.
  const base = loadCatalogue(dataDir);
  const lexicon = loadLexicon(dataDir);
  const rssBefore = process.memoryUsage().rss;
  let start = performance.now();
  const catalogue = generateCatalogue(base, { models, rowsPerModel });
  const generateMs = performance.now() - start;
  start = performance.now();
  const engine = createEngine(catalogue, lexicon);
  const buildMs = performance.now() - start;

  // Warm-up on questions of their own, so that measured questions (and their typos) are asked for the first time.
  for (const question of generateQuestions(catalogue, warmup, 1)) engine.ask(question.q);
  const questions = generateQuestions(catalogue, count, 7);
  const samples: number[] = [];
  let top1 = 0;
  let answered = 0;
  for (const question of questions) {
    const t = performance.now();
    const answer = engine.ask(question.q);
    samples.push(performance.now() - t);
    const top = answer.matches[0];
    if (answer.answered) answered++;
    if (top && top.model === question.model && top.rowId === question.rowId) top1++;
  }
  const memory = process.memoryUsage();
  return {
    rows: catalogue.models.reduce((sum, model) => sum + model.rows.length, 0),
    models: catalogue.models.length,
    generate_ms: round(generateMs, 1),
    build_ms: round(buildMs, 1),
    ...summarise(samples),
    rss_mb: mb(memory.rss),
    rss_delta_mb: mb(memory.rss - rssBefore),
    heap_used_mb: mb(memory.heapUsed),
    questions: count,
    top1: round(top1 / count, 3),
    answered: round(answered / count, 3),
  };
}

const THIS_FILE = fileURLToPath(import.meta.url);

/**
 * benchSynthetic in a process of its own, so its RSS is a process holding that catalogue, not one also
 * holding the engines and leftovers of the parts measured before it (in one process the 100,000-row figure
 * was ~40 MB higher after the seed and 10,000-row runs).
 */
export function benchSyntheticApart(dataDir: string, options: SyntheticOptions): SyntheticResult {
  // The same node flags as this process (tsx's loader among them, and --cpu-prof when profiling).
  const output = execFileSync(
    process.execPath,
    [...process.execArgv, THIS_FILE, JSON.stringify({ dataDir, options })],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 1 << 20,
      timeout: 10 * 60_000,
    },
  );
  try {
    return JSON.parse(output) as SyntheticResult;
  } catch {
    throw new Error(`the generated-rows bench printed no result, but: ${output.slice(0, 300)}`);
  }
}

if (process.argv[1] === THIS_FILE) {
  const { dataDir, options } = JSON.parse(process.argv[2] ?? "{}") as {
    dataDir: string;
    options: SyntheticOptions;
  };
  process.stdout.write(JSON.stringify(benchSynthetic(dataDir, options)));
}
