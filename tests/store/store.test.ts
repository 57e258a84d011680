// The store, the same specification on a SQLite file and on a real PostgreSQL server.
import { join } from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { SQLITE_FILE } from "../../src/store/db.ts";
import { createStoreRecorder } from "../../src/store/recorder.ts";
import type { QuestionsTable } from "../../src/store/schema.ts";
import { DAY_MS, Store } from "../../src/store/store.ts";
import { ENGINES, type TestDatabase, testDatabase } from "./support.ts";

const quiet = { warn() {}, info() {} };

const question = (id: string): QuestionsTable => ({
  id,
  at: Date.now(),
  surface: "slash",
  team: "T",
  channel: "C",
  user_hash: null,
  question: "q",
  model: null,
  row_id: null,
  answered: 0,
  score: null,
});

/** Another connection takes the questions table's write lock; resolves with a function that lets it go. */
async function lockQuestions(settings: TestDatabase["settings"]): Promise<() => Promise<void>> {
  if (settings.engine === "sqlite") {
    const other = new SQLite(join(settings.stateDir, SQLITE_FILE));
    other.exec("begin immediate");
    other.prepare("insert into settings (key, value) values ('lock', 'held')").run();
    return async () => {
      other.exec("rollback");
      other.close();
    };
  }
  const other = new pg.Client({ connectionString: settings.databaseUrl });
  await other.connect();
  await other.query(`set search_path to "${settings.schema}"`);
  await other.query("begin");
  await other.query("lock table questions in exclusive mode");
  return async () => {
    await other.query("rollback");
    await other.end();
  };
}

describe.each(ENGINES)("store on %s", (engine) => {
  let database: TestDatabase | undefined;
  const stores: Store[] = [];

  async function open(extra = {}): Promise<Store> {
    database ??= testDatabase(engine, extra);
    const store = await Store.open({ ...database.settings, ...extra });
    stores.push(store);
    return store;
  }

  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    await database?.drop();
    database = undefined;
  });

  it("applies its migrations once, and a second opening finds the tables and keeps what was written", async () => {
    const first = await open();
    const recorder = createStoreRecorder(first, quiet);
    recorder.asked({
      surface: "slash",
      team: "T1",
      user: "U1",
      question: "who patches",
      answered: true,
      model: "m",
      rowId: "r1",
      score: 0.9,
    });
    await recorder.flush();
    const second = await open();
    expect(await second.countQuestions({ since: 0 })).toBe(1);
    const migrations = await second.db
      .selectFrom("kysely_migration" as never)
      .select("name" as never)
      .execute();
    expect(migrations).toEqual([{ name: "0001-initial" }, { name: "0002-gaps-indexes" }]);
  });

  it("stores keyed hashes of user ids, never the ids; the same person hashes the same across instances", async () => {
    const a = await open();
    const b = await open();
    const recorder = createStoreRecorder(a, quiet);
    recorder.asked({
      surface: "mention",
      team: "T1",
      user: "U0SECRET1",
      channel: "C1",
      question: "q",
      answered: false,
    });
    recorder.voted({ surface: "slash", team: "T1", user: "U0SECRET1", model: "m", rowId: "r", vote: "down" });
    await recorder.flush();
    const rows = await b.db.selectFrom("questions").selectAll().execute();
    const votes = await b.db.selectFrom("feedback").selectAll().execute();
    expect(JSON.stringify([rows, votes])).not.toContain("U0SECRET1");
    expect(rows[0]?.user_hash).toMatch(/^[0-9a-f]{32}$/);
    expect(votes[0]?.user_hash).toBe(rows[0]?.user_hash);
    expect(b.hashUser("T1", "U0SECRET1")).toBe(rows[0]?.user_hash);
    expect(b.hashUser("T2", "U0SECRET1")).not.toBe(rows[0]?.user_hash);
  });

  it("writes a batch retried after a failure only once (records carry their own ids)", async () => {
    const store = await open();
    const row = question("q-1");
    const vote = {
      id: "f-1",
      at: Date.now(),
      surface: "slash" as const,
      team: "T",
      user_hash: null,
      question: null,
      model: "m",
      row_id: "r",
      vote: "down" as const,
      comment: null,
    };
    const batch = [
      { table: "questions" as const, row },
      { table: "feedback" as const, row: vote },
    ];
    await store.write(batch);
    await store.write(batch);
    expect(await store.countQuestions({ since: 0 })).toBe(1);
    expect(await store.downvoted({ since: 0 })).toEqual([{ model: "m", rowId: "r", count: 1, comments: [] }]);
  });

  it("a write held up by a locked table leaves the app's thread free, and lands once the lock is gone", async () => {
    const store = await open();
    const settings = (database as TestDatabase).settings;
    const release = await lockQuestions(settings);
    const written = store.write([{ table: "questions", row: question("q-locked") }]);
    let done = false;
    void written.then(() => {
      done = true;
    });
    // While the write waits on the lock, timers on this thread still fire on time (a write on this
    // thread would block it until the lock or busy_timeout gave way).
    let ticks = 0;
    const started = performance.now();
    while (performance.now() - started < 400) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      ticks += 1;
    }
    expect(done).toBe(false);
    expect(ticks).toBeGreaterThan(10);
    await release();
    await written;
    expect(await store.countQuestions({ since: 0 })).toBe(1);
  });

  it("keeps no text of DM questions when RECORD_DM_TEXT=false, but still counts them", async () => {
    const store = await open({ recordDmText: false });
    const recorder = createStoreRecorder(store, quiet);
    recorder.asked({
      surface: "dm",
      team: "T1",
      user: "U1",
      channel: "D1",
      question: "private words",
      answered: false,
    });
    recorder.asked({
      surface: "slash",
      team: "T1",
      user: "U1",
      channel: "C1",
      question: "public words",
      answered: false,
    });
    await recorder.flush();
    const rows = await store.db
      .selectFrom("questions")
      .select(["surface", "question", "channel"])
      .orderBy("surface")
      .execute();
    expect(rows).toEqual([
      { surface: "dm", question: null, channel: null },
      { surface: "slash", question: "public words", channel: "C1" },
    ]);
  });

  it("purge deletes question text and comments older than the retention, and nothing newer", async () => {
    const store = await open({ retentionDays: 30 });
    const now = Date.now();
    const old = now - 31 * DAY_MS;
    const base = { surface: "slash" as const, team: "T1", user_hash: null, model: "m", row_id: "r" };
    await store.write([
      {
        table: "questions",
        row: { ...base, id: "q-old", at: old, channel: "C", question: "old words", answered: 1, score: 1 },
      },
      {
        table: "questions",
        row: { ...base, id: "q-new", at: now, channel: "C", question: "new words", answered: 1, score: 1 },
      },
      {
        table: "feedback",
        row: { ...base, id: "f-old", at: old, question: "old q", vote: null, comment: "old comment" },
      },
      {
        table: "feedback",
        row: { ...base, id: "f-new", at: now, question: "new q", vote: null, comment: "new comment" },
      },
      { table: "choices", row: { ...base, id: "c-old", at: old, question: "old choice", choice: "owners" } },
    ]);
    const result = await store.purge(now);
    expect(result).toMatchObject({ questions: 1, choices: 1, feedback: 1 });
    const questions = await store.db
      .selectFrom("questions")
      .select(["id", "question"])
      .orderBy("id")
      .execute();
    expect(questions).toEqual([
      { id: "q-new", question: "new words" },
      { id: "q-old", question: null },
    ]);
    const feedback = await store.db
      .selectFrom("feedback")
      .select(["id", "question", "comment"])
      .orderBy("id")
      .execute();
    expect(feedback).toEqual([
      { id: "f-new", question: "new q", comment: "new comment" },
      { id: "f-old", question: null, comment: null },
    ]);
    const choices = await store.db.selectFrom("choices").select(["question"]).execute();
    expect(choices).toEqual([{ question: null }]);
    // Counts survive the purge: the question is still one of the questions asked.
    expect(await store.countQuestions({ since: 0 })).toBe(2);
    expect(await store.purge(now)).toMatchObject({ questions: 0, choices: 0, feedback: 0 });
  });

  it("answers the gaps queries: unanswered by text and model, rows asked, 👎 per row with comments", async () => {
    const store = await open();
    const recorder = createStoreRecorder(store, quiet);
    for (let i = 0; i < 3; i += 1)
      recorder.asked({
        surface: "slash",
        team: "T",
        user: `U${i}`,
        question: "wifi password",
        answered: false,
      });
    recorder.asked({
      surface: "slash",
      team: "T",
      user: "U1",
      question: "ovh: billing",
      answered: false,
      model: "ovh",
    });
    recorder.asked({
      surface: "slash",
      team: "T",
      user: "U1",
      question: "who patches",
      answered: true,
      model: "ovh",
      rowId: "patch",
      score: 0.9,
    });
    recorder.asked({
      surface: "dm",
      team: "T",
      user: "U2",
      question: "patching?",
      answered: true,
      model: "ovh",
      rowId: "patch",
      score: 0.8,
    });
    recorder.voted({ surface: "slash", team: "T", user: "U1", model: "ovh", rowId: "patch", vote: "down" });
    recorder.voted({ surface: "slash", team: "T", user: "U2", model: "ovh", rowId: "patch", vote: "down" });
    recorder.voted({ surface: "slash", team: "T", user: "U3", model: "ovh", rowId: "patch", vote: "up" });
    recorder.commented({
      surface: "slash",
      team: "T",
      user: "U1",
      model: "ovh",
      rowId: "patch",
      comment: "I meant the database",
    });
    await recorder.flush();
    expect(await store.countQuestions({ since: 0 })).toBe(6);
    expect(await store.countQuestions({ since: 0, model: "ovh" })).toBe(3);
    expect(await store.countQuestions({ since: Date.now() + 60_000 })).toBe(0);
    const unanswered = await store.unanswered({ since: 0 });
    expect(unanswered.sort((a, b) => b.count - a.count)).toEqual([
      { question: "wifi password", model: null, count: 3 },
      { question: "ovh: billing", model: "ovh", count: 1 },
    ]);
    expect(await store.rowsAsked({ since: 0 })).toEqual([{ model: "ovh", rowId: "patch", asked: 2 }]);
    expect(await store.downvoted({ since: 0, model: "ovh" })).toEqual([
      { model: "ovh", rowId: "patch", count: 2, comments: ["I meant the database"] },
    ]);
    expect(await store.downvoted({ since: 0, model: "other" })).toEqual([]);
  });
});
