// Structured JSON logs, one object a line, that Bolt and the Web API client can share.
// Tokens never reach the output (redacted wherever they appear); message text is only ever logged at debug.
import { type Logger, LogLevel } from "@slack/bolt";
import type { LogLevelName } from "../config.ts";

export type Fields = Record<string, unknown>;

/** Bolt's Logger, plus structured calls: `log.info("command", { sub: "ask", user })`. */
export interface AppLogger extends Logger {
  isDebug(): boolean;
}

const ORDER: Record<LogLevelName, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const TOKEN = /\bx(?:ox[abposre]|app)-[A-Za-z0-9-]+/g;

export interface LoggerOptions {
  level?: LogLevelName;
  name?: string;
  /** Where lines go (tests capture them); stdout by default. */
  write?: (line: string) => void;
  /** Exact strings to redact as well as anything shaped like a token (the signing secret). */
  secrets?: string[];
}

function isFields(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Error);
}

function describe(value: unknown, withStack: boolean): string {
  if (value instanceof Error)
    return withStack && value.stack ? value.stack : `${value.name}: ${value.message}`;
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function errorFields(error: Error): Fields {
  const coded = error as Error & { code?: unknown; data?: { error?: unknown }; statusCode?: unknown };
  return {
    error: error.message,
    ...(coded.code !== undefined ? { code: coded.code } : {}),
    ...(coded.data?.error !== undefined ? { slackError: coded.data.error } : {}),
    ...(coded.statusCode !== undefined ? { status: coded.statusCode } : {}),
  };
}

export function createLogger(options: LoggerOptions = {}): AppLogger {
  let level: LogLevelName = options.level ?? "info";
  let name = options.name ?? "who-owns";
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const secrets = (options.secrets ?? []).filter((secret) => secret.length >= 8);

  const redact = (line: string): string => {
    let out = line.replace(TOKEN, "[redacted]");
    for (const secret of secrets) out = out.split(secret).join("[redacted]");
    return out;
  };

  const emit = (at: LogLevelName, args: unknown[]) => {
    if (ORDER[at] < ORDER[level]) return;
    const record: Fields = { time: new Date().toISOString(), level: at, name };
    const [first, ...rest] = args;
    if (typeof first === "string" && rest.length === 1 && isFields(rest[0])) {
      record.msg = first;
      Object.assign(record, rest[0]);
    } else if (first instanceof Error && rest.length === 0) {
      record.msg = first.message;
      Object.assign(record, errorFields(first));
      if (at === "error" || level === "debug") record.stack = first.stack;
    } else {
      record.msg = args.map((arg) => describe(arg, at === "error")).join(" ");
      const error = args.find((arg): arg is Error => arg instanceof Error);
      if (error) Object.assign(record, errorFields(error));
    }
    let line: string;
    try {
      line = JSON.stringify(record);
    } catch {
      line = JSON.stringify({ time: record.time, level: at, name, msg: String(record.msg) });
    }
    try {
      write(redact(line));
    } catch {
      // A broken log sink must never take a request down with it.
    }
  };

  return {
    debug: (...args: unknown[]) => emit("debug", args),
    info: (...args: unknown[]) => emit("info", args),
    warn: (...args: unknown[]) => emit("warn", args),
    error: (...args: unknown[]) => emit("error", args),
    setLevel: (next: LogLevel) => {
      level = (next as string as LogLevelName) in ORDER ? (next as string as LogLevelName) : "info";
    },
    getLevel: () => level as LogLevel,
    setName: (next: string) => {
      name = next;
    },
    isDebug: () => level === "debug",
  };
}

/** Bolt's LogLevel for one of ours (they share their string values). */
export function boltLevel(level: LogLevelName): LogLevel {
  switch (level) {
    case "debug":
      return LogLevel.DEBUG;
    case "warn":
      return LogLevel.WARN;
    case "error":
      return LogLevel.ERROR;
    default:
      return LogLevel.INFO;
  }
}

/** What the Web API client logs about a call that failed; the caller of that call logs it once itself. */
const CLIENT_NOISE = [/^http request failed/, /^API Call failed due to rate limiting/];

/**
 * The logger for Bolt and its Web API client: the same lines, except the client's own warnings about failed
 * calls, which go to debug (each failure is logged once, by the listener that made the call).
 */
export function quietClientLogger(logger: AppLogger): AppLogger {
  const noisy = (args: unknown[]) =>
    typeof args[0] === "string" && CLIENT_NOISE.some((pattern) => pattern.test(args[0] as string));
  return {
    ...logger,
    info: (...args: unknown[]) => (noisy(args) ? logger.debug(...args) : logger.info(...args)),
    warn: (...args: unknown[]) => (noisy(args) ? logger.debug(...args) : logger.warn(...args)),
    setLevel: (next) => logger.setLevel(next),
    getLevel: () => logger.getLevel(),
    setName: (next) => logger.setName(next),
    isDebug: () => logger.isDebug(),
  };
}
