// Data changes without a restart: a valid change is served on the next question; an invalid one is refused
// with its file, line and field logged once, and the last good data keeps serving.
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Engine } from "../../src/answer/engine.ts";
import { DataError } from "../../src/model/errors.ts";
import {
  createEngineHolder,
  type EngineHolder,
  type Fields,
  type ReloadLogger,
  reloadOn,
} from "../../src/reload/index.ts";

const SHIPPED = fileURLToPath(new URL("../../data/", import.meta.url));
const AP = "moj-analytical-platform.yml";
const DEBOUNCE = 120;
const WAIT = { timeout: 8000, interval: 20 };

interface Record_ {
  level: "info" | "warn" | "error";
  message: string;
  fields: Fields;
}

class Logs implements ReloadLogger {
  readonly records: Record_[] = [];
  info(message: string, fields: Fields = {}) {
    this.records.push({ level: "info", message, fields });
  }
  warn(message: string, fields: Fields = {}) {
    this.records.push({ level: "warn", message, fields });
  }
  error(message: string, fields: Fields = {}) {
    this.records.push({ level: "error", message, fields });
  }
  at(level: Record_["level"]): Record_[] {
    return this.records.filter((record) => record.level === level);
  }
}

const GOLDFISH_ROW = [
  "  - section: Documentation",
  "    responsibility: Feeding the office goldfish",
  "    assignments:",
  "      User: ✅",
  "    notes: ''",
  "",
].join("\n");

function feedsGoldfish(engine: Engine): boolean {
  const answer = engine.ask("who feeds the office goldfish?");
  return answer.answered && answer.matches[0]?.responsibility === "Feeding the office goldfish";
}

function ownsGuidance(engine: Engine): boolean {
  const answer = engine.ask("who owns the user guidance");
  return (
    answer.answered && answer.matches[0]?.responsibility === "Owning the Analytical Platform User Guidance"
  );
}

const rowsOf = (engine: Engine, id: string) =>
  engine.catalogue.models.find((model) => model.id === id)?.rows.length;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const dirs: string[] = [];
const holders: EngineHolder[] = [];

function copyData(): string {
  const dir = mkdtempSync(join(tmpdir(), "who-owns-reload-"));
  cpSync(join(SHIPPED, "models"), join(dir, "models"), { recursive: true });
  for (const file of ["synonyms.yml", "channels.yml"]) cpSync(join(SHIPPED, file), join(dir, file));
  dirs.push(dir);
  return dir;
}

function start(options: { watch?: boolean } = {}) {
  const dataDir = copyData();
  const logs = new Logs();
  const holder = createEngineHolder({
    dataDir,
    logger: logs,
    watch: options.watch ?? true,
    debounceMs: DEBOUNCE,
  });
  holders.push(holder);
  const path = (...parts: string[]) => join(dataDir, ...parts);
  const original = readFileSync(path("models", AP), "utf8");
  return { dataDir, logs, holder, path, original };
}

afterEach(() => {
  for (const holder of holders.splice(0)) holder.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("a valid change", () => {
  it("is served on the next question, without a restart", async () => {
    const { holder, logs, path, original } = start();
    expect(feedsGoldfish(holder.current())).toBe(false);
    const rows = rowsOf(holder.current(), "moj-analytical-platform") ?? 0;

    writeFileSync(path("models", AP), original + GOLDFISH_ROW);

    await vi.waitFor(() => expect(feedsGoldfish(holder.current())).toBe(true), WAIT);
    expect(rowsOf(holder.current(), "moj-analytical-platform")).toBe(rows + 1);
    expect(holder.status()).toMatchObject({ version: 2, watching: true });
    expect(holder.status().lastError).toBeUndefined();
    const reloaded = logs.at("info").find((record) => record.message === "data reloaded");
    expect(reloaded?.fields).toMatchObject({ version: 2, models: 3, reason: "files changed" });
    expect(logs.at("error")).toEqual([]);
  });

  it("to synonyms.yml is served too", async () => {
    const { holder, path } = start();
    expect(holder.current().ask("who looks after the fishbowl thing").matches[0]?.responsibility).not.toBe(
      "Feeding the office goldfish",
    );
    const synonyms = readFileSync(path("synonyms.yml"), "utf8");
    writeFileSync(path("synonyms.yml"), `${synonyms.trimEnd()}\n  - [goldfish, fishbowl]\n`);
    writeFileSync(path("models", AP), readFileSync(path("models", AP), "utf8") + GOLDFISH_ROW);

    await vi.waitFor(
      () =>
        expect(holder.current().ask("who feeds the fishbowl").matches[0]?.responsibility).toBe(
          "Feeding the office goldfish",
        ),
      WAIT,
    );
  });

  it("leaves questions already being answered with the engine they started on", async () => {
    const { holder, path, original } = start();
    const before = holder.current();
    writeFileSync(path("models", AP), original + GOLDFISH_ROW);
    await vi.waitFor(() => expect(holder.current()).not.toBe(before), WAIT);
    expect(ownsGuidance(before)).toBe(true);
    expect(feedsGoldfish(before)).toBe(false);
  });
});

describe("an invalid change", () => {
  it("is refused with the file, line and field logged, and the last good data keeps serving", async () => {
    const { holder, logs, path, original } = start();
    const served = holder.current();
    const broken = original.replace("Analytical Platform: ✅", "Analytical Platform: XYZ");
    const line = broken.split("\n").findIndex((text) => text.includes("XYZ")) + 1;

    writeFileSync(path("models", AP), broken);

    const refusal = await vi.waitFor(() => {
      const found = logs.at("error")[0];
      expect(found).toBeDefined();
      return found as Record_;
    }, WAIT);
    expect(refusal.message).toMatch(/refused.*last good/);
    expect(refusal.fields).toMatchObject({
      line,
      field: "rows[0].assignments.Analytical Platform",
      version: 1,
    });
    expect(String(refusal.fields.file)).toMatch(/models\/moj-analytical-platform\.yml$/);
    expect(String(refusal.fields.problem)).toMatch(/XYZ/);
    expect(holder.current()).toBe(served);
    expect(ownsGuidance(holder.current())).toBe(true);
    expect(holder.status()).toMatchObject({ version: 1, lastError: { line } });
  });

  it("is logged once however often the same broken file is saved", async () => {
    const { holder, logs, path, original } = start();
    const broken = original.replace("Analytical Platform: ✅", "Analytical Platform: XYZ");
    writeFileSync(path("models", AP), broken);
    await vi.waitFor(() => expect(logs.at("error")).toHaveLength(1), WAIT);
    for (let save = 0; save < 3; save++) {
      writeFileSync(path("models", AP), save % 2 === 0 ? `${broken}\n` : broken);
      await sleep(DEBOUNCE * 2);
    }
    expect(holder.reload().ok).toBe(false);
    expect(logs.at("error")).toHaveLength(1);

    writeFileSync(path("models", AP), original + GOLDFISH_ROW);
    await vi.waitFor(() => expect(feedsGoldfish(holder.current())).toBe(true), WAIT);
    expect(holder.status().lastError).toBeUndefined();
  });

  it("to synonyms.yml is refused the same way", async () => {
    const { holder, logs, path } = start();
    const served = holder.current();
    writeFileSync(path("synonyms.yml"), "stopwords: [who]\nsynonyms:\n  - [lonely]\n");
    const refusal = await vi.waitFor(() => {
      const found = logs.at("error")[0];
      expect(found).toBeDefined();
      return found as Record_;
    }, WAIT);
    expect(refusal.fields).toMatchObject({ line: 3, field: "synonyms[0]" });
    expect(String(refusal.fields.file)).toMatch(/synonyms\.yml$/);
    expect(holder.current()).toBe(served);
  });
});

describe("a half-written file", () => {
  it("is refused while truncated, and the full file is served once it is written", async () => {
    const { holder, logs, path, original } = start();
    const full = original + GOLDFISH_ROW;
    // Cut just after a key, before its value: YAML that parses, but a row that is not a row.
    const cut = full.indexOf("Analytical Platform: ✅", full.length / 2) + "Analytical Platform:".length;
    const rows = rowsOf(holder.current(), "moj-analytical-platform");

    writeFileSync(path("models", AP), full.slice(0, cut));
    await vi.waitFor(() => expect(logs.at("error")).toHaveLength(1), WAIT);
    expect(rowsOf(holder.current(), "moj-analytical-platform")).toBe(rows);
    expect(ownsGuidance(holder.current())).toBe(true);

    writeFileSync(path("models", AP), full);
    await vi.waitFor(() => expect(feedsGoldfish(holder.current())).toBe(true), WAIT);
    expect(holder.status()).toMatchObject({ version: 2 });
    expect(holder.status().lastError).toBeUndefined();
  });

  it("written in pieces faster than the debounce is read once, whole", async () => {
    const { holder, logs, path, original } = start();
    const full = original + GOLDFISH_ROW;
    writeFileSync(path("models", AP), full.slice(0, full.length / 2));
    await sleep(5);
    writeFileSync(path("models", AP), full);
    await vi.waitFor(() => expect(feedsGoldfish(holder.current())).toBe(true), WAIT);
    expect(logs.at("error")).toEqual([]);
    expect(holder.status().version).toBe(2);
  });

  it("written slowly (a chunk every 50 ms, under the debounce) is never served truncated", async () => {
    const { holder, path, original } = start();
    const rows = rowsOf(holder.current(), "moj-analytical-platform") ?? 0;
    const full = original + GOLDFISH_ROW;
    const seen = new Set<number | undefined>();
    const watcher = setInterval(() => seen.add(rowsOf(holder.current(), "moj-analytical-platform")), 2);
    try {
      // A slow writer: a chunk every 50 ms, then the whole file.
      for (let end = 200; end < full.length; end += Math.ceil(full.length / 4)) {
        writeFileSync(path("models", AP), full.slice(0, end));
        await sleep(50);
      }
      writeFileSync(path("models", AP), full);
      await vi.waitFor(() => expect(feedsGoldfish(holder.current())).toBe(true), WAIT);
    } finally {
      clearInterval(watcher);
    }
    seen.add(rowsOf(holder.current(), "moj-analytical-platform"));
    expect([...seen].sort()).toEqual([rows, rows + 1].sort());
  });
});

describe("a file deleted", () => {
  it("and restored at once (a delete-and-recreate) changes nothing", async () => {
    const { holder, logs, path, original } = start();
    const served = holder.current();
    unlinkSync(path("models", AP));
    await sleep(5);
    writeFileSync(path("models", AP), original);
    await sleep(DEBOUNCE * 4);
    expect(holder.current()).toBe(served);
    expect(holder.status().version).toBe(1);
    expect(logs.at("error")).toEqual([]);
  });

  it("for good removes its model; restored, the model is served again", async () => {
    const { holder, path, original } = start();
    unlinkSync(path("models", AP));
    await vi.waitFor(() => expect(holder.current().catalogue.models).toHaveLength(2), WAIT);
    expect(holder.current().findModel("AP")).toBeUndefined();

    writeFileSync(path("models", AP), original);
    await vi.waitFor(() => expect(holder.current().catalogue.models).toHaveLength(3), WAIT);
    expect(ownsGuidance(holder.current())).toBe(true);
  });

  it("that the engine cannot do without (synonyms.yml) is refused until it is back", async () => {
    const { holder, logs, path } = start();
    const served = holder.current();
    const synonyms = readFileSync(path("synonyms.yml"), "utf8");
    unlinkSync(path("synonyms.yml"));
    const refusal = await vi.waitFor(() => {
      const found = logs.at("error")[0];
      expect(found).toBeDefined();
      return found as Record_;
    }, WAIT);
    expect(String(refusal.fields.file)).toMatch(/synonyms\.yml$/);
    expect(String(refusal.fields.problem)).toMatch(/cannot read/);
    expect(holder.current()).toBe(served);

    writeFileSync(path("synonyms.yml"), synonyms);
    await vi.waitFor(() => expect(holder.status().lastError).toBeUndefined(), WAIT);
    // The same files as served: nothing to load again.
    expect(holder.current()).toBe(served);
    expect(logs.at("info").some((record) => record.message === "data is back as served")).toBe(true);
  });

  it("when every model file goes, the folder is refused rather than served empty", async () => {
    const { holder, logs, path } = start();
    const served = holder.current();
    for (const file of ["2i2c-hubs.yml", AP, "ovhcloud-data-processing.yml"])
      unlinkSync(path("models", file));
    await vi.waitFor(() => expect(logs.at("error").length).toBeGreaterThan(0), WAIT);
    expect(logs.at("error")[0]?.fields.problem).toBe("holds no model files");
    expect(holder.current()).toBe(served);
  });
});

describe("models/ replaced by a new folder (as a deploy might swap it)", () => {
  it("is served, and later changes in the new folder are still seen", async () => {
    const { holder, dataDir, path, original } = start();
    const next = join(dataDir, "models.next");
    cpSync(path("models"), next, { recursive: true });
    writeFileSync(join(next, AP), original + GOLDFISH_ROW);
    renameSync(path("models"), join(dataDir, "models.old"));
    renameSync(next, path("models"));
    await vi.waitFor(() => expect(feedsGoldfish(holder.current())).toBe(true), WAIT);

    writeFileSync(path("models", AP), original);
    await vi.waitFor(() => expect(feedsGoldfish(holder.current())).toBe(false), WAIT);
  });
});

describe("reload() and SIGHUP", () => {
  it("reload() serves a valid change when watching is off, and returns a refusal with file, line and field", () => {
    const { holder, path, original } = start({ watch: false });
    expect(holder.status().watching).toBe(false);
    writeFileSync(path("models", AP), original + GOLDFISH_ROW);
    expect(feedsGoldfish(holder.current())).toBe(false);
    expect(holder.reload()).toEqual({ ok: true, version: 2 });
    expect(feedsGoldfish(holder.current())).toBe(true);

    const broken = original.replace("Analytical Platform: ✅", "Analytical Platform: XYZ");
    const line = broken.split("\n").findIndex((text) => text.includes("XYZ")) + 1;
    writeFileSync(path("models", AP), broken);
    const result = holder.reload();
    expect(result).toMatchObject({
      ok: false,
      version: 2,
      error: { line, field: "rows[0].assignments.Analytical Platform" },
    });
    expect(result.error?.file).toMatch(/moj-analytical-platform\.yml$/);
    expect(feedsGoldfish(holder.current())).toBe(true);
  });

  it("reloadOn(holder) reloads on SIGHUP until it is stopped", () => {
    const { holder, path, original } = start({ watch: false });
    const stop = reloadOn(holder);
    try {
      writeFileSync(path("models", AP), original + GOLDFISH_ROW);
      process.emit("SIGHUP", "SIGHUP");
      expect(feedsGoldfish(holder.current())).toBe(true);
    } finally {
      stop();
    }
    writeFileSync(path("models", AP), original);
    expect(process.listenerCount("SIGHUP")).toBe(0);
    expect(feedsGoldfish(holder.current())).toBe(true);
  });

  it("close() stops watching", async () => {
    const { holder, path, original } = start();
    holder.close();
    writeFileSync(path("models", AP), original + GOLDFISH_ROW);
    await sleep(DEBOUNCE * 4);
    expect(feedsGoldfish(holder.current())).toBe(false);
    expect(holder.status().watching).toBe(false);
  });
});

describe("the first load", () => {
  it("throws a DataError naming the file, so a process never starts on bad data", () => {
    const dataDir = copyData();
    const broken = readFileSync(join(dataDir, "models", AP), "utf8").replace("parties:", "partys:");
    writeFileSync(join(dataDir, "models", AP), broken);
    expect(() => createEngineHolder({ dataDir })).toThrow(DataError);
    expect(() => createEngineHolder({ dataDir })).toThrow(/moj-analytical-platform\.yml:\d+/);
  });

  it("serves the shipped data by default", () => {
    const holder = createEngineHolder();
    holders.push(holder);
    expect(
      holder
        .current()
        .catalogue.models.map((model) => model.id)
        .sort(),
    ).toEqual(["2i2c-hubs", "moj-analytical-platform", "ovhcloud-data-processing"]);
  });
});
