// `npm start` (bin/server.js) lands here: read .env and the settings, load the data, start the Slack app,
// stop cleanly on SIGTERM. Bad settings exit 2 with one message naming each; bad data exits 1.
// The data is served through holders: edits to data/ (or WHO_OWNS_DATA_DIR) are picked up without a restart
// (watched, and on SIGHUP); a file that does not load is logged and the last good data keeps serving.
import { existsSync } from "node:fs";
import { type Config, ConfigError, describeConfigError, loadConfig } from "./config.ts";
import { createInsights } from "./gaps/insights.ts";
import { DEFAULT_DATA_DIR } from "./model/load.ts";
import { loadEngineCached } from "./reload/engine-cache.ts";
import {
  createDataHolder,
  createEngineHolder,
  type DataHolder,
  type EngineHolder,
  reloadOn,
} from "./reload/index.ts";
import { announceChanges } from "./slack/announce-changes.ts";
import { createApp } from "./slack/app.ts";
import { type ChannelDefaults, loadChannelDefaults } from "./slack/channels.ts";
import { loggerFor } from "./slack/logger.ts";
import { describeStartError } from "./slack/start-errors.ts";
import { createInstallationStore } from "./store/installations.ts";
import { readStoreSettings } from "./store/settings.ts";
import { type RunningStore, startStore } from "./store/start.ts";

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

if (existsSync(".env")) process.loadEnvFile(".env");

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) fail(2, describeConfigError(error));
  throw error;
}

const storeSettings = readStoreSettings(process.env);
if (storeSettings.problems.length > 0 || !storeSettings.settings) {
  fail(
    2,
    [
      "who-owns cannot open its store: fix these settings (or set STORE=off to record nothing).",
      ...storeSettings.problems.map((p) => `  ${p.setting}: ${p.problem}`),
    ].join("\n"),
  );
}

const logger = loggerFor(config);

if (config.mode === "http" && config.oauth && !storeSettings.settings.enabled) {
  fail(
    2,
    "who-owns: installing through OAuth (SLACK_CLIENT_ID) keeps installations in the store: unset STORE=off.",
  );
}

let running: RunningStore;
try {
  running = await startStore(storeSettings.settings, logger);
} catch (error) {
  fail(
    1,
    `who-owns cannot open its store: ${(error as Error).message}\nCheck DATABASE_URL (or WHO_OWNS_STATE_DIR), or set STORE=off to record nothing.`,
  );
}

const dataDir = config.dataDir ?? DEFAULT_DATA_DIR;
let app: ReturnType<typeof createApp>;
let engines: EngineHolder;
let defaults: DataHolder<ChannelDefaults>;
try {
  const announce = config.changesChannel
    ? announceChanges(() => app.bolt.client, config.changesChannel, logger)
    : undefined;
  engines = createEngineHolder({
    dataDir,
    logger,
    watch: true,
    load: (dir) => loadEngineCached(dir),
    ...(announce ? { onServe: announce } : {}),
  });
  defaults = createDataHolder({
    dataDir,
    logger,
    watch: true,
    load: loadChannelDefaults,
    describe: (value) => ({ channels: value.size }),
    name: "channel defaults",
  });
  app = createApp(config, {
    engine: () => engines.current(),
    channelDefaults: () => defaults.current(),
    logger,
    recorder: running.recorder,
    ...(running.store ? { installations: createInstallationStore(running.store) } : {}),
    ...(running.store && storeSettings.settings.enabled && storeSettings.settings.adminUserIds.length > 0
      ? {
          insights: createInsights(
            running.store,
            () => engines.current(),
            storeSettings.settings.adminUserIds,
            logger,
          ),
        }
      : {}),
  });
} catch (error) {
  fail(1, `who-owns cannot load its data from ${dataDir}: ${(error as Error).message}`);
}
const stopHup = [reloadOn(engines), reloadOn(defaults)];

// A request can never take the process down; anything that slips past Bolt's handlers is logged.
process.on("unhandledRejection", (reason) => {
  logger.error("unhandled rejection", { error: reason instanceof Error ? reason.message : String(reason) });
});

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info("stopping", { signal });
  for (const stop of stopHup) stop();
  engines.close();
  defaults.close();
  app
    .stop()
    .then(() => running.close())
    .then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error("stop failed", { error: (error as Error).message });
        process.exit(1);
      },
    );
};
process.once("SIGTERM", () => shutdown("SIGTERM"));
process.once("SIGINT", () => shutdown("SIGINT"));

try {
  await app.start();
} catch (error) {
  const failure = describeStartError(error, config);
  logger.error("start failed", { error: (error as Error).message });
  fail(failure.exitCode, failure.message);
}
