// Structured JSON logs through pino, one object a line, that Bolt and the Web API client can share: Bolt's
// logger interface (any arguments) on top, turned into pino's (fields, message) calls.
// Tokens never reach the output (redacted wherever they appear); message text is only ever logged at debug.
import { type Logger, LogLevel } from "@slack/bolt";
import { pino } from "pino";
import { type Config, type LogLevelName, secretsOf } from "../config.ts";

export type Fields = Record<string, unknown>;

/** Bolt's Logger, plus structured calls: `log.info("command", { sub: "ask", user })`. */
export interface AppLogger extends Logger {
  isDebug(): boolean;
}

const LEVELS = new Set<string>(["debug", "info", "warn", "error"]);

const TOKEN = /\bx(?:ox[abposre]|app)-[A-Za-z0-9-]+/g;
/** What every TOKEN starts with: a line without either holds none. */
const TOKEN_STARTS = ["xox", "xapp"];

export interface LoggerOptions {
  level?: LogLevelName;
  name?: string;
  /** Where lines go, one JSON object each without its newline (tests capture them); stdout by default. */
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
  let name = options.name ?? "who-owns";
  const secrets = (options.secrets ?? []).filter((secret) => secret.length >= 8);
  // Every line is redacted; most hold nothing to redact, so a plain search goes first.
  const redact = (line: string): string => {
    let out = TOKEN_STARTS.some((start) => line.includes(start)) ? line.replace(TOKEN, "[redacted]") : line;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join("[redacted]");
    return out;
  };
  const write = options.write;
  const destination = write
    ? {
        write: (line: string) => {
          try {
            write(line.endsWith("\n") ? line.slice(0, -1) : line);
          } catch {
            // A broken log sink must never take a request down with it.
          }
        },
      }
    : // Synchronous: every line is out, in order, before the next one and before the process exits.
      // (Asynchronous writes were tried: pino's flush does not wait for a write under way, so the last lines
      // could come out of order at exit, and the saving could not be told from this machine's noise.)
      pino.destination({ dest: 1, sync: true });
  const log = pino(
    {
      level: options.level ?? "info",
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level as a word ("warn"), the logger's name on every line: what the log's readers (and tests) match.
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => ({ name }),
      // Redaction by value, not by path: a token can arrive inside any message (an error's text, a URL).
      hooks: { streamWrite: redact },
    },
    destination,
  );

  const emit = (at: LogLevelName, args: unknown[]) => {
    if (!log.isLevelEnabled(at)) return;
    const [first, ...rest] = args;
    if (typeof first === "string" && rest.length === 1 && isFields(rest[0])) {
      log[at](rest[0], first);
    } else if (first instanceof Error && rest.length === 0) {
      const withStack = at === "error" || log.isLevelEnabled("debug");
      log[at]({ ...errorFields(first), ...(withStack ? { stack: first.stack } : {}) }, first.message);
    } else {
      const error = args.find((arg): arg is Error => arg instanceof Error);
      const msg = args.map((arg) => describe(arg, at === "error")).join(" ");
      if (error) log[at](errorFields(error), msg);
      else log[at](msg);
    }
  };

  return {
    debug: (...args: unknown[]) => emit("debug", args),
    info: (...args: unknown[]) => emit("info", args),
    warn: (...args: unknown[]) => emit("warn", args),
    error: (...args: unknown[]) => emit("error", args),
    setLevel: (next: LogLevel) => {
      log.level = LEVELS.has(next) ? next : "info";
    },
    getLevel: () => log.level as LogLevel,
    setName: (next: string) => {
      name = next;
    },
    isDebug: () => log.isLevelEnabled("debug"),
  };
}

/** The app's logger for its settings: at LOG_LEVEL, redacting the tokens and the signing secret it was given. */
export function loggerFor(config: Config): AppLogger {
  return createLogger({
    level: config.logLevel,
    secrets: secretsOf(config),
  });
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
