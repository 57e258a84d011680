// Settings from the environment, and `npm start` end to end: bad settings exit 2 naming each one,
// a good start answers /healthz, SIGTERM stops it cleanly.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, describeConfigError, loadConfig, SETTINGS } from "../../src/config.ts";
import { STORE_SETTINGS } from "../../src/store/settings.ts";
import { FakeSlack, waitUntil } from "../support/fake-slack.ts";
import { SIGNING_SECRET } from "../support/signing.ts";

const BOT = "xoxb-123-456-abcdef";
const APP = "xapp-1-A1-123-abcdef";

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.setting);
    throw error;
  }
  return [];
}

describe("loadConfig", () => {
  it("HTTP mode with a signing secret; PORT defaults to 3000", () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING_SECRET })).toEqual({
      mode: "http",
      botToken: BOT,
      signingSecret: SIGNING_SECRET,
      port: 3000,
      logLevel: "info",
      answerThread: availableParallelism() > 1 ? "worker" : "main",
    });
  });

  it("ANSWER_THREAD: worker or main, in any case; anything else is named", () => {
    const base = { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING_SECRET };
    expect(loadConfig({ ...base, ANSWER_THREAD: "Main" }).answerThread).toBe("main");
    expect(loadConfig({ ...base, ANSWER_THREAD: "worker" }).answerThread).toBe("worker");
    expect(() => loadConfig({ ...base, ANSWER_THREAD: "both" })).toThrow(
      /ANSWER_THREAD: must be worker or main/,
    );
  });

  it("Socket Mode when SLACK_APP_TOKEN is set; the API URL gets its trailing slash", () => {
    expect(
      loadConfig({
        SLACK_BOT_TOKEN: BOT,
        SLACK_APP_TOKEN: APP,
        HEALTH_PORT: "8081",
        SLACK_API_URL: "http://127.0.0.1:1234/api",
        LOG_LEVEL: "DEBUG",
      }),
    ).toEqual({
      mode: "socket",
      botToken: BOT,
      appToken: APP,
      healthPort: 8081,
      apiUrl: "http://127.0.0.1:1234/api/",
      logLevel: "debug",
      answerThread: availableParallelism() > 1 ? "worker" : "main",
    });
  });

  it("names every missing or malformed setting at once, never echoing a secret", () => {
    expect(problems({})).toEqual(["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]);
    expect(
      problems({
        SLACK_BOT_TOKEN: "xoxp-user-token-secret",
        SLACK_APP_TOKEN: "xoxb-wrong-kind",
        PORT: "eighty",
        SLACK_API_URL: "ftp://x",
        LOG_LEVEL: "loud",
        WHO_OWNS_DATA_DIR: "/no/such/folder",
      }).sort(),
    ).toEqual(
      [
        "LOG_LEVEL",
        "PORT",
        "SLACK_API_URL",
        "SLACK_APP_TOKEN",
        "SLACK_BOT_TOKEN",
        "WHO_OWNS_DATA_DIR",
      ].sort(),
    );
    try {
      loadConfig({ SLACK_BOT_TOKEN: "xoxp-user-token-secret" });
    } catch (error) {
      const message = describeConfigError(error as ConfigError);
      expect(message).not.toContain("user-token-secret");
      expect(message).toContain("SLACK_BOT_TOKEN: is not a bot token (it must start xoxb-)");
      expect(message).toContain("SLACK_SIGNING_SECRET: not set");
      expect(message).toContain('npx who-owns ask "');
    }
  });

  it("treats empty values as unset", () => {
    expect(problems({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: "", SLACK_SIGNING_SECRET: "  " })).toEqual([
      "SLACK_SIGNING_SECRET",
    ]);
  });
});

const SERVER = resolve("bin/server.js");

/** A loopback port nobody listens on: bound, then released. */
function closedPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}
const cleanEnv = () => {
  const env: Record<string, string> = {};
  for (const key of ["PATH", "HOME", "NODE_OPTIONS", "SYSTEMROOT"])
    if (process.env[key]) env[key] = process.env[key];
  return env;
};

interface Run {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exit: Promise<number | null>;
}

/** Runs `npm start`'s entry point in an empty folder (so no .env is read) with exactly `env`. */
function start(env: Record<string, string>): Run {
  const cwd = mkdtempSync(join(tmpdir(), "who-owns-start-"));
  const child = spawn(process.execPath, [SERVER], { cwd, env: { ...cleanEnv(), ...env } });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout?.on("data", (data: Buffer) => stdout.push(data.toString()));
  child.stderr?.on("data", (data: Buffer) => stderr.push(data.toString()));
  const exit = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  return { child, stdout, stderr, exit };
}

describe("npm start", () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await FakeSlack.start();
  });
  afterAll(async () => {
    await fake?.stop();
  });

  it("exits 2 naming each setting and what to put there, and points at the offline CLI", async () => {
    const run = start({});
    expect(await run.exit).toBe(2);
    const message = run.stderr.join("");
    expect(message).toContain("SLACK_BOT_TOKEN: not set: put the Bot User OAuth Token, starting xoxb-");
    expect(message).toContain("SLACK_SIGNING_SECRET: not set");
    expect(message).toContain("SLACK_APP_TOKEN");
    expect(message).toContain("npx who-owns ask");
  });

  it("reads .env from the working folder", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "who-owns-env-"));
    writeFileSync(join(cwd, ".env"), "SLACK_BOT_TOKEN=xoxp-not-a-bot-token\n");
    const child = spawn(process.execPath, [SERVER], { cwd, env: cleanEnv() });
    const stderr: string[] = [];
    child.stderr.on("data", (data: Buffer) => stderr.push(data.toString()));
    const code = await new Promise((done) => child.on("exit", done));
    expect(code).toBe(2);
    expect(stderr.join("")).toContain("SLACK_BOT_TOKEN: is not a bot token");
  });

  it("exits 2 naming SLACK_BOT_TOKEN when Slack refuses it", async () => {
    fake.reset();
    fake.script("auth.test", { body: { ok: false, error: "invalid_auth" } });
    const run = start({
      SLACK_BOT_TOKEN: "xoxb-revoked-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: "0",
    });
    expect(await run.exit).toBe(2);
    expect(run.stderr.join("")).toContain("Slack refused SLACK_BOT_TOKEN (invalid_auth)");
  });

  it("names Slack's host and SLACK_API_URL when Slack cannot be reached at all", async () => {
    const closed = await closedPort();
    const run = start({
      SLACK_BOT_TOKEN: "xoxb-good-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `http://127.0.0.1:${closed}/api/`,
      PORT: "0",
    });
    expect(await run.exit).toBe(1);
    const message = run.stderr.join("");
    expect(message).toContain(`cannot connect to Slack: no answer from 127.0.0.1:${closed} (ECONNREFUSED)`);
    expect(message).toContain(`SLACK_API_URL is set to http://127.0.0.1:${closed}/api/`);
    expect(message).toContain("SLACK_BOT_TOKEN");
    expect(message).not.toContain("A request error occurred");
  });

  it("starts in HTTP mode, answers /healthz, and stops cleanly on SIGTERM", async () => {
    fake.reset();
    const run = start({
      SLACK_BOT_TOKEN: "xoxb-good-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: "0",
    });
    try {
      const started = await waitUntil(
        () =>
          run.stdout
            .join("")
            .split("\n")
            .filter(Boolean)
            .map((line) => JSON.parse(line) as Record<string, unknown>)
            .find((record) => record.msg === "who-owns started"),
        { timeoutMs: 15_000, what: "the start log line" },
      );
      expect(started).toMatchObject({ level: "info", mode: "http" });
      const health = await fetch(`http://127.0.0.1:${started.port}/healthz`);
      expect(await health.json()).toMatchObject({ status: "ok", models: 3 });
      run.child.kill("SIGTERM");
      expect(await run.exit).toBe(0);
      expect(run.stdout.join("")).toContain('"msg":"who-owns stopped"');
      expect(run.stdout.join("")).not.toContain("xoxb-good-token");
    } finally {
      run.child.kill("SIGKILL");
    }
  });
});

describe(".env.example", () => {
  it("lists every setting the app reads, each with a comment", () => {
    const text = readFileSync(".env.example", "utf8");
    for (const setting of [...Object.keys(SETTINGS), ...Object.keys(STORE_SETTINGS)]) {
      expect(text, setting).toMatch(new RegExp(`^${setting}=`, "m"));
      const before = text.slice(0, text.search(new RegExp(`^${setting}=`, "m"))).trimEnd();
      expect(before.split("\n").at(-1), setting).toMatch(/^#/);
    }
  });

  it("as copied (tokens still blank) stops the start with the settings named", () => {
    const env = Object.fromEntries(
      readFileSync(".env.example", "utf8")
        .split("\n")
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => line.split("=", 2) as [string, string]),
    );
    expect(() => loadConfig(env)).toThrow(ConfigError);
  });
});
