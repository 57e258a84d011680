// `npm start` as its own process (bin/server.js, the compiled build) in a given folder and environment,
// with what it logs kept for the test to read.
import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { waitUntil } from "./fake-slack.ts";

const SERVER = resolve("bin/server.js");

type Json = Record<string, unknown>;

/** Only what a process needs to run: no SLACK_*, DATABASE_* or WHO_OWNS_* from the developer's shell. */
export function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ["PATH", "HOME", "NODE_OPTIONS", "SYSTEMROOT"])
    if (process.env[key]) env[key] = process.env[key] as string;
  return env;
}

export class ServerProcess {
  private readonly out: string[] = [];
  private constructor(
    readonly child: ChildProcess,
    readonly exited: Promise<number | null>,
  ) {
    child.stdout?.on("data", (data: Buffer) => this.out.push(data.toString()));
    child.stderr?.on("data", (data: Buffer) => this.out.push(data.toString()));
  }

  static spawn(env: Record<string, string>, cwd: string): ServerProcess {
    const child = spawn(process.execPath, [SERVER], { cwd, env: { ...baseEnv(), ...env } });
    // "close", not "exit": the process may exit before the last of its output is read.
    const exited = new Promise<number | null>((done) => child.once("close", (code) => done(code)));
    return new ServerProcess(child, exited);
  }

  get text(): string {
    return this.out.join("");
  }

  records(): Json[] {
    return this.text
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Json);
  }

  /** The port it listens on, once it has said it started. */
  async port(): Promise<number> {
    const started = await waitUntil(() => this.records().find((r) => r.msg === "who-owns started"), {
      timeoutMs: 30_000,
      what: "the start log line",
    });
    return started.port as number;
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill("SIGTERM");
    return this.exited;
  }
}
