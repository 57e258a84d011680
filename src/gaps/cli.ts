// `who-owns gaps` and `who-owns purge`: the store the app records into, read from the same settings
// (WHO_OWNS_STATE_DIR, or DATABASE_URL and DATABASE_SCHEMA).
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Engine } from "../answer/engine.ts";
import { SQLITE_FILE } from "../store/db.ts";
import { readStoreSettings } from "../store/settings.ts";
import { Store } from "../store/store.ts";
import { StoreUsageError } from "./errors.ts";
import { gapsCsv, renderGaps } from "./render.ts";
import { gapsReport, parseSince } from "./report.ts";

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export { StoreUsageError };

/** Opens the configured store, or explains why there is none (exit 1). */
async function openConfigured(env: Record<string, string | undefined>, io: Io): Promise<Store | undefined> {
  const { settings, problems } = readStoreSettings(env);
  if (!settings) throw new StoreUsageError(problems.map((p) => `${p.setting}: ${p.problem}`).join("; "));
  if (!settings.enabled) {
    io.err("who-owns: the store is off (STORE=off): nothing is recorded.");
    return undefined;
  }
  if (settings.engine === "sqlite" && !existsSync(join(settings.stateDir, SQLITE_FILE))) {
    io.err(
      `who-owns: nothing recorded yet: no store at ${join(settings.stateDir, SQLITE_FILE)} (set WHO_OWNS_STATE_DIR, or DATABASE_URL for PostgreSQL).`,
    );
    return undefined;
  }
  try {
    return await Store.open(settings);
  } catch (error) {
    io.err(`who-owns: cannot open the store: ${(error as Error).message}`);
    return undefined;
  }
}

export async function gapsCommand(
  values: {
    since?: string | undefined;
    model?: string | undefined;
    json?: boolean | undefined;
    csv?: boolean | undefined;
  },
  engine: () => Engine,
  io: Io,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const since = parseSince(values.since ?? "30d");
  if (since === undefined) {
    throw new StoreUsageError(
      `--since "${values.since}" is not a period (30d, 12h, 2w) or a date (2026-11-01)`,
    );
  }
  if (values.json && values.csv) throw new StoreUsageError("choose one of --json and --csv");
  let model: string | undefined;
  if (values.model) {
    model = engine().findModel(values.model)?.id;
    if (!model) throw new StoreUsageError(`no model called "${values.model}" (see: who-owns models)`);
  }
  const store = await openConfigured(env, io);
  if (!store) return 1;
  try {
    const report = await gapsReport(store, engine(), { since, ...(model ? { model } : {}) });
    io.out(values.json ? JSON.stringify(report) : values.csv ? gapsCsv(report) : renderGaps(report));
    return 0;
  } finally {
    await store.close();
  }
}

export async function purgeCommand(
  values: { json?: boolean | undefined },
  io: Io,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const store = await openConfigured(env, io);
  if (!store) return 1;
  try {
    const result = await store.purge();
    const report = {
      ...result,
      cutoff: new Date(result.cutoff).toISOString(),
      retentionDays: store.settings.retentionDays,
    };
    io.out(
      values.json
        ? JSON.stringify(report)
        : `Deleted the text of ${result.questions} questions, ${result.choices} choices and ${result.feedback} feedback entries recorded before ${report.cutoff} (QUESTION_RETENTION_DAYS=${report.retentionDays}).`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
