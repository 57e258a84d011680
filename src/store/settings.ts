// The store's settings, from the environment only, checked at start with messages that say what to set.
import { z } from "zod";

export const STORE_SETTINGS = {
  STORE: "optional: off to record nothing (default on)",
  DATABASE_URL:
    "optional: a PostgreSQL URL (postgres://user@host:5432/db) so several instances share one store; unset for the embedded SQLite file",
  DATABASE_SCHEMA: "optional: the PostgreSQL schema to keep the tables in (default public)",
  WHO_OWNS_STATE_DIR: "optional: the folder of the embedded SQLite store (default ./state)",
  QUESTION_RETENTION_DAYS:
    "optional: days question text and comments are kept before the daily purge deletes them (default 30)",
  RECORD_DM_TEXT: "optional: false to keep no text of questions asked in DMs (default true)",
  USER_HASH_KEY:
    "optional: the key of the user id hashes (at least 16 characters); unset, one is made once and kept in the store",
  ADMIN_USER_IDS: "optional: Slack user ids (comma-separated) who see the Insights view on the Home tab",
} as const;

export type StoreSettings =
  | { enabled: false }
  | {
      enabled: true;
      engine: "sqlite";
      stateDir: string;
      retentionDays: number;
      recordDmText: boolean;
      hashKey?: string;
      adminUserIds: string[];
    }
  | {
      enabled: true;
      engine: "postgres";
      databaseUrl: string;
      schema?: string;
      retentionDays: number;
      recordDmText: boolean;
      hashKey?: string;
      adminUserIds: string[];
    };

const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());

const schema = z.object({
  STORE: opt(z.enum(["on", "off"], { error: `must be on or off: ${STORE_SETTINGS.STORE}` })),
  DATABASE_URL: opt(
    z.string().regex(/^postgres(?:ql)?:\/\/\S+$/, {
      error: `must be a postgres:// URL: ${STORE_SETTINGS.DATABASE_URL}`,
    }),
  ),
  DATABASE_SCHEMA: opt(
    z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, {
      error: `must be a lower-case identifier: ${STORE_SETTINGS.DATABASE_SCHEMA}`,
    }),
  ),
  WHO_OWNS_STATE_DIR: opt(z.string()),
  QUESTION_RETENTION_DAYS: opt(
    z
      .string()
      .regex(/^\d{1,5}$/, {
        error: `must be a whole number of days: ${STORE_SETTINGS.QUESTION_RETENTION_DAYS}`,
      })
      .transform(Number),
  ),
  RECORD_DM_TEXT: opt(
    z.enum(["true", "false"], { error: `must be true or false: ${STORE_SETTINGS.RECORD_DM_TEXT}` }),
  ),
  USER_HASH_KEY: opt(z.string().min(16, { error: `is too short: ${STORE_SETTINGS.USER_HASH_KEY}` })),
  ADMIN_USER_IDS: opt(
    z.string().regex(/^[UW][A-Z0-9]+(?:\s*,\s*[UW][A-Z0-9]+)*$/, {
      error: `must be Slack user ids like U0123ABCD, comma-separated: ${STORE_SETTINGS.ADMIN_USER_IDS}`,
    }),
  ),
});

export interface SettingProblem {
  setting: string;
  problem: string;
}

/** The store's settings, or every problem with them (each naming the setting and what to put there). */
export function readStoreSettings(
  env: Record<string, string | undefined> = process.env,
): { settings: StoreSettings; problems: [] } | { settings?: undefined; problems: SettingProblem[] } {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => ({
        setting: String(issue.path[0] ?? "environment"),
        problem: issue.message,
      })),
    };
  }
  const raw = parsed.data;
  if (raw.STORE === "off") return { settings: { enabled: false }, problems: [] };
  const common = {
    enabled: true as const,
    retentionDays: raw.QUESTION_RETENTION_DAYS ?? 30,
    recordDmText: raw.RECORD_DM_TEXT !== "false",
    ...(raw.USER_HASH_KEY ? { hashKey: raw.USER_HASH_KEY } : {}),
    adminUserIds: raw.ADMIN_USER_IDS ? raw.ADMIN_USER_IDS.split(",").map((id) => id.trim()) : [],
  };
  if (raw.DATABASE_URL) {
    return {
      settings: {
        ...common,
        engine: "postgres",
        databaseUrl: raw.DATABASE_URL,
        ...(raw.DATABASE_SCHEMA ? { schema: raw.DATABASE_SCHEMA } : {}),
      },
      problems: [],
    };
  }
  return {
    settings: { ...common, engine: "sqlite", stateDir: raw.WHO_OWNS_STATE_DIR ?? "state" },
    problems: [],
  };
}
