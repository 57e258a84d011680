// Versioned migrations, applied in order at start (Kysely's Migrator keeps which ran, and locks so that
// several instances starting on one PostgreSQL apply each once). Never edit one that has shipped: add one.
import type { Kysely, Migration, MigrationProvider } from "kysely";

const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("questions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("at", "bigint", (c) => c.notNull())
      .addColumn("surface", "text", (c) => c.notNull())
      .addColumn("team", "text")
      .addColumn("channel", "text")
      .addColumn("user_hash", "text")
      .addColumn("question", "text")
      .addColumn("model", "text")
      .addColumn("row_id", "text")
      .addColumn("answered", "integer", (c) => c.notNull())
      .addColumn("score", "double precision")
      .execute();
    await db.schema.createIndex("questions_at").on("questions").column("at").execute();
    await db.schema
      .createTable("choices")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("at", "bigint", (c) => c.notNull())
      .addColumn("surface", "text", (c) => c.notNull())
      .addColumn("team", "text")
      .addColumn("user_hash", "text")
      .addColumn("question", "text")
      .addColumn("model", "text")
      .addColumn("row_id", "text")
      .addColumn("choice", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("choices_at").on("choices").column("at").execute();
    await db.schema
      .createTable("feedback")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("at", "bigint", (c) => c.notNull())
      .addColumn("surface", "text", (c) => c.notNull())
      .addColumn("team", "text")
      .addColumn("user_hash", "text")
      .addColumn("question", "text")
      .addColumn("model", "text")
      .addColumn("row_id", "text")
      .addColumn("vote", "text")
      .addColumn("comment", "text")
      .execute();
    await db.schema.createIndex("feedback_at").on("feedback").column("at").execute();
    await db.schema
      .createTable("installations")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("team_id", "text")
      .addColumn("enterprise_id", "text")
      .addColumn("data", "text", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("settings")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", "text", (c) => c.notNull())
      .execute();
  },
};

/** The gaps report groups by these: covering indexes let SQLite group without sorting 100,000 rows. */
const gapsIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex("questions_unanswered")
      .on("questions")
      .columns(["answered", "question", "model", "at"])
      .execute();
    await db.schema
      .createIndex("questions_rows")
      .on("questions")
      .columns(["answered", "model", "row_id", "at"])
      .execute();
  },
};

export const MIGRATIONS: Record<string, Migration> = {
  "0001-initial": initial,
  "0002-gaps-indexes": gapsIndexes,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
