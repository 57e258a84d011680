// The store as the running app uses it: opened (and migrated) at start, a recorder in front of it, the
// daily purge, and a clean close. STORE=off gives a recorder that keeps nothing.

import { createStoreRecorder, NO_RECORDER, type Recorder } from "./recorder.ts";
import type { StoreSettings } from "./settings.ts";
import { DAY_MS, Store } from "./store.ts";

interface Logger {
  warn(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface RunningStore {
  store: Store | undefined;
  recorder: Recorder;
  close(): Promise<void>;
}

/** Opens the store for the app. Throws when it cannot be opened (the caller says what to set). */
export async function startStore(settings: StoreSettings, logger: Logger): Promise<RunningStore> {
  if (!settings.enabled) {
    logger.info("store off: nothing is recorded");
    return { store: undefined, recorder: NO_RECORDER, close: async () => {} };
  }
  let poolWarned = false;
  const store = await Store.open(settings, (error) => {
    // The recorder says once that writes fail; an idle connection dropping is worth one line too.
    if (poolWarned) return;
    poolWarned = true;
    logger.warn("store connection lost", { error: error.message });
  });
  const recorder = createStoreRecorder(store, logger);
  const purge = async () => {
    try {
      const result = await store.purge();
      logger.info("purge done", { ...result, retentionDays: settings.retentionDays });
    } catch (error) {
      logger.warn("purge failed; it runs again tomorrow", { error: (error as Error).message });
    }
  };
  void purge();
  const daily = setInterval(() => void purge(), DAY_MS);
  daily.unref();
  logger.info("store open", {
    engine: store.engine,
    store: store.where,
    retentionDays: settings.retentionDays,
  });
  return {
    store,
    recorder,
    async close() {
      clearInterval(daily);
      await recorder.close();
      await store.close();
    },
  };
}
