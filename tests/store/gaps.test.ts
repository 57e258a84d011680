// `who-owns gaps` over a real store on each engine: the JSON shape of issue 11, grouping, rows never asked,
// suggested synonyms, --model, --since, CSV; and `who-owns purge`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEngine } from "../../src/answer/load.ts";
import { gapsCommand, purgeCommand } from "../../src/gaps/cli.ts";
import { groupQuestions, parseSince } from "../../src/gaps/report.ts";
import { createStoreRecorder } from "../../src/store/recorder.ts";
import { DAY_MS, Store } from "../../src/store/store.ts";
import { ENGINES, type TestDatabase, testDatabase } from "./support.ts";

const engine = loadEngine();
const quiet = { warn() {}, info() {} };

async function run(
  command: (io: { out: (t: string) => void; err: (t: string) => void }) => Promise<number>,
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command({ out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("grouping unanswered questions", () => {
  it("puts the same words in any case, order or punctuation together, and near-identical wordings too", () => {
    const groups = groupQuestions([
      { question: "what is the wifi password", model: null, count: 3 },
      { question: "What's the WiFi password?", model: null, count: 1 },
      { question: "password wifi", model: null, count: 1 },
      { question: "wifi password", model: null, count: 2 },
      { question: "wifi password", model: "ovhcloud-data-processing", count: 1 },
      { question: "who polishes the quantum teapot", model: null, count: 1 },
    ]);
    expect(groups).toEqual([
      { question: "what is the wifi password", count: 4, model: null },
      { question: "wifi password", count: 3, model: null },
      { question: "who polishes the quantum teapot", count: 1, model: null },
      { question: "wifi password", count: 1, model: "ovhcloud-data-processing" },
    ]);
  });

  it("reads --since as a period or a date", () => {
    const now = Date.parse("2026-11-30T00:00:00Z");
    expect(parseSince("30d", now)).toBe(now - 30 * DAY_MS);
    expect(parseSince("2w", now)).toBe(now - 14 * DAY_MS);
    expect(parseSince("2026-11-01", now)).toBe(Date.parse("2026-11-01"));
    expect(parseSince("lately", now)).toBeUndefined();
  });
});

describe.each(ENGINES)("who-owns gaps on %s", (engineName) => {
  let database: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    database = testDatabase(engineName);
    store = await Store.open(database.settings);
    const recorder = createStoreRecorder(store, quiet);
    const ask = (question: string, user: string, surface: "slash" | "dm" = "slash") => {
      const answer = engine.ask(question);
      const top = answer.matches[0];
      recorder.asked({
        surface,
        team: "T1",
        user,
        question,
        answered: answer.answered,
        model: answer.answered ? top?.model : answer.model,
        rowId: answer.answered ? top?.rowId : undefined,
        score: top?.score,
      });
      return answer;
    };
    const restart = ask("who can restart my app?", "U1");
    ask("who can restart my app", "U2");
    ask("what is the wifi password", "U1");
    ask("What is the WiFi password?", "U2");
    ask("what's the wifi password", "U3");
    ask("who polishes the quantum teapot", "U1");
    ask("is the blorp backed up", "U4");
    const top = restart.matches[0];
    if (!restart.answered || !top) throw new Error("the shipped data should answer this");
    recorder.voted({
      surface: "slash",
      team: "T1",
      user: "U1",
      model: top.model,
      rowId: top.rowId,
      vote: "down",
    });
    recorder.commented({
      surface: "slash",
      team: "T1",
      user: "U1",
      model: top.model,
      rowId: top.rowId,
      comment: "I meant a database, not an app",
    });
    await recorder.flush();
  });

  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it("prints the report as issue 11's JSON: counts, groups with an example, 👎 with comments, rows, suggestions", async () => {
    const { code, out } = await run((io) => gapsCommand({ json: true }, () => engine, io, database.env));
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(Object.keys(report)).toEqual([
      "since",
      "questions",
      "unanswered",
      "downvoted",
      "rows",
      "suggestions",
    ]);
    expect(Date.parse(report.since)).toBeGreaterThan(Date.now() - 31 * DAY_MS);
    expect(report.questions).toBe(7);
    expect(report.unanswered).toContainEqual({
      question: "is the blorp backed up",
      count: 1,
      model: null,
    });
    expect(report.unanswered[0]).toEqual({
      question: expect.stringMatching(/wifi password/i),
      count: 3,
      model: null,
    });
    expect(report.unanswered).toContainEqual({
      question: "who polishes the quantum teapot",
      count: 1,
      model: null,
    });
    const restartRow = engine.ask("who can restart my app?").matches[0];
    expect(report.downvoted).toEqual([
      {
        model: restartRow?.model,
        rowId: restartRow?.rowId,
        count: 1,
        comments: ["I meant a database, not an app"],
      },
    ]);
    expect(report.rows[0]).toEqual({ model: restartRow?.model, rowId: restartRow?.rowId, asked: 2 });
    const rowCount = engine.catalogue.models.reduce((sum, model) => sum + model.rows.length, 0);
    expect(report.rows).toHaveLength(rowCount);
    expect(report.rows.filter((row: { asked: number }) => row.asked === 0)).toHaveLength(rowCount - 1);
    // "blorp" is a word no row knows; without it the question finds the backups row.
    const backups = engine.ask("is the backed up");
    expect(backups.answered).toBe(true);
    expect(report.suggestions).toContainEqual({ word: "blorp", rows: [backups.matches[0]?.rowId] });
  });

  it("--model keeps one model's questions and rows; --since in the future finds nothing", async () => {
    const other = engine.catalogue.models.find((model) => model.id === "2i2c-hubs");
    const { out } = await run((io) =>
      gapsCommand({ json: true, model: "2i2c-hubs" }, () => engine, io, database.env),
    );
    const report = JSON.parse(out);
    expect(report.questions).toBe(0);
    expect(report.downvoted).toEqual([]);
    expect(report.rows).toHaveLength(other?.rows.length ?? -1);
    const later = new Date(Date.now() + DAY_MS).toISOString().slice(0, 10);
    const empty = JSON.parse(
      (await run((io) => gapsCommand({ json: true, since: later }, () => engine, io, database.env))).out,
    );
    expect(empty).toMatchObject({ questions: 0, unanswered: [], downvoted: [], suggestions: [] });
  });

  it("--csv gives one table with a header and quoted text; the plain report reads as sections", async () => {
    const csv = (await run((io) => gapsCommand({ csv: true }, () => engine, io, database.env))).out.split(
      "\n",
    );
    expect(csv[0]).toBe("kind,model,row_id,text,count");
    expect(csv).toContain("unanswered,,,who polishes the quantum teapot,1");
    expect(
      csv.some((line) => line.startsWith("downvoted,") && line.includes('"I meant a database, not an app"')),
    ).toBe(true);
    const text = (await run((io) => gapsCommand({}, () => engine, io, database.env))).out;
    expect(text).toContain("Questions since");
    expect(text).toContain("who polishes the quantum teapot");
    expect(text).toContain("blorp");
  });

  it("refuses a bad --since or an unknown --model with a clear message", async () => {
    await expect(
      gapsCommand({ since: "lately" }, () => engine, { out() {}, err() {} }, database.env),
    ).rejects.toThrow(/--since "lately"/);
    await expect(
      gapsCommand({ model: "nope" }, () => engine, { out() {}, err() {} }, database.env),
    ).rejects.toThrow(/no model called "nope"/);
  });

  it("`who-owns purge` deletes text older than the retention, keeping the counts", async () => {
    const old = Date.now() - 40 * DAY_MS;
    await store.write([
      {
        table: "questions",
        row: {
          id: "old-1",
          at: old,
          surface: "slash",
          team: "T1",
          channel: "C",
          user_hash: null,
          question: "an old question",
          model: null,
          row_id: null,
          answered: 0,
          score: null,
        },
      },
    ]);
    const { code, out } = await run((io) => purgeCommand({ json: true }, io, database.env));
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ questions: 1, retentionDays: 30 });
    const row = await store.db
      .selectFrom("questions")
      .select("question")
      .where("id", "=", "old-1")
      .executeTakeFirst();
    expect(row).toEqual({ question: null });
  });
});

describe("gaps without a store", () => {
  it("says nothing is recorded yet where the SQLite file does not exist, and that STORE=off records nothing", async () => {
    const missing = await run((io) =>
      gapsCommand({}, () => engine, io, { WHO_OWNS_STATE_DIR: "/nonexistent/who-owns" }),
    );
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/nothing recorded yet/);
    const off = await run((io) => gapsCommand({}, () => engine, io, { STORE: "off" }));
    expect(off.code).toBe(1);
    expect(off.err).toMatch(/STORE=off/);
  });
});

describe("who-owns ask --record", () => {
  it.each(ENGINES)(
    "records the command line's questions (surface cli) into the store on %s",
    async (engineName) => {
      const { execFile } = await import("node:child_process");
      const { promisify } = await import("node:util");
      const database = testDatabase(engineName);
      try {
        const run = promisify(execFile);
        const env = { PATH: process.env.PATH ?? "", ...database.env };
        await run(process.execPath, ["bin/who-owns.js", "ask", "who deploys patches?", "--record"], { env });
        await run(process.execPath, ["bin/who-owns.js", "ask", "is the blorp backed up", "--record"], {
          env,
        }).catch((error: { code?: number }) => expect(error.code).toBe(1));
        await run(process.execPath, ["bin/who-owns.js", "ask", "not recorded without the flag"], {
          env,
        }).catch(() => {});
        const store = await Store.open(database.settings);
        try {
          const rows = await store.db
            .selectFrom("questions")
            .select(["surface", "question", "answered"])
            .orderBy("question")
            .execute();
          expect(rows).toEqual([
            { surface: "cli", question: "is the blorp backed up", answered: 0 },
            { surface: "cli", question: "who deploys patches?", answered: 1 },
          ]);
        } finally {
          await store.close();
        }
      } finally {
        await database.drop();
      }
    },
    60_000,
  );
});
