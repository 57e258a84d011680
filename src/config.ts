// The Slack app's settings, from the environment only, checked by zod with messages that say what to set.
import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { z } from "zod";
import { OFFLINE_HINT } from "./examples.ts";

export type LogLevelName = "debug" | "info" | "warn" | "error";
export type AnswerThread = "worker" | "main";

interface CommonConfig {
  /** Bot User OAuth Token, xoxb-… (unset when workspaces install the app through OAuth). */
  botToken?: string;
  /** Web API base URL (GovSlack, a proxy, tests), always ending in "/". Slack's own when unset. */
  apiUrl?: string;
  logLevel: LogLevelName;
  /** Folder holding models/, synonyms.yml and channels.yml; the shipped data/ when unset. */
  dataDir?: string;
  /** Channel (ID or name) where a data reload that brings in `sync` changes posts a short summary. */
  changesChannel?: string;
  /** Where questions are answered: on a worker thread, so Bolt's thread only receives and acknowledges, or
   * on the main thread (one CPU, or to keep one copy of a very large catalogue in memory). */
  answerThread: AnswerThread;
  /** Interface to listen on (not an environment setting: tests bind to loopback). All interfaces when unset. */
  host?: string;
}

/** Slack's OAuth install flow (/slack/install): one deployment, many workspaces (HTTP mode only). */
export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
}

export interface HttpConfig extends CommonConfig {
  mode: "http";
  signingSecret: string;
  port: number;
  oauth?: OAuthConfig;
}

export interface SocketConfig extends CommonConfig {
  mode: "socket";
  appToken: string;
  /** Port of the small health server (GET /healthz) Socket Mode runs beside its WebSocket. */
  healthPort: number;
}

export type Config = HttpConfig | SocketConfig;

export interface ConfigProblem {
  setting: string;
  problem: string;
}

/** Every setting that was missing or malformed, each with what to put there. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `${p.setting}: ${p.problem}`).join("; "));
    this.name = "ConfigError";
  }
}

/** Every setting the app reads, with what to put there: the source of .env.example's comments too. */
export const SETTINGS = {
  SLACK_BOT_TOKEN:
    "the Bot User OAuth Token, starting xoxb- (api.slack.com/apps → your app → OAuth & Permissions)",
  SLACK_APP_TOKEN:
    "an App-Level Token with the connections:write scope, starting xapp- (Basic Information → App-Level Tokens); set it for Socket Mode, leave it unset for HTTP",
  SLACK_SIGNING_SECRET:
    "the Signing Secret (Basic Information → App Credentials); needed in HTTP mode, that is when SLACK_APP_TOKEN is unset",
  PORT: "the HTTP port for Slack's requests and GET /healthz in HTTP mode (default 3000)",
  HEALTH_PORT: "the port of GET /healthz in Socket Mode (default 3000)",
  SLACK_API_URL:
    "optional: the Web API base URL, e.g. https://slack-gov.com/api/ for GovSlack or a proxy (default https://slack.com/api/)",
  LOG_LEVEL: "optional: debug, info, warn or error (default info)",
  ANSWER_THREAD:
    "optional: worker to answer questions on a thread of their own, main to answer on the thread that receives Slack's requests (default worker when the machine has 2 or more CPUs, else main)",
  CHANGES_CHANNEL:
    "optional: a channel ID (C…) or name where the bot posts a short summary when reloaded data brings in changes from `who-owns sync` (invite the bot there)",
  WHO_OWNS_DATA_DIR:
    "optional: a folder with models/*.yml (and channels.yml) to serve instead of the shipped data/",
  SLACK_CLIENT_ID:
    "optional, HTTP mode: the Client ID (Basic Information → App Credentials), to let workspaces install the app at /slack/install; then SLACK_BOT_TOKEN is not needed",
  SLACK_CLIENT_SECRET: "with SLACK_CLIENT_ID: the Client Secret (Basic Information → App Credentials)",
  SLACK_STATE_SECRET:
    "with SLACK_CLIENT_ID: a random secret of at least 16 characters that signs the install flow's state",
} as const;

type Setting = keyof typeof SETTINGS;

const unsetIfEmpty = (value: unknown) =>
  typeof value === "string" && value.trim() === ""
    ? undefined
    : typeof value === "string"
      ? value.trim()
      : value;

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfEmpty, schema.optional());

const port = (setting: Setting) =>
  optional(
    z
      .string()
      .regex(/^\d{1,5}$/, { error: `must be a port number, 0 to 65535: ${SETTINGS[setting]}` })
      .transform(Number)
      .refine((n) => n <= 65535, { error: `must be a port number, 0 to 65535: ${SETTINGS[setting]}` }),
  );

// Secrets are never echoed back in messages: only what shape was expected.
const envSchema = z.object({
  SLACK_BOT_TOKEN: optional(
    z.string().regex(/^xoxb-[A-Za-z0-9-]+$/, {
      error: `is not a bot token (it must start xoxb-): put ${SETTINGS.SLACK_BOT_TOKEN} here`,
    }),
  ),
  SLACK_APP_TOKEN: optional(
    z.string().regex(/^xapp-[A-Za-z0-9-]+$/, {
      error: `is not an app-level token (it must start xapp-): put ${SETTINGS.SLACK_APP_TOKEN} here`,
    }),
  ),
  SLACK_SIGNING_SECRET: optional(
    z.string().regex(/^[A-Za-z0-9]{16,}$/, {
      error: `does not look like a signing secret (letters and digits, usually 32): put ${SETTINGS.SLACK_SIGNING_SECRET} here`,
    }),
  ),
  PORT: port("PORT"),
  HEALTH_PORT: port("HEALTH_PORT"),
  SLACK_API_URL: optional(
    z
      .string()
      .regex(/^https?:\/\/[^\s]+$/, { error: `must be an http(s) URL: put ${SETTINGS.SLACK_API_URL}` }),
  ),
  LOG_LEVEL: optional(
    z
      .string()
      .transform((s) => s.toLowerCase())
      .pipe(z.enum(["debug", "info", "warn", "error"], { error: `must be one of debug, info, warn, error` })),
  ),
  ANSWER_THREAD: optional(
    z
      .string()
      .transform((s) => s.toLowerCase())
      .pipe(z.enum(["worker", "main"], { error: `must be worker or main: put ${SETTINGS.ANSWER_THREAD}` })),
  ),
  SLACK_CLIENT_ID: optional(
    z
      .string()
      .regex(/^\d+\.\d+$/, { error: `is not a client id (digits.digits): put ${SETTINGS.SLACK_CLIENT_ID}` }),
  ),
  SLACK_CLIENT_SECRET: optional(
    z.string().regex(/^[A-Za-z0-9]{16,}$/, {
      error: `does not look like a client secret: put ${SETTINGS.SLACK_CLIENT_SECRET}`,
    }),
  ),
  SLACK_STATE_SECRET: optional(
    z.string().min(16, { error: `is too short: put ${SETTINGS.SLACK_STATE_SECRET}` }),
  ),
  CHANGES_CHANNEL: optional(
    z.string().regex(/^(?:[CG][A-Z0-9]{6,}|#?[a-z0-9][a-z0-9._-]{0,79})$/, {
      error: `is not a channel ID or name: put ${SETTINGS.CHANGES_CHANNEL}, or unset it`,
    }),
  ),
  WHO_OWNS_DATA_DIR: optional(
    z.string().refine(
      (dir) => {
        try {
          return statSync(dir).isDirectory();
        } catch {
          return false;
        }
      },
      { error: `is not a folder that exists: put ${SETTINGS.WHO_OWNS_DATA_DIR}, or unset it` },
    ),
  ),
});

/** Reads the settings from `env`. Throws ConfigError naming every setting that is missing or malformed. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const problems: ConfigProblem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ setting: String(issue.path[0] ?? "environment"), problem: issue.message });
    }
  }
  const raw = parsed.success ? parsed.data : undefined;
  const failed = new Set(problems.map((p) => p.setting));
  const isSet = (name: Setting) => unsetIfEmpty(env[name]) !== undefined;

  const socketMode = isSet("SLACK_APP_TOKEN");
  const oauth = isSet("SLACK_CLIENT_ID");
  if (oauth) {
    if (socketMode) {
      problems.push({
        setting: "SLACK_CLIENT_ID",
        problem: "installing through OAuth needs HTTP mode: unset SLACK_APP_TOKEN, or unset SLACK_CLIENT_ID",
      });
    }
    for (const name of ["SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] as const) {
      if (!isSet(name)) problems.push({ setting: name, problem: `not set: put ${SETTINGS[name]} here` });
    }
  } else if (!isSet("SLACK_BOT_TOKEN")) {
    problems.push({ setting: "SLACK_BOT_TOKEN", problem: `not set: put ${SETTINGS.SLACK_BOT_TOKEN} here` });
  }
  if (!socketMode && !isSet("SLACK_SIGNING_SECRET") && !failed.has("SLACK_SIGNING_SECRET")) {
    problems.push({
      setting: "SLACK_SIGNING_SECRET",
      problem: `not set: put ${SETTINGS.SLACK_SIGNING_SECRET} here, or set SLACK_APP_TOKEN (xapp-…) to use Socket Mode`,
    });
  }
  if (problems.length > 0 || !raw || (!raw.SLACK_BOT_TOKEN && !oauth)) throw new ConfigError(problems);

  const common: CommonConfig = {
    ...(raw.SLACK_BOT_TOKEN ? { botToken: raw.SLACK_BOT_TOKEN } : {}),
    logLevel: raw.LOG_LEVEL ?? "info",
    answerThread: raw.ANSWER_THREAD ?? (availableParallelism() > 1 ? "worker" : "main"),
    ...(raw.SLACK_API_URL ? { apiUrl: raw.SLACK_API_URL.replace(/\/*$/, "/") } : {}),
    ...(raw.WHO_OWNS_DATA_DIR ? { dataDir: raw.WHO_OWNS_DATA_DIR } : {}),
    ...(raw.CHANGES_CHANNEL ? { changesChannel: raw.CHANGES_CHANNEL } : {}),
  };
  if (socketMode && raw.SLACK_APP_TOKEN) {
    return { ...common, mode: "socket", appToken: raw.SLACK_APP_TOKEN, healthPort: raw.HEALTH_PORT ?? 3000 };
  }
  return {
    ...common,
    mode: "http",
    signingSecret: raw.SLACK_SIGNING_SECRET ?? "",
    port: raw.PORT ?? 3000,
    ...(oauth && raw.SLACK_CLIENT_ID && raw.SLACK_CLIENT_SECRET && raw.SLACK_STATE_SECRET
      ? {
          oauth: {
            clientId: raw.SLACK_CLIENT_ID,
            clientSecret: raw.SLACK_CLIENT_SECRET,
            stateSecret: raw.SLACK_STATE_SECRET,
          },
        }
      : {}),
  };
}

/** The one message a failed start prints: each setting and what to put there, and the offline way in. */
export function describeConfigError(error: ConfigError): string {
  const lines = [
    `who-owns cannot connect to Slack: ${error.problems.length === 1 ? "1 setting needs" : `${error.problems.length} settings need`} attention.`,
    ...error.problems.map((p) => `  ${p.setting}: ${p.problem}`),
    "Set them in the environment or in .env (see .env.example for every setting).",
    `Without Slack, ask offline: ${OFFLINE_HINT}`,
  ];
  return lines.join("\n");
}

/** Every secret in the settings, for the logger to redact. */
export function secretsOf(config: Config): string[] {
  const all = [
    config.botToken,
    config.mode === "http" ? config.signingSecret : config.appToken,
    config.mode === "http" ? config.oauth?.clientSecret : undefined,
    config.mode === "http" ? config.oauth?.stateSecret : undefined,
  ];
  return all.filter((secret): secret is string => typeof secret === "string" && secret !== "");
}
