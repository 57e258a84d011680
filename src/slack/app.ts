// createApp(config, deps): the Bolt app, wired but not started. Importing this file does nothing.
// HTTP mode listens on PORT (POST /slack/events, GET /healthz); Socket Mode connects out and serves
// GET /healthz on HEALTH_PORT. Nothing is shared between instances but the data.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, type webApi } from "@slack/bolt";
import type { Engine } from "../answer/engine.ts";
import type { Config } from "../config.ts";
import type { Insights } from "../gaps/insights.ts";
import type { StoredInstallations } from "../store/installations.ts";
import { authOptions, registerUninstall } from "../store/oauth.ts";
import { NO_RECORDER, type Recorder } from "../store/recorder.ts";
import { createCaller, DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS, RETRY_CONFIG } from "./calls.ts";
import { type ChannelDefaults, NO_DEFAULTS } from "./channels.ts";
import { ChannelDirectory, type DirectoryOptions } from "./directory.ts";
import { createHealthServer, type HealthServer, healthHandler } from "./health.ts";
import { registerListeners } from "./listeners/index.ts";
import { type AppLogger, boltLevel, loggerFor, quietClientLogger } from "./logger.ts";
import { dropRedeliveries, trackInFlight } from "./middleware/deliveries.ts";
import { type Replier, replyHere, replyOnWorker } from "./replier.ts";
import { createResponder } from "./respond.ts";
import { getter, type Services, type Source } from "./services.ts";

export interface AppDeps {
  /** The engine, or a getter for it: a data reload can swap it without a restart. */
  engine: Source<Engine>;
  logger?: AppLogger;
  /** Channel → default model (data/channels.yml), or a getter for it. */
  channelDefaults?: Source<ChannelDefaults>;
  /** Longest Retry-After (seconds) worth waiting for once before telling the person (default 5). */
  maxRateLimitWaitSeconds?: number;
  directory?: DirectoryOptions;
  /** How long stop() waits for requests still being answered (default 5 s). */
  drainMs?: number;
  /** How long one post to a response URL may take before it is given up (default 8 s). */
  respondTimeoutMs?: number;
  /** How long the answer worker may take before the main thread answers instead (default 1 s). */
  answerTimeoutMs?: number;
  /** Where questions, choices and votes are recorded (the store); nothing is recorded when unset. */
  recorder?: Recorder;
  /** Installations (OAuth, several workspaces), kept in the store; needed when config.oauth is set. */
  installations?: StoredInstallations;
  /** The Home tab's Insights for ADMIN_USER_IDS, from the store. */
  insights?: Insights;
}

export interface WhoOwnsApp {
  readonly bolt: App;
  readonly mode: Config["mode"];
  /** Once started: the port of /slack/events and /healthz (HTTP), or of /healthz (Socket Mode). */
  readonly port: number | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when every request received so far has been answered (for tests and draining). */
  idle(): Promise<void>;
}

export function createApp(config: Config, deps: AppDeps): WhoOwnsApp {
  const logger = deps.logger ?? loggerFor(config);
  const engine = getter(deps.engine);
  const call = createCaller(logger, deps.maxRateLimitWaitSeconds ?? DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS);
  const responder = createResponder(
    deps.respondTimeoutMs !== undefined ? { timeoutMs: deps.respondTimeoutMs } : {},
  );
  // Questions are answered on the main thread until start() has the worker running (and after stop()).
  let replier: Replier = replyHere(engine);
  const services: Services = {
    engine,
    reply: (request, options) => replier.reply(request, options),
    channelDefaults: getter(deps.channelDefaults ?? NO_DEFAULTS),
    directory: new ChannelDirectory(logger, call, deps.directory),
    logger,
    call,
    respondTo: responder.forUrl,
    recorder: deps.recorder ?? NO_RECORDER,
    ...(deps.insights ? { insights: deps.insights } : {}),
  };
  let stopping = false;

  const health = healthHandler(config.mode, engine, () => stopping);

  const clientOptions: webApi.WebClientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: { ...RETRY_CONFIG },
    // A 429 comes back at once; createCaller retries it once if the wait is short (not the library's 30 minutes).
    rejectRateLimitedCalls: true,
    timeout: 10_000,
  };
  const common = {
    ...authOptions(config, deps.installations, clientOptions),
    // Bolt hands this logger to the Web API client too. The client's own warnings about a failed call
    // ("http request failed") are kept to debug: our listeners log each failure once, with what it meant.
    logger: quietClientLogger(logger),
    logLevel: boltLevel(config.logLevel),
    clientOptions,
    // auth.test runs in start(), not here: creating the app has no side effects.
    deferInitialization: true,
    // Stateless: no conversation store, so any instance can serve any request.
    convoStore: false as const,
    ignoreSelf: true,
  };
  const bolt =
    config.mode === "http"
      ? new App({
          ...common,
          signingSecret: config.signingSecret,
          // Ack first, answer after: commands and events are acknowledged within Slack's 3 seconds.
          processBeforeResponse: false,
          customRoutes: [{ path: "/healthz", method: ["GET"], handler: health }],
        })
      : new App({ ...common, appToken: config.appToken, socketMode: true });

  const inFlight = trackInFlight();
  bolt.use(dropRedeliveries(logger));
  bolt.use(inFlight.middleware);
  registerListeners(bolt, services);
  registerUninstall(bolt, deps.installations, logger);
  // The process never dies on a request: whatever escapes a listener is logged here and dropped.
  bolt.error(async (error) => {
    logger.error("unhandled error in a request", {
      error: error.message,
      code: (error as { code?: string }).code,
    });
  });

  let port: number | undefined;
  let healthServer: HealthServer | undefined;
  let started = false;

  return {
    bolt,
    mode: config.mode,
    get port() {
      return port;
    },
    async start() {
      await bolt.init();
      if (config.mode === "http") {
        const server = (await bolt.start({
          port: config.port,
          ...(config.host ? { host: config.host } : {}),
        })) as Server;
        port = (server.address() as AddressInfo).port;
      } else {
        healthServer = createHealthServer(health);
        port = await healthServer.listen(config.healthPort, config.host);
        await bolt.start();
      }
      started = true;
      // Once listening: until the worker holds the data, the main thread answers, as it would after a reload.
      if (config.answerThread === "worker" && !stopping)
        replier = replyOnWorker({
          engine,
          logger,
          ...(deps.answerTimeoutMs !== undefined ? { timeoutMs: deps.answerTimeoutMs } : {}),
        });
      logger.info("who-owns started", {
        mode: config.mode,
        port,
        apiUrl: config.apiUrl ?? "https://slack.com/api/",
      });
    },
    idle: () => inFlight.idle(),
    async stop() {
      if (stopping) return;
      stopping = true;
      if (started) {
        try {
          await bolt.stop();
        } catch (error) {
          logger.warn("stopping the receiver failed", { error: (error as Error).message });
        }
      }
      await inFlight.drain(deps.drainMs ?? 5000);
      const answering = replier;
      replier = replyHere(engine);
      await answering.close();
      await healthServer?.close();
      responder.close();
      logger.info("who-owns stopped", { mode: config.mode });
    },
  };
}
