// The store's figures: the HTTP run with recording off, on SQLite and on PostgreSQL, interleaved round by
// round so a busy machine weighs on each alike (target: recording on within 10% of off); PostgreSQL taken
// away part-way through a run (target: no answer lost, every record written once it is back); and
// `who-owns gaps` over 100,000 recorded questions (target < 2 s).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { EnabledSettings } from "../src/store/db.ts";
import type { StoredRecord } from "../src/store/store.ts";
import { TcpProxy } from "../tests/store/tcp-proxy.ts";
import { gapsReport, loadEngine, Store } from "./compiled.ts";
import { evalQuestions } from "./engine.ts";
import { benchHttp, type HttpResult } from "./http.ts";
import { createRng } from "./prng.ts";
import { round } from "./stats.ts";

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

interface Variant {
  name: "off" | "sqlite" | "postgres";
  env: Record<string, string>;
  settings?: EnabledSettings;
}

type Figures = Pick<
  HttpResult,
  "rps" | "p50_ms" | "p99_ms" | "answer_p50_ms" | "answer_p99_ms" | "lost" | "errors" | "non2xx" | "timeouts"
>;

export interface RecordingResult {
  rounds: number;
  duration_s: number;
  /** Medians over the rounds (lost and errors: totals); recorded: questions in the store afterwards. */
  variants: Record<
    string,
    Figures & { recorded?: number; requests: number; app_cpu_us_per_request: number; rps_by_round: number[] }
  >;
  /** Recording on ÷ off: req/s (≥ 0.9 meets the target) and p99 acknowledgement latency (≤ 1.1). */
  ratios: Record<string, { rps: number; p99: number; answer_p99: number; cpu_per_request: number }>;
  outage?: { lost: number; errors: number; requests: number; recorded: number; down_s: number };
  outage_error?: string;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const common = { enabled: true as const, retentionDays: 30, recordDmText: true, adminUserIds: [] };

async function recorded(settings: EnabledSettings | undefined): Promise<number | undefined> {
  if (!settings) return undefined;
  const store = await Store.open(settings);
  try {
    return await store.countQuestions({ since: 0 });
  } finally {
    await store.close();
  }
}

export async function benchRecording({
  dataDir,
  rounds = 5,
  durationSeconds = 10,
  step,
}: {
  dataDir?: string;
  rounds?: number;
  durationSeconds?: number;
  step: (text: string) => void;
}): Promise<RecordingResult> {
  const stateDir = mkdtempSync(join(tmpdir(), "who-owns-bench-store-"));
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  const withPostgres = await postgresAnswers();
  const variants: Variant[] = [
    { name: "off", env: { STORE: "off" } },
    {
      name: "sqlite",
      env: { WHO_OWNS_STATE_DIR: stateDir },
      settings: { ...common, engine: "sqlite", stateDir },
    },
  ];
  if (withPostgres) {
    variants.push({
      name: "postgres",
      env: { DATABASE_URL, DATABASE_SCHEMA: schema },
      settings: { ...common, engine: "postgres", databaseUrl: DATABASE_URL, schema },
    });
  } else step(`recording: no PostgreSQL at ${DATABASE_URL}; only SQLite is compared`);
  const runs = new Map<string, HttpResult[]>();
  try {
    for (let r = 1; r <= rounds; r++) {
      // The order turns round by round, so none is always the one run just after another's load.
      const order = r % 2 === 1 ? variants : [...variants].reverse();
      for (const variant of order) {
        step(`recording: round ${r}/${rounds}, store ${variant.name}`);
        const result = await benchHttp({
          ...(dataDir ? { dataDir } : {}),
          durationSeconds,
          trials: 1,
          baseline: false,
          env: variant.env,
        });
        runs.set(variant.name, [...(runs.get(variant.name) ?? []), result]);
      }
    }
    const summary: RecordingResult["variants"] = {};
    for (const variant of variants) {
      const results = runs.get(variant.name) ?? [];
      const count = await recorded(variant.settings);
      summary[variant.name] = {
        rps: median(results.map((x) => x.rps)),
        p50_ms: median(results.map((x) => x.p50_ms)),
        p99_ms: median(results.map((x) => x.p99_ms)),
        answer_p50_ms: median(results.map((x) => x.answer_p50_ms)),
        answer_p99_ms: median(results.map((x) => x.answer_p99_ms)),
        lost: results.reduce((sum, x) => sum + x.lost, 0),
        errors: results.reduce((sum, x) => sum + x.errors, 0),
        non2xx: results.reduce((sum, x) => sum + x.non2xx, 0),
        timeouts: results.reduce((sum, x) => sum + x.timeouts, 0),
        requests: results.reduce((sum, x) => sum + x.requests + x.warmup_requests, 0),
        rps_by_round: results.map((x) => x.rps),
        // The app's CPU per answered request: what recording adds, whatever else the machine is doing.
        app_cpu_us_per_request: round(median(results.map((x) => (x.app_cpu_pct / 100 / x.rps) * 1e6)), 0),
        ...(count !== undefined ? { recorded: count } : {}),
      };
    }
    const off = summary.off as Figures;
    const ratios: RecordingResult["ratios"] = {};
    for (const name of ["sqlite", "postgres"]) {
      const on = summary[name];
      if (!on) continue;
      ratios[name] = {
        rps: round(on.rps / off.rps, 3),
        p99: round(on.p99_ms / off.p99_ms, 3),
        answer_p99: round(on.answer_p99_ms / off.answer_p99_ms, 3),
        cpu_per_request: round(
          on.app_cpu_us_per_request / (summary.off?.app_cpu_us_per_request ?? Number.NaN),
          3,
        ),
      };
    }
    const result: RecordingResult = { rounds, duration_s: durationSeconds, variants: summary, ratios };
    if (withPostgres) {
      try {
        result.outage = await benchOutage({ ...(dataDir ? { dataDir } : {}), durationSeconds, step });
      } catch (error) {
        result.outage_error = (error as Error).message;
      }
    }
    return result;
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
    if (withPostgres) await dropSchema(schema);
  }
}

/** PostgreSQL (through a proxy) taken away for 40% of a run and brought back. */
async function benchOutage({
  dataDir,
  durationSeconds,
  step,
}: {
  dataDir?: string;
  durationSeconds: number;
  step: (text: string) => void;
}): Promise<NonNullable<RecordingResult["outage"]>> {
  const url = new URL(DATABASE_URL);
  const proxy = await TcpProxy.start({ host: url.hostname, port: Number(url.port || 5432) });
  const proxied = new URL(DATABASE_URL);
  proxied.port = String(proxy.port);
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  const downMs = durationSeconds * 400;
  step(`recording: PostgreSQL taken away for ${downMs / 1000} s of a ${durationSeconds} s run`);
  const timers: NodeJS.Timeout[] = [];
  try {
    const result = await benchHttp({
      ...(dataDir ? { dataDir } : {}),
      durationSeconds,
      trials: 1,
      baseline: false,
      env: { DATABASE_URL: proxied.toString(), DATABASE_SCHEMA: schema },
      onMeasure: () => {
        timers.push(setTimeout(() => void proxy.down(), durationSeconds * 300));
        timers.push(setTimeout(() => void proxy.up(), durationSeconds * 300 + downMs));
      },
    });
    const count =
      (await recorded({ ...common, engine: "postgres", databaseUrl: DATABASE_URL, schema })) ?? Number.NaN;
    return {
      lost: result.lost,
      errors: result.errors,
      requests: result.requests + result.warmup_requests,
      recorded: count,
      down_s: downMs / 1000,
    };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    await proxy.stop();
    await dropSchema(schema);
  }
}

export interface GapsBenchResult {
  questions: number;
  distinct_unanswered: number;
  /** Writing them through the store, in batches of 1,000. */
  write_ms: Record<string, number>;
  /** `who-owns gaps` (the whole report) over them. */
  gaps_ms: Record<string, number>;
}

const WORDS =
  "wifi printer parking canteen badge laptop vpn password holiday payroll expenses desk locker coffee printer-ink monitor keyboard mouse headset travel visa pension training mentor onboarding offboarding contract invoice supplier licence".split(
    " ",
  );

/** 100,000 questions as the app records them: 70% answered (the eval questions), 30% not (made-up asks). */
function syntheticRecords(count: number): { records: StoredRecord[]; distinct: number } {
  const engine = loadEngine();
  const rng = createRng(11);
  const answered = evalQuestions().map((question) => ({ question, answer: engine.ask(question) }));
  const unansweredTexts = new Set<string>();
  const records: StoredRecord[] = [];
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const at = now - Math.floor(rng.next() * 25 * 86_400_000);
    const base = {
      surface: "slash" as const,
      team: "T0BENCH01",
      user_hash: `h${i % 500}`,
    };
    if (rng.next() < 0.7) {
      const pick = answered[Math.floor(rng.next() * answered.length)] as (typeof answered)[number];
      const top = pick.answer.matches[0];
      records.push({
        table: "questions",
        row: {
          ...base,
          id: `q${i}`,
          at,
          channel: "C0BENCH01",
          question: pick.question,
          model: top?.model ?? null,
          row_id: pick.answer.answered ? (top?.rowId ?? null) : null,
          answered: pick.answer.answered ? 1 : 0,
          score: top?.score ?? null,
        },
      });
    } else {
      const a = WORDS[Math.floor(rng.next() * WORDS.length)];
      const b = WORDS[Math.floor(rng.next() * WORDS.length)];
      const form = Math.floor(rng.next() * 4);
      const question = [
        `who handles the ${a} ${b}`,
        `where do I ask about ${a}`,
        `${a} ${b} help`,
        `who owns ${a}?`,
      ][form] as string;
      unansweredTexts.add(question);
      records.push({
        table: "questions",
        row: {
          ...base,
          id: `q${i}`,
          at,
          channel: "C0BENCH01",
          question,
          model: null,
          row_id: null,
          answered: 0,
          score: null,
        },
      });
    }
    if (i % 50 === 0) {
      const pick = answered[i % answered.length] as (typeof answered)[number];
      const top = pick.answer.matches[0];
      records.push({
        table: "feedback",
        row: {
          ...base,
          id: `f${i}`,
          at,
          question: pick.question,
          model: top?.model ?? null,
          row_id: top?.rowId ?? null,
          vote: i % 100 === 0 ? "down" : "up",
          comment: i % 300 === 0 ? "not what I meant" : null,
        },
      });
    }
  }
  return { records, distinct: unansweredTexts.size };
}

export async function benchGaps({
  questions = 100_000,
  step,
}: {
  questions?: number;
  step: (text: string) => void;
}): Promise<GapsBenchResult> {
  const { records, distinct } = syntheticRecords(questions);
  const engine = loadEngine();
  const result: GapsBenchResult = { questions, distinct_unanswered: distinct, write_ms: {}, gaps_ms: {} };
  const stateDir = mkdtempSync(join(tmpdir(), "who-owns-bench-gaps-"));
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  const targets: [string, EnabledSettings][] = [["sqlite", { ...common, engine: "sqlite", stateDir }]];
  if (await postgresAnswers())
    targets.push(["postgres", { ...common, engine: "postgres", databaseUrl: DATABASE_URL, schema }]);
  try {
    for (const [name, settings] of targets) {
      step(`gaps: ${questions.toLocaleString("en")} questions into ${name}`);
      const store = await Store.open(settings);
      try {
        let started = performance.now();
        for (let i = 0; i < records.length; i += 1000) await store.write(records.slice(i, i + 1000));
        result.write_ms[name] = round(performance.now() - started, 0);
        started = performance.now();
        const report = await gapsReport(store, engine, { since: 0 });
        result.gaps_ms[name] = round(performance.now() - started, 0);
        if (report.questions !== questions)
          throw new Error(`gaps counted ${report.questions} questions, not ${questions}`);
      } finally {
        await store.close();
      }
    }
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
    if (targets.length > 1) await dropSchema(schema);
  }
  return result;
}
