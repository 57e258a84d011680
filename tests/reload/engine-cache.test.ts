// The CLI's cache of parsed data: a hit answers exactly as a fresh load does, any change to the data is a
// miss, bad data is never served from it, and a damaged cache only costs the ordinary load.
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import { afterEach, describe, expect, it } from "vitest";
import { loadEngine } from "../../src/answer/load.ts";
import { loadQuestions } from "../../src/eval/questions.ts";
import { DataError } from "../../src/model/errors.ts";
import { DEFAULT_DATA_DIR, loadCatalogue } from "../../src/model/load.ts";
import { loadEngineCached } from "../../src/reload/engine-cache.ts";
import { loadLexicon } from "../../src/search/lexicon.ts";

const QUESTIONS = fileURLToPath(new URL("../eval/questions.yml", import.meta.url));

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

function copyOfShippedData(): string {
  const dir = tempDir("who-owns-cache-data-");
  cpSync(DEFAULT_DATA_DIR, dir, { recursive: true });
  return dir;
}

const entries = (cacheDir: string) => readdirSync(cacheDir).filter((name) => name.endsWith(".v8"));

describe("the CLI's engine cache", () => {
  it("holds exactly what a fresh load parses, and a hit answers every eval question as a fresh load does", () => {
    const cacheDir = tempDir("who-owns-cache-");
    loadEngineCached(DEFAULT_DATA_DIR, cacheDir); // miss: loads and writes
    const [entry] = entries(cacheDir);
    expect(entry).toBeDefined();
    const stored = deserialize(readFileSync(join(cacheDir, entry ?? "")));
    expect(stored).toStrictEqual({
      catalogue: loadCatalogue(DEFAULT_DATA_DIR),
      lexicon: loadLexicon(DEFAULT_DATA_DIR),
    });
    const fresh = loadEngine(DEFAULT_DATA_DIR);
    const cached = loadEngineCached(DEFAULT_DATA_DIR, cacheDir); // hit
    const questions = loadQuestions(QUESTIONS);
    expect(questions.length).toBeGreaterThan(30);
    for (const { q } of questions) expect(cached.ask(q), q).toEqual(fresh.ask(q));
  });

  it("misses when a data file changes, so an edit is served at once", () => {
    const dataDir = copyOfShippedData();
    const cacheDir = tempDir("who-owns-cache-");
    const before = loadEngineCached(dataDir, cacheDir).ask("who can restart my app?");
    expect(before.matches[0]?.responsibility).toBe("Application restarts");
    const model = join(dataDir, "models", "moj-analytical-platform.yml");
    writeFileSync(model, readFileSync(model, "utf8").replace("Application restarts", "Application reboots"));
    const after = loadEngineCached(dataDir, cacheDir).ask("who can restart my app?");
    expect(after.matches[0]?.responsibility).toBe("Application reboots");
    expect(entries(cacheDir)).toHaveLength(2);
  });

  it("never serves bad data: a broken file is refused with its line even after a good run was cached", () => {
    const dataDir = copyOfShippedData();
    const cacheDir = tempDir("who-owns-cache-");
    loadEngineCached(dataDir, cacheDir);
    writeFileSync(join(dataDir, "models", "2i2c-hubs.yml"), "id: 2i2c-hubs\nname: [unclosed\n");
    expect(() => loadEngineCached(dataDir, cacheDir)).toThrow(DataError);
    expect(() => loadEngineCached(dataDir, cacheDir)).toThrow(/2i2c-hubs\.yml:\d+/);
    expect(entries(cacheDir)).toHaveLength(1);
  });

  it("trusts only a folder others cannot write: a planted entry in a shared folder is ignored", () => {
    const cacheDir = tempDir("who-owns-cache-");
    loadEngineCached(DEFAULT_DATA_DIR, cacheDir);
    const [entry] = entries(cacheDir);
    const planted = structuredClone(deserialize(readFileSync(join(cacheDir, entry ?? "")))) as {
      catalogue: { models: { rows: { responsibility: string }[] }[] };
    };
    for (const model of planted.catalogue.models)
      for (const row of model.rows) row.responsibility = "Planted by someone else";
    writeFileSync(join(cacheDir, entry ?? ""), serialize(planted));
    chmodSync(cacheDir, 0o777);
    const answer = loadEngineCached(DEFAULT_DATA_DIR, cacheDir).ask("who can restart my app?");
    expect(answer.matches[0]?.responsibility).toBe("Application restarts");
  });

  it("loads the ordinary way when the cache is damaged or cannot be written", () => {
    const cacheDir = tempDir("who-owns-cache-");
    loadEngineCached(DEFAULT_DATA_DIR, cacheDir);
    const [entry] = entries(cacheDir);
    writeFileSync(join(cacheDir, entry ?? ""), "not a V8 serialisation");
    expect(loadEngineCached(DEFAULT_DATA_DIR, cacheDir).ask("DPIA").answered).toBe(true);
    const unwritable = join(cacheDir, entry ?? "", "below-a-file");
    expect(loadEngineCached(DEFAULT_DATA_DIR, unwritable).ask("DPIA").answered).toBe(true);
  });
});
