// The real app as a child process (`node bin/server.js`, HTTP mode: the compiled build), pointed at a fake Slack:
// what `npm start` runs, in its own process, so load generator and app do not share an event loop. BENCH_APP_LOG=<file> keeps
// the app's log (e.g. with nodeArgs ["--trace-gc"]) after it exits.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const SERVER_ENTRY = fileURLToPath(new URL("../bin/server.js", import.meta.url));
export const BENCH_BOT_TOKEN = "xoxb-1111-2222-benchbottoken";
export const BENCH_SIGNING_SECRET = "benchsigningsecret0123456789abcd";

/** A port nobody is listening on right now (bound and released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerOptions {
  apiUrl: string;
  dataDir?: string;
  logLevel?: string;
  port?: number;
  /** Extra node flags, e.g. ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] to profile the app under load. */
  nodeArgs?: string[];
  /** Extra settings, e.g. STORE=off or DATABASE_URL (the store). */
  env?: Record<string, string>;
  /** The script to run instead of bin/server.js (the bare Bolt baseline), with the same environment. */
  entry?: string;
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  startedAt: number;
  /** The log lines written so far (stdout and stderr, from a file: see startServer). */
  logLines(): string[];
  /** Error-level log lines, and anything on stderr that is not a JSON log line. */
  errorLines(): string[];
  /** Resolves with ms since spawn once GET /healthz answers 200; rejects if the process exits first. */
  healthy(timeoutMs?: number): Promise<number>;
  stop(): Promise<number | null>;
}

export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  // An empty working directory: a developer's .env must not change what is measured.
  const cwd = mkdtempSync(join(tmpdir(), "who-owns-bench-"));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      value !== undefined &&
      !/^(SLACK_|WHO_OWNS_|PORT$|HEALTH_PORT$|LOG_LEVEL$|STORE$|DATABASE_|QUESTION_RETENTION_DAYS$|RECORD_DM_TEXT$|USER_HASH_KEY$|ADMIN_USER_IDS$)/.test(
        key,
      )
    )
      env[key] = value;
  }
  Object.assign(env, {
    SLACK_BOT_TOKEN: BENCH_BOT_TOKEN,
    SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
    SLACK_API_URL: options.apiUrl,
    PORT: String(port),
    LOG_LEVEL: options.logLevel ?? "info",
    ...(options.dataDir ? { WHO_OWNS_DATA_DIR: options.dataDir } : {}),
    ...options.env,
  });
  // Logs go to a file, not a pipe: writes to a pipe are synchronous on Linux, and a pipe this process is too
  // busy driving load to drain would stall the app on its own log lines.
  const logPath = join(cwd, "app.log");
  const logFd = openSync(logPath, "a");
  const startedAt = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.entry ?? SERVER_ENTRY], {
    cwd,
    env,
    stdio: ["ignore", logFd, logFd],
  });
  closeSync(logFd);
  let finalLog: string[] | undefined;
  const logLines = (): string[] => {
    if (finalLog) return finalLog;
    try {
      return readFileSync(logPath, "utf8").split("\n").filter(Boolean);
    } catch {
      return [];
    }
  };
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exit = new Promise<number | null>((resolve) =>
    child.once("exit", (code, signal) => {
      exited = { code, signal };
      finalLog = logLines();
      if (process.env.BENCH_APP_LOG) writeFileSync(process.env.BENCH_APP_LOG, `${finalLog.join("\n")}\n`);

      rmSync(cwd, { recursive: true, force: true });
      resolve(code);
    }),
  );
  const server: ServerProcess = {
    child,
    url: `http://127.0.0.1:${port}`,
    startedAt,
    logLines,
    errorLines: () => logLines().filter((line) => /"level":"error"/.test(line) || !line.startsWith("{")),
    async healthy(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (exited)
          throw new Error(
            `the app exited (${exited.code ?? exited.signal}) before /healthz answered:\n${logLines().slice(-40).join("\n")}`,
          );
        try {
          const response = await fetch(`${server.url}/healthz`);
          await response.arrayBuffer();
          if (response.status === 200) return performance.now() - startedAt;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`/healthz did not answer 200 within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async stop() {
      if (!exited) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 8000);
        await exit;
        clearTimeout(timer);
      }
      return exited?.code ?? null;
    },
  };
  return server;
}
