// Opens the store's database: the embedded SQLite file by default, PostgreSQL when DATABASE_URL is set.
// One query builder (Kysely) speaks to both; the migrations run here, before anything is read or written.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import { type BulkWriter, postgresWriter } from "./bulk.ts";
import { migrationProvider } from "./migrations.ts";
import type { Database } from "./schema.ts";
import type { StoreSettings } from "./settings.ts";
import { SQLITE_PRAGMAS, sqliteThreadWriter } from "./sqlite-thread.ts";

export type EngineName = "sqlite" | "postgres";
export type EnabledSettings = Extract<StoreSettings, { enabled: true }>;

export const SQLITE_FILE = "who-owns.sqlite";

/** int8 (counts, times) as numbers, not strings: our values stay far below 2^53. */
const INT8 = 20;

export interface OpenedDatabase {
  db: Kysely<Database>;
  engine: EngineName;
  /** Where it is, for logs: the SQLite file, or the PostgreSQL host and schema (never the password). */
  where: string;
  /** The recorder's batch insert (see bulk.ts; on SQLite, on its own thread: sqlite-thread.ts). */
  writeRows: BulkWriter;
}

async function openSqlite(stateDir: string): Promise<OpenedDatabase> {
  // Loaded only here: a deployment on PostgreSQL (or STORE=off) never loads the native SQLite module.
  const { default: SQLite } = await import("better-sqlite3");
  mkdirSync(stateDir, { recursive: true });
  const file = join(stateDir, SQLITE_FILE);
  const database = new SQLite(file);
  for (const pragma of SQLITE_PRAGMAS) database.pragma(pragma);
  return {
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }),
    writeRows: sqliteThreadWriter(file),
    engine: "sqlite",
    where: file,
  };
}

async function openPostgres(url: string, schema: string | undefined, onError: (error: Error) => void) {
  // Loaded only here: the default SQLite store (and STORE=off) starts without the PostgreSQL client.
  const { default: pg } = await import("pg");
  const pgTypes = {
    getTypeParser: (oid: number, format?: "text" | "binary") =>
      oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format),
  };
  if (schema) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query(`create schema if not exists "${schema}"`);
    } catch (error) {
      // Two instances starting at once may both try: the loser sees a duplicate, which is fine.
      if ((error as { code?: string }).code !== "23505") throw error;
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 10_000,
    types: pgTypes,
    ...(schema ? { options: `-c search_path="${schema}"` } : {}),
  });
  // A connection dropped by the server (restart, failover, network) must not take the process down: the
  // pool listens on idle clients, but a client busy with a query would emit its error to no one.
  pool.on("error", onError);
  pool.on("connect", (client) => client.on("error", onError));
  const host = new URL(url).host;
  return {
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    writeRows: postgresWriter(pool),
    engine: "postgres" as const,
    where: `postgres://${host}${schema ? ` schema ${schema}` : ""}`,
  };
}

/** Opens the database and applies every migration not yet applied. */
export async function openDatabase(
  settings: EnabledSettings,
  onPoolError: (error: Error) => void = () => {},
): Promise<OpenedDatabase> {
  const opened =
    settings.engine === "postgres"
      ? await openPostgres(settings.databaseUrl, settings.schema, onPoolError)
      : await openSqlite(settings.stateDir);
  try {
    const { error, results } = await new Migrator({
      db: opened.db,
      provider: migrationProvider,
      // Named, not left to search_path: Kysely looks for its tables in every schema, and another
      // deployment's (or test run's) schema on the same server must not count as ours.
      ...(settings.engine === "postgres" ? { migrationTableSchema: settings.schema ?? "public" } : {}),
    }).migrateToLatest();
    if (error) {
      const failed = results?.find((result) => result.status === "Error")?.migrationName;
      throw new Error(`migration ${failed ?? "?"} failed: ${(error as Error).message}`);
    }
  } catch (error) {
    await opened.db.destroy();
    throw error;
  }
  return opened;
}
