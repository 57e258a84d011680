// The hot path: writing a batch of records behind the answers. Kysely builds the schema and every query
// people read; this one insert, run hundreds of times a second, uses one fixed statement per table instead
// (a prepared statement on SQLite, unnest() of arrays on PostgreSQL), so recording costs a few µs a record
// rather than a fresh multi-row query each batch. Ids are unique: a retried batch never writes twice.
import type { Database as SqliteDatabase } from "better-sqlite3";
import type pg from "pg";
import type { ChoicesTable, FeedbackTable, QuestionsTable } from "./schema.ts";

export type Rows = {
  questions: QuestionsTable[];
  choices: ChoicesTable[];
  feedback: FeedbackTable[];
};

type Table = keyof Rows;

/** The columns every record has (see RecordColumns in schema.ts), with their PostgreSQL types. */
const RECORD: [string, string][] = [
  ["id", "text"],
  ["at", "int8"],
  ["surface", "text"],
  ["team", "text"],
  ["user_hash", "text"],
  ["question", "text"],
  ["model", "text"],
  ["row_id", "text"],
];

/** Columns and their PostgreSQL types (values are taken by name, so the order is the statement's only). */
const COLUMNS: Record<Table, [string, string][]> = {
  questions: [...RECORD, ["channel", "text"], ["answered", "int4"], ["score", "float8"]],
  choices: [...RECORD, ["choice", "text"]],
  feedback: [...RECORD, ["vote", "text"], ["comment", "text"]],
};

const TABLES = Object.keys(COLUMNS) as Table[];

/** Writes a batch in one transaction; `close` lets go of what the writer holds (a thread, nothing). */
export interface BulkWriter {
  write(rows: Rows): Promise<void>;
  close(): Promise<void>;
}

/**
 * The SQLite insert, run where the database is open: one prepared statement per table, all rows of a batch
 * in one transaction. Synchronous (better-sqlite3), so the app runs it on its own thread (sqlite-thread.ts).
 */
export function sqliteInsert(database: SqliteDatabase): (rows: Rows) => void {
  const statements = TABLES.map((table) => {
    const names = COLUMNS[table].map(([name]) => name);
    const sql = `insert into ${table} (${names.join(", ")}) values (${names.map((n) => `@${n}`).join(", ")}) on conflict (id) do nothing`;
    return [table, database.prepare(sql)] as const;
  });
  return database.transaction((rows: Rows) => {
    for (const [table, statement] of statements) for (const row of rows[table]) statement.run(row);
  });
}

export function postgresWriter(pool: pg.Pool): BulkWriter {
  const statements = TABLES.map((table) => {
    const columns = COLUMNS[table];
    const names = columns.map(([name]) => name).join(", ");
    const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
    return {
      table,
      columns: columns.map(([name]) => name),
      text: `insert into ${table} (${names}) select * from unnest(${arrays}) on conflict (id) do nothing`,
    };
  });
  const write = async (rows: Rows) => {
    const client = await pool.connect();
    try {
      await client.query("begin");
      for (const { table, columns, text } of statements) {
        const list = rows[table] as unknown as Record<string, unknown>[];
        if (list.length === 0) continue;
        await client.query(
          text,
          columns.map((column) => list.map((row) => row[column] ?? null)),
        );
      }
      await client.query("commit");
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
  return { write, close: async () => {} };
}
