// The two engines every store test runs against: a SQLite file in a fresh folder, and a fresh schema on the
// PostgreSQL server (TEST_DATABASE_URL, default the machine's 127.0.0.1:5432 database `test`), dropped after.
// Where no PostgreSQL answers, its tests are skipped with a warning, except in CI (CI=true), where
// .ci/run starts one: there a missing server fails the run.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { EnabledSettings } from "../../src/store/db.ts";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export const HAS_POSTGRES = await postgresAnswers();
if (!HAS_POSTGRES) {
  if (process.env.CI === "true") throw new Error(`CI: no PostgreSQL answers at ${TEST_DATABASE_URL}`);
  console.warn(
    `who-owns tests: no PostgreSQL at ${TEST_DATABASE_URL}; the PostgreSQL store tests are skipped.`,
  );
}

export const ENGINES = HAS_POSTGRES ? (["sqlite", "postgres"] as const) : (["sqlite"] as const);
export type TestEngine = (typeof ENGINES)[number];

export interface TestDatabase {
  settings: EnabledSettings;
  /** The environment that points a child process at the same store. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** A new, empty store location on `engine`: its own folder, or its own PostgreSQL schema. */
export function testDatabase(engine: TestEngine, extra: Partial<EnabledSettings> = {}): TestDatabase {
  const common = { enabled: true as const, retentionDays: 30, recordDmText: true, adminUserIds: [] };
  if (engine === "sqlite") {
    const stateDir = mkdtempSync(join(tmpdir(), "who-owns-store-"));
    return {
      settings: { ...common, engine: "sqlite", stateDir, ...extra } as EnabledSettings,
      env: { WHO_OWNS_STATE_DIR: stateDir },
      async drop() {
        rmSync(stateDir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${process.pid}_${randomBytes(4).toString("hex")}`;
  return {
    settings: {
      ...common,
      engine: "postgres",
      databaseUrl: TEST_DATABASE_URL,
      schema,
      ...extra,
    } as EnabledSettings,
    env: { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema },
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}
