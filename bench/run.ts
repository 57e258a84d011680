// `npm run bench`: engine latency on the shipped models and on 10,000 and 100,000 generated rows, the Slack
// app's HTTP throughput against a fake Slack (and a bare Bolt app's, as the yardstick), and start-up as ratios to
// `node -e 0`. The app and the CLI run compiled (dist/: `npm run bench` builds first). Deterministic inputs (seeded); a table on stdout and
// bench/results.json. `--only engine,http,startup` runs some parts (the others are kept from the last file);
// `--data DIR` benchmarks another data folder; `--quick` runs fewer rounds (a smoke test, not figures).
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DEFAULT_DATA_DIR } from "../src/model/load.ts";
import { benchSeed, benchSyntheticApart, type SeedResult, type SyntheticResult } from "./engine.ts";
import { benchHttp, type HttpResult } from "./http.ts";
import { benchStartup, STARTUP_TARGETS, type StartupResult } from "./startup.ts";
import { round } from "./stats.ts";
import { benchGaps, benchRecording, type GapsBenchResult, type RecordingResult } from "./store.ts";

export const TARGETS = {
  seed_p99_ms: 2,
  synthetic10k_p99_ms: 15,
  synthetic10k_build_ms: 1000,
  synthetic100k_p99_ms: 10,
  synthetic100k_build_ms: 1500,
  synthetic100k_rss_mb: 300,
  http_rps: 500,
  http_p99_ms: 100,
  http_errors: 0,
  http_lost: 0,
  http_bolt_ratio: 0.9,
  /** Recording on ÷ off, in one run: req/s at least 90%, p99 at most 110%. */
  recording_rps_ratio: 0.9,
  recording_p99_ratio: 1.1,
  gaps_100k_ms: 2000,
} as const;

export interface Results {
  engine?: { seed?: SeedResult; synthetic10k?: SyntheticResult; synthetic100k?: SyntheticResult };
  http?: HttpResult;
  startup?: StartupResult;
  recording?: RecordingResult;
  gaps?: GapsBenchResult;
  /** loadavg: the 1-minute load average when the run started and ended. Above the core count, other work
   * was competing for the CPU and the figures are pessimistic. */
  machine?: { node: string; cpus: number; cpu: string; at: string; loadavg: { start: number; end: number } };
  errors?: Record<string, string>;
}

const PARTS = ["engine", "http", "startup", "recording", "gaps"] as const;
type Part = (typeof PARTS)[number];

const OUT = fileURLToPath(new URL("./results.json", import.meta.url));

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: "string" },
      data: { type: "string" },
      quick: { type: "boolean", default: false },
      out: { type: "string" },
    },
  });
  const only = (values.only ?? PARTS.join(",")).split(",").map((part) => part.trim());
  for (const part of only) {
    if (!PARTS.includes(part as Part))
      throw new Error(`--only: unknown part "${part}" (${PARTS.join(", ")})`);
  }
  return {
    parts: new Set(only as Part[]),
    dataDir: values.data ?? process.env.WHO_OWNS_DATA_DIR ?? DEFAULT_DATA_DIR,
    quick: values.quick,
    out: values.out ?? OUT,
  };
}

const fmt = (value: number | undefined, unit = "") =>
  value === undefined || Number.isNaN(value) ? "—" : `${value}${unit}`;
const verdict = (ok: boolean | undefined) => (ok === undefined ? "" : ok ? "ok" : "MISSED");

function table(results: Results): string {
  const rows: [string, string, string, string][] = [["measure", "value", "target", ""]];
  const seed = results.engine?.seed;
  if (seed) {
    rows.push(["engine seed p50", fmt(seed.p50_ms, " ms"), "", ""]);
    rows.push([
      "engine seed p99",
      fmt(seed.p99_ms, " ms"),
      `< ${TARGETS.seed_p99_ms} ms`,
      verdict(seed.p99_ms < TARGETS.seed_p99_ms),
    ]);
    rows.push(["engine seed first ask p50/p99", `${seed.cold_p50_ms} / ${seed.cold_p99_ms} ms`, "", ""]);
    rows.push([
      "engine seed, a typo never seen before p50/p99",
      `${seed.new_typo_p50_ms} / ${seed.new_typo_p99_ms} ms`,
      `< ${TARGETS.seed_p99_ms} ms`,
      verdict(seed.new_typo_p99_ms < TARGETS.seed_p99_ms),
    ]);
  }
  const synthetic: [SyntheticResult | undefined, number, number, number | undefined][] = [
    [results.engine?.synthetic10k, TARGETS.synthetic10k_build_ms, TARGETS.synthetic10k_p99_ms, undefined],
    [
      results.engine?.synthetic100k,
      TARGETS.synthetic100k_build_ms,
      TARGETS.synthetic100k_p99_ms,
      TARGETS.synthetic100k_rss_mb,
    ],
  ];
  for (const [big, buildTarget, p99Target, rssTarget] of synthetic) {
    if (!big) continue;
    rows.push([
      `engine ${big.rows} rows build`,
      fmt(big.build_ms, " ms"),
      `< ${buildTarget} ms`,
      verdict(big.build_ms < buildTarget),
    ]);
    rows.push([`engine ${big.rows} rows p50`, fmt(big.p50_ms, " ms"), "", ""]);
    rows.push([
      `engine ${big.rows} rows p99`,
      fmt(big.p99_ms, " ms"),
      `< ${p99Target} ms`,
      verdict(big.p99_ms < p99Target),
    ]);
    rows.push([
      `engine ${big.rows} rows RSS`,
      fmt(big.rss_mb, " MB"),
      rssTarget ? `≤ ${rssTarget} MB` : "",
      rssTarget ? verdict(big.rss_mb <= rssTarget) : "",
    ]);
  }
  const http = results.http;
  if (http) {
    rows.push(["http req/s", fmt(http.rps), `≥ ${TARGETS.http_rps}`, verdict(http.rps >= TARGETS.http_rps)]);
    rows.push(["http p50", fmt(http.p50_ms, " ms"), "", ""]);
    rows.push([
      "http p99",
      fmt(http.p99_ms, " ms"),
      `< ${TARGETS.http_p99_ms} ms`,
      verdict(http.p99_ms < TARGETS.http_p99_ms),
    ]);
    rows.push(["http errors", fmt(http.errors), "0", verdict(http.errors === 0)]);
    rows.push(["http lost answers", fmt(http.lost), "0", verdict(http.lost === 0)]);
    rows.push(["http bare Bolt baseline req/s", fmt(http.bolt_baseline_rps), "", ""]);
    rows.push([
      `http req/s ÷ bare Bolt (store ${http.store ?? "on"}, median of pairs)`,
      fmt(http.bolt_ratio),
      `≥ ${TARGETS.http_bolt_ratio}`,
      verdict(http.bolt_ratio >= TARGETS.http_bolt_ratio),
    ]);
    rows.push(["http CPU per request, bare Bolt ÷ who-owns", fmt(http.bolt_cpu_ratio), "", ""]);
  }
  const startup = results.startup;
  if (startup) {
    rows.push(["startup: node -e 0", fmt(startup.node_ms, " ms"), "", ""]);
    rows.push([
      "startup: CLI answer ÷ node -e 0",
      `${startup.cli_ratio} (${startup.cli_ms} ms)`,
      `≤ ${STARTUP_TARGETS.cli_ratio}`,
      verdict(startup.cli_ratio <= STARTUP_TARGETS.cli_ratio),
    ]);
    rows.push([
      "startup: server to /healthz ÷ node -e 0",
      `${startup.server_ratio} (${startup.server_ms} ms)`,
      `≤ ${STARTUP_TARGETS.server_ratio}`,
      verdict(startup.server_ratio <= STARTUP_TARGETS.server_ratio),
    ]);
  }
  const recording = results.recording;
  if (recording) {
    for (const [name, v] of Object.entries(recording.variants)) {
      rows.push([
        `recording ${name}: req/s, p99, answer p99, app CPU`,
        `${v.rps}, ${v.p99_ms} ms, ${v.answer_p99_ms} ms, ${v.app_cpu_us_per_request} µs CPU/req${v.recorded !== undefined ? ` (${v.recorded}/${v.requests} recorded)` : ""}`,
        "",
        verdict(v.lost === 0 && v.errors === 0),
      ]);
      if (v.errors > 0)
        rows.push([
          `recording ${name}: errors`,
          `${v.errors} (${v.non2xx} non-2xx, ${v.timeouts} timed out)`,
          "0",
          "MISSED",
        ]);
    }
    for (const [name, ratio] of Object.entries(recording.ratios)) {
      rows.push([
        `recording ${name} ÷ off: req/s`,
        fmt(ratio.rps),
        `≥ ${TARGETS.recording_rps_ratio}`,
        verdict(ratio.rps >= TARGETS.recording_rps_ratio),
      ]);
      rows.push([`recording ${name} ÷ off: app CPU per request`, fmt(ratio.cpu_per_request), "", ""]);
      rows.push([
        `recording ${name} ÷ off: p99`,
        fmt(ratio.p99),
        `≤ ${TARGETS.recording_p99_ratio}`,
        verdict(ratio.p99 <= TARGETS.recording_p99_ratio),
      ]);
    }
    const outage = recording.outage;
    if (outage) {
      rows.push([
        `PostgreSQL down ${outage.down_s} s mid-run: lost answers`,
        `${outage.lost} (${outage.recorded}/${outage.requests} recorded)`,
        "0",
        verdict(outage.lost === 0 && outage.errors === 0),
      ]);
    }
  }
  const gaps = results.gaps;
  if (gaps) {
    for (const [name, ms] of Object.entries(gaps.gaps_ms)) {
      rows.push([
        `gaps over ${gaps.questions.toLocaleString("en")} questions (${name})`,
        fmt(ms, " ms"),
        `< ${TARGETS.gaps_100k_ms} ms`,
        verdict(ms < TARGETS.gaps_100k_ms),
      ]);
    }
  }
  for (const [part, message] of Object.entries(results.errors ?? {}))
    rows.push([`${part} FAILED`, message, "", ""]);
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

async function main(): Promise<number> {
  const options = parse(process.argv.slice(2));
  const previous: Results = existsSync(options.out)
    ? (JSON.parse(readFileSync(options.out, "utf8")) as Results)
    : {};
  const results: Results = { ...previous, errors: {} };
  const errors: Record<string, string> = {};
  const step = (text: string) => process.stderr.write(`bench: ${text}\n`);
  const loadAtStart = loadavg()[0] ?? 0;
  if (loadAtStart > 0.5)
    step(
      `the machine is busy (load ${loadAtStart.toFixed(2)} on ${availableParallelism()} cores): figures will be pessimistic`,
    );

  if (options.parts.has("engine")) {
    step(`engine on ${options.dataDir}: eval questions`);
    const seed = benchSeed(options.dataDir, options.quick ? 20 : 200);
    step("engine: 10,000 generated rows");
    const synthetic10k = benchSyntheticApart(
      options.dataDir,
      options.quick ? { questions: 300, warmup: 100 } : { questions: 2000, warmup: 500 },
    );
    step("engine: 100,000 generated rows");
    const synthetic100k = benchSyntheticApart(
      options.dataDir,
      options.quick
        ? { models: 1000, questions: 300, warmup: 100 }
        : { models: 1000, questions: 2000, warmup: 500 },
    );
    results.engine = { seed, synthetic10k, synthetic100k };
  }
  if (options.parts.has("http")) {
    step("http: the app as a child process, autocannon against it, a fake Slack answering");
    try {
      results.http = await benchHttp({
        dataDir: options.dataDir,
        durationSeconds: options.quick ? 3 : 8,
        trials: options.quick ? 1 : 5,
      });
    } catch (error) {
      errors.http = (error as Error).message;
    }
  }
  if (options.parts.has("startup")) {
    step("startup: node -e 0, the CLI answering, node bin/server.js until /healthz answers");
    try {
      results.startup = await benchStartup({ dataDir: options.dataDir, runs: options.quick ? 3 : 9 });
      delete (results as { startup_ms?: number }).startup_ms; // the old single figure, now within startup
    } catch (error) {
      errors.startup = (error as Error).message;
    }
  }
  if (options.parts.has("recording")) {
    step("recording: the HTTP run with the store off, on SQLite and on PostgreSQL, interleaved");
    try {
      results.recording = await benchRecording({
        dataDir: options.dataDir,
        rounds: options.quick ? 1 : 5,
        durationSeconds: options.quick ? 3 : 10,
        step,
      });
    } catch (error) {
      errors.recording = (error as Error).message;
    }
  }
  if (options.parts.has("gaps")) {
    step("gaps: the report over 100,000 recorded questions");
    try {
      results.gaps = await benchGaps({ questions: options.quick ? 10_000 : 100_000, step });
    } catch (error) {
      errors.gaps = (error as Error).message;
    }
  }
  results.machine = {
    node: process.version,
    cpus: availableParallelism(),
    cpu: cpus()[0]?.model ?? "unknown",
    at: new Date().toISOString(),
    loadavg: { start: round(loadAtStart, 2), end: round(loadavg()[0] ?? 0, 2) },
  };
  results.errors = errors;
  if (Object.keys(errors).length === 0) delete results.errors;

  const tmp = `${options.out}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(tmp, options.out);
  process.stdout.write(`${table(results)}\n`);
  process.stderr.write(`bench: wrote ${options.out}\n`);
  return Object.keys(errors).length > 0 ? 1 : 0;
}

process.exitCode = await main();
