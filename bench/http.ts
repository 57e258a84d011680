// HTTP throughput: the real app (`node bin/server.js`, HTTP mode) in a child process, a fake Slack on loopback
// taking its Web API calls and response URL posts, and autocannon sending signed `/who-owns` slash commands,
// each with a fresh signature and its own response URL. Counts every command whose response URL did not get
// exactly one answer.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { FakeSlack, type ResponseUrlPost, TEAM_ID } from "../tests/support/fake-slack.ts";
import { BENCH_SIGNING_SECRET, type ServerProcess, startServer } from "./app-process.ts";
import { evalQuestions } from "./engine.ts";
import { round, summarise } from "./stats.ts";

export interface HttpResult {
  connections: number;
  duration_s: number;
  /** Acknowledged commands per second (2xx). */
  rps: number;
  requests: number;
  /** Time to Slack's 3-second acknowledgement: what autocannon measures. */
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  /** Non-2xx replies plus connection errors and timeouts. */
  errors: number;
  /** Of those: replies that were not 2xx, and requests with no reply within autocannon's 10 s. */
  non2xx: number;
  timeouts: number;
  /** Acknowledged commands whose response URL got no answer, or more than one. */
  lost: number;
  duplicates: number;
  /** From sending a command to its answer reaching the response URL: what the person waits. */
  answer_p50_ms: number;
  answer_p99_ms: number;
  /** Answers that were the app's "something went wrong" message. */
  failed_answers: number;
  /** Error-level log lines the app wrote during the run. */
  app_errors: number;
  warmup_requests: number;
  /** CPU used during the measured run, in % of one core: the app's process, and this one (load + fake Slack). */
  app_cpu_pct: number;
  driver_cpu_pct: number;
  /** Every measured run, in order. */
  trials: Trial[];
  /** The store as the app ran: "off" beside the bare Bolt app, which records nothing either (what recording
   * costs is the recording part's measure: off vs SQLite vs PostgreSQL). */
  store: string;
  /** The bare Bolt app (bench/bolt-baseline.ts) answering the same commands with a fixed text: median req/s
   * of its runs, alternated with who-owns' runs in the same bench so both meet the same machine. */
  bolt_baseline_rps: number;
  /** who-owns' req/s over the bare Bolt app's, the median over pairs of neighbouring runs (who-owns n, Bolt n),
   * which meet the same load (target ≥ 0.9: the engine and the card cost next to nothing). */
  bolt_ratio: number;
  /** The same pairs' ratio of CPU time per request, Bolt's over who-owns': what the ratio would be if both
   * had the CPU to themselves (a shared machine's load moves it less than req/s). */
  bolt_cpu_ratio: number;
  bolt_trials: Trial[];
}

/** User + system CPU seconds of a process so far, from /proc (Linux); NaN elsewhere. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

const CHANNELS = [
  ["C0GENERAL1", "general"],
  ["C0RANDOM01", "random"],
  ["C0APSUPP01", "analytical-platform-support"],
  ["C0DATAENG1", "ask-data-engineering"],
] as const;

interface Tracker {
  prefix: string;
  sentAt: Map<string, number>;
  status: Map<string, number>;
  answers: Map<string, number>;
  answerMs: number[];
  failedAnswers: number;
}

function newTracker(prefix: string): Tracker {
  return { prefix, sentAt: new Map(), status: new Map(), answers: new Map(), answerMs: [], failedAnswers: 0 };
}

/**
 * Counts response URL posts as they arrive instead of letting the fake keep them all: ten thousand answers
 * of Block Kit would otherwise be held in memory by the process driving the load.
 */
function countAnswers(fake: FakeSlack, current: () => Tracker): void {
  const responses = fake.responses as ResponseUrlPost[];
  responses.push = (...posts: ResponseUrlPost[]) => {
    const now = performance.now();
    for (const post of posts) {
      const tracker = current();
      if (!post.id.startsWith(tracker.prefix)) continue;
      tracker.answers.set(post.id, (tracker.answers.get(post.id) ?? 0) + 1);
      const sent = tracker.sentAt.get(post.id);
      if (sent !== undefined) tracker.answerMs.push(now - sent);
      if (JSON.stringify(post.body).includes("something went wrong")) tracker.failedAnswers++;
    }
    return responses.length;
  };
}

function commandRequests(fake: FakeSlack, tracker: () => Tracker, questions: readonly string[]) {
  let n = 0;
  return [
    {
      method: "POST",
      path: "/slack/events",
      setupRequest: (
        request: { headers?: Record<string, string>; body?: string | Buffer },
        context: Record<string, unknown>,
      ) => {
        const t = tracker();
        n += 1;
        const id = `${t.prefix}${n}`;
        const [channelId, channelName] = CHANNELS[n % CHANNELS.length] ?? CHANNELS[0];
        const body = new URLSearchParams({
          token: "legacy-verification-token",
          team_id: TEAM_ID,
          team_domain: "fake",
          channel_id: channelId,
          channel_name: channelName,
          user_id: `U0BENCH${(n % 97).toString().padStart(3, "0")}`,
          user_name: "bench",
          command: "/who-owns",
          text: questions[n % questions.length] ?? "help",
          api_app_id: "A0WHOOWNS",
          is_enterprise_install: "false",
          response_url: fake.responseUrl(id),
          trigger_id: `${n}.bench`,
        }).toString();
        const timestamp = Math.floor(Date.now() / 1000);
        const signature = `v0=${createHmac("sha256", BENCH_SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest("hex")}`;
        context.id = id;
        t.sentAt.set(id, performance.now());
        return {
          ...request,
          method: "POST",
          path: "/slack/events",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            "x-slack-request-timestamp": String(timestamp),
            "x-slack-signature": signature,
          },
          body,
        };
      },
      onResponse: (status: number, _body: string, context: Record<string, unknown>) => {
        if (typeof context.id === "string") tracker().status.set(context.id, status);
      },
    },
  ];
}

/**
 * Waits until every acknowledged command has an answer, or none has come for `quietMs` (at most `maxMs`).
 * By id, not by count: commands cut off when autocannon stops were never acknowledged to it, yet the app
 * got them and answers them, so counting answers would stop early while some acknowledged ones were still
 * on their way (and count them lost).
 */
async function waitForAnswers(tracker: Tracker, quietMs = 3000, maxMs = 20_000): Promise<void> {
  const unanswered = () => {
    let missing = 0;
    for (const [id, status] of tracker.status)
      if (status >= 200 && status < 300 && !tracker.answers.has(id)) missing++;
    return missing;
  };
  const deadline = Date.now() + maxMs;
  let last = -1;
  let lastChange = Date.now();
  while (Date.now() < deadline) {
    const missing = unanswered();
    if (missing === 0) return;
    if (missing !== last) {
      last = missing;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > quietMs) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Trial = Omit<
  HttpResult,
  | "trials"
  | "warmup_requests"
  | "connections"
  | "store"
  | "bolt_baseline_rps"
  | "bolt_ratio"
  | "bolt_cpu_ratio"
  | "bolt_trials"
>;

const BOLT_BASELINE = fileURLToPath(new URL("./bolt-baseline.ts", import.meta.url));

const medianByRps = (runs: Trial[]) =>
  [...runs].sort((a, b) => a.rps - b.rps)[Math.floor(runs.length / 2)] as Trial;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 === 1
    ? (sorted[Math.floor(middle)] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** CPU milliseconds the app spent per acknowledged command. */
const cpuPerRequest = (run: Trial) => (run.app_cpu_pct / 100 / run.rps) * 1000;

/** One measured run against a warm app. */
async function trial(
  server: ServerProcess,
  fake: FakeSlack,
  setTracker: (tracker: Tracker) => void,
  prefix: string,
  questions: readonly string[],
  connections: number,
  durationSeconds: number,
): Promise<Trial> {
  const tracker = newTracker(prefix);
  setTracker(tracker);
  const errorLinesBefore = server.errorLines().length;
  const appCpuBefore = cpuSeconds(server.child.pid);
  const driverCpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const result = await autocannon({
    url: server.url,
    connections,
    duration: durationSeconds,
    timeout: 10,
    requests: commandRequests(fake, () => tracker, questions),
  });
  const wallSeconds = (performance.now() - wallBefore) / 1000;
  const appCpu = (cpuSeconds(server.child.pid) - appCpuBefore) / wallSeconds;
  const driverUsage = process.cpuUsage(driverCpuBefore);
  const driverCpu = (driverUsage.user + driverUsage.system) / 1e6 / wallSeconds;
  await waitForAnswers(tracker);

  let lost = 0;
  let duplicates = 0;
  for (const [id, status] of tracker.status) {
    if (status < 200 || status >= 300) continue;
    const count = tracker.answers.get(id) ?? 0;
    if (count !== 1) lost++;
    if (count > 1) duplicates++;
  }
  const answer = summarise(tracker.answerMs);
  return {
    duration_s: round(result.duration, 2),
    rps: round(result["2xx"] / result.duration, 0),
    requests: result["2xx"],
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    max_ms: result.latency.max,
    errors: result.non2xx + result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    lost,
    duplicates,
    answer_p50_ms: round(answer.p50_ms, 1),
    answer_p99_ms: round(answer.p99_ms, 1),
    failed_answers: tracker.failedAnswers,
    app_errors: server.errorLines().length - errorLinesBefore,
    app_cpu_pct: round(100 * appCpu, 0),
    driver_cpu_pct: round(100 * driverCpu, 0),
  };
}

/** Warm-up: JIT, the channel directory, keep-alive sockets. Not counted. */
async function warmUp(
  server: ServerProcess,
  fake: FakeSlack,
  tracker: () => Tracker,
  questions: readonly string[],
  seconds: number,
) {
  // A shared machine under load can take a while to start the app: that is not what is measured here.
  await server.healthy(60_000);
  const warm = await autocannon({
    url: server.url,
    connections: 10,
    duration: seconds,
    requests: commandRequests(fake, tracker, questions),
  });
  await waitForAnswers(tracker());
  return warm["2xx"];
}

/**
 * Starts who-owns (with the store off unless `env` says otherwise) and the bare Bolt baseline side by side,
 * warms both up, then runs `trials` measured runs of each, alternating (who-owns, Bolt, who-owns, Bolt…) so a
 * noisy neighbour hits both alike. Throughput and
 * latency are the median run's (by req/s); errors, lost answers and duplicates are totals over every run of
 * who-owns — one lost answer anywhere is one too many.
 */
export async function benchHttp({
  dataDir,
  connections = 50,
  durationSeconds = 10,
  trials = 3,
  nodeArgs,
  env,
  onMeasure,
  baseline = true,
}: {
  dataDir?: string;
  nodeArgs?: string[];
  /** Extra settings for the app (the store's, for the recording comparison). */
  env?: Record<string, string>;
  /** Called as each measured run starts (e.g. to take the database away part-way through). */
  onMeasure?: () => void;
  /** Run the bare Bolt baseline alongside (default); the recording comparison has its own yardstick. */
  baseline?: boolean;
  connections?: number;
  durationSeconds?: number;
  trials?: number;
}): Promise<HttpResult> {
  const questions = evalQuestions();
  const fake = await FakeSlack.start();
  let tracker = newTracker("w-");
  countAnswers(fake, () => tracker);
  const setTracker = (next: Tracker) => {
    tracker = next;
  };
  const common = { apiUrl: fake.apiUrl, ...(dataDir ? { dataDir } : {}) };
  const appEnv = env ?? { STORE: "off" };
  const server = await startServer({ ...common, ...(nodeArgs ? { nodeArgs } : {}), env: appEnv });
  const bolt = baseline
    ? await startServer({
        ...common,
        entry: BOLT_BASELINE,
        nodeArgs: ["--import", import.meta.resolve("tsx")],
      })
    : undefined;
  try {
    const warmSeconds = Math.min(5, durationSeconds);
    const warmed = await warmUp(server, fake, () => tracker, questions, warmSeconds);
    setTracker(newTracker("wb-"));
    if (bolt) await warmUp(bolt, fake, () => tracker, questions, warmSeconds);

    const runs: Trial[] = [];
    const boltRuns: Trial[] = [];
    for (let n = 1; n <= trials; n++) {
      onMeasure?.();
      runs.push(await trial(server, fake, setTracker, `t${n}-`, questions, connections, durationSeconds));
      if (bolt)
        boltRuns.push(await trial(bolt, fake, setTracker, `b${n}-`, questions, connections, durationSeconds));
    }
    const middle = medianByRps(runs);
    const boltRps = bolt ? medianByRps(boltRuns).rps : Number.NaN;
    const pairs = boltRuns.map((boltRun, n) => ({ ours: runs[n] as Trial, bolt: boltRun }));
    const total = (
      key: "errors" | "non2xx" | "timeouts" | "lost" | "duplicates" | "failed_answers" | "app_errors",
    ) => runs.reduce((sum, run) => sum + run[key], 0);
    return {
      connections,
      ...middle,
      errors: total("errors"),
      non2xx: total("non2xx"),
      timeouts: total("timeouts"),
      lost: total("lost"),
      duplicates: total("duplicates"),
      failed_answers: total("failed_answers"),
      app_errors: total("app_errors"),
      warmup_requests: warmed,
      trials: runs,
      store: appEnv.STORE ?? "on",
      bolt_baseline_rps: boltRps,
      bolt_ratio: bolt ? round(median(pairs.map(({ ours, bolt }) => ours.rps / bolt.rps)), 2) : Number.NaN,
      bolt_cpu_ratio: bolt
        ? round(median(pairs.map(({ ours, bolt }) => cpuPerRequest(bolt) / cpuPerRequest(ours))), 2)
        : Number.NaN,
      bolt_trials: boltRuns,
    };
  } finally {
    await Promise.all([server.stop(), bolt?.stop()]);
    await fake.stop();
  }
}
