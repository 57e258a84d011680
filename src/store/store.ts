// The store: what the app records (questions, choices, feedback), what the gaps report reads, the purge,
// and Slack installations. One small interface over Kysely, the same on SQLite and PostgreSQL.
import { createHmac, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { BulkWriter, Rows } from "./bulk.ts";
import { type EnabledSettings, type EngineName, openDatabase } from "./db.ts";
import type { ChoicesTable, Database, FeedbackTable, QuestionsTable } from "./schema.ts";

export type StoredRecord =
  | { table: "questions"; row: QuestionsTable }
  | { table: "choices"; row: ChoicesTable }
  | { table: "feedback"; row: FeedbackTable };

export interface GapsQuery {
  /** Only what was recorded at or after this time (ms since the epoch). */
  since: number;
  model?: string;
}

export interface PurgeResult {
  /** How many rows had their text deleted, per table. */
  questions: number;
  choices: number;
  feedback: number;
  cutoff: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HASH_KEY_SETTING = "user_hash_key";

export class Store {
  private constructor(
    readonly db: Kysely<Database>,
    readonly engine: EngineName,
    readonly where: string,
    readonly settings: EnabledSettings,
    private readonly hashKey: string,
    private readonly writeRows: BulkWriter,
  ) {}

  /** Recent hashes: the same few hundred people ask most questions, and an HMAC is the costliest step. */
  private readonly hashes = new Map<string, string>();

  static async open(settings: EnabledSettings, onPoolError?: (error: Error) => void): Promise<Store> {
    const { db, engine, where, writeRows } = await openDatabase(settings, onPoolError);
    try {
      const key = settings.hashKey ?? (await Store.sharedHashKey(db));
      return new Store(db, engine, where, settings, key, writeRows);
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }

  /** Made once per store and kept in it, so every instance on one database hashes a user the same way. */
  private static async sharedHashKey(db: Kysely<Database>): Promise<string> {
    await db
      .insertInto("settings")
      .values({ key: HASH_KEY_SETTING, value: randomBytes(32).toString("hex") })
      .onConflict((conflict) => conflict.column("key").doNothing())
      .execute();
    const row = await db
      .selectFrom("settings")
      .select("value")
      .where("key", "=", HASH_KEY_SETTING)
      .executeTakeFirstOrThrow();
    return row.value;
  }

  /** A keyed hash of a Slack user (per workspace): counts people without keeping who they are. */
  hashUser(team: string | undefined, user: string | undefined): string | null {
    if (!user) return null;
    const who = `${team ?? ""}:${user}`;
    let hash = this.hashes.get(who);
    if (hash === undefined) {
      hash = createHmac("sha256", this.hashKey).update(who).digest("hex").slice(0, 32);
      if (this.hashes.size >= 10_000) this.hashes.clear();
      this.hashes.set(who, hash);
    }
    return hash;
  }

  /** Writes a batch in one transaction; a record already written (same id) is skipped, so retries are safe. */
  async write(records: readonly StoredRecord[]): Promise<void> {
    if (records.length === 0) return;
    const rows: Rows = { questions: [], choices: [], feedback: [] };
    for (const record of records) (rows[record.table] as (typeof record.row)[]).push(record.row);
    await this.writeRows.write(rows);
  }

  /** Deletes question text and comments older than the retention period; counts and rows stay. */
  async purge(now: number = Date.now()): Promise<PurgeResult> {
    const cutoff = now - this.settings.retentionDays * DAY_MS;
    return this.db.transaction().execute(async (trx) => {
      const questions = await trx
        .updateTable("questions")
        .set({ question: null })
        .where("at", "<", cutoff)
        .where("question", "is not", null)
        .executeTakeFirst();
      const choices = await trx
        .updateTable("choices")
        .set({ question: null })
        .where("at", "<", cutoff)
        .where("question", "is not", null)
        .executeTakeFirst();
      const feedback = await trx
        .updateTable("feedback")
        .set({ question: null, comment: null })
        .where("at", "<", cutoff)
        .where((eb) => eb.or([eb("question", "is not", null), eb("comment", "is not", null)]))
        .executeTakeFirst();
      return {
        questions: Number(questions.numUpdatedRows),
        choices: Number(choices.numUpdatedRows),
        feedback: Number(feedback.numUpdatedRows),
        cutoff,
      };
    });
  }

  async countQuestions(query: GapsQuery): Promise<number> {
    let select = this.db
      .selectFrom("questions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("at", ">=", query.since);
    if (query.model) select = select.where("model", "=", query.model);
    const row = await select.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Unanswered questions whose text is still kept, grouped by exact text and model. */
  async unanswered(query: GapsQuery): Promise<{ question: string; model: string | null; count: number }[]> {
    let select = this.db
      .selectFrom("questions")
      .select(["question", "model", (eb) => eb.fn.countAll<number>().as("count")])
      .where("at", ">=", query.since)
      .where("answered", "=", 0)
      .where("question", "is not", null)
      .groupBy(["question", "model"]);
    if (query.model) select = select.where("model", "=", query.model);
    const rows = await select.execute();
    return rows.map((row) => ({ question: row.question ?? "", model: row.model, count: Number(row.count) }));
  }

  /** How often each row was the answer. */
  async rowsAsked(query: GapsQuery): Promise<{ model: string; rowId: string; asked: number }[]> {
    let select = this.db
      .selectFrom("questions")
      .select(["model", "row_id", (eb) => eb.fn.countAll<number>().as("asked")])
      .where("at", ">=", query.since)
      .where("answered", "=", 1)
      .where("row_id", "is not", null)
      .groupBy(["model", "row_id"]);
    if (query.model) select = select.where("model", "=", query.model);
    const rows = await select.execute();
    return rows.map((row) => ({ model: row.model ?? "", rowId: row.row_id ?? "", asked: Number(row.asked) }));
  }

  /** 👎 per row, with the comments people left (those still kept). */
  async downvoted(
    query: GapsQuery,
  ): Promise<{ model: string; rowId: string; count: number; comments: string[] }[]> {
    let votes = this.db
      .selectFrom("feedback")
      .select(["model", "row_id", (eb) => eb.fn.countAll<number>().as("count")])
      .where("at", ">=", query.since)
      .where("vote", "=", "down")
      .groupBy(["model", "row_id"]);
    let comments = this.db
      .selectFrom("feedback")
      .select(["model", "row_id", "comment"])
      .where("at", ">=", query.since)
      .where("comment", "is not", null)
      .orderBy("at", "desc");
    if (query.model) {
      votes = votes.where("model", "=", query.model);
      comments = comments.where("model", "=", query.model);
    }
    const key = (model: string | null, row: string | null) => `${model ?? ""}\u0000${row ?? ""}`;
    const byRow = new Map<string, { model: string; rowId: string; count: number; comments: string[] }>();
    for (const row of await votes.execute()) {
      byRow.set(key(row.model, row.row_id), {
        model: row.model ?? "",
        rowId: row.row_id ?? "",
        count: Number(row.count),
        comments: [],
      });
    }
    for (const row of await comments.execute()) {
      const entry = byRow.get(key(row.model, row.row_id));
      if (entry && row.comment) entry.comments.push(row.comment);
    }
    return [...byRow.values()];
  }

  async close(): Promise<void> {
    await this.writeRows.close();
    await this.db.destroy();
  }
}

export { DAY_MS };
