// createApp(config, deps): the Bolt app, wired but not started. Importing this file does nothing.
// HTTP mode listens on PORT (POST /slack/events, GET /healthz); Socket Mode connects out and serves
// GET /healthz on HEALTH_PORT. Nothing is shared between instances but the data.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { App, type webApi } from "@slack/bolt";
import type { Engine } from "../answer/engine.ts";
import { type Config, secretsOf } from "../config.ts";
import type { Insights } from "../gaps/insights.ts";
import type { StoredInstallations } from "../store/installations.ts";
import { authOptions, registerUninstall } from "../store/oauth.ts";
import { NO_RECORDER, type Recorder } from "../store/recorder.ts";
import { createCaller, DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS, RETRY_CONFIG } from "./calls.ts";
import { type ChannelDefaults, NO_DEFAULTS } from "./channels.ts";
import { ChannelDirectory, type DirectoryOptions } from "./directory.ts";
import { registerListeners } from "./listeners/index.ts";
import { type AppLogger, boltLevel, createLogger, quietClientLogger } from "./logger.ts";
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

/** How many recent event ids to remember, to drop a delivery seen twice by this instance. */
const SEEN_EVENTS = 2000;

function listen(server: Server, port: number, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port, ...(host ? { host } : {}) }, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function createApp(config: Config, deps: AppDeps): WhoOwnsApp {
  const logger =
    deps.logger ??
    createLogger({
      level: config.logLevel,
      secrets: secretsOf(config),
    });
  const engine = getter(deps.engine);
  const call = createCaller(logger, deps.maxRateLimitWaitSeconds ?? DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS);
  const responder = createResponder(
    deps.respondTimeoutMs !== undefined ? { timeoutMs: deps.respondTimeoutMs } : {},
  );
  const services: Services = {
    engine,
    channelDefaults: getter(deps.channelDefaults ?? NO_DEFAULTS),
    directory: new ChannelDirectory(logger, call, deps.directory),
    logger,
    call,
    respondTo: responder.forUrl,
    recorder: deps.recorder ?? NO_RECORDER,
    ...(deps.insights ? { insights: deps.insights } : {}),
  };
  let stopping = false;

  const health = (_req: IncomingMessage, res: ServerResponse) => {
    let body: Record<string, unknown>;
    let status = 200;
    try {
      const models = engine().catalogue.models;
      body = {
        status: stopping ? "stopping" : "ok",
        mode: config.mode,
        models: models.length,
        rows: models.reduce((sum, model) => sum + model.rows.length, 0),
      };
      if (stopping) status = 503;
    } catch (error) {
      status = 503;
      body = { status: "error", error: (error as Error).message };
    }
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify(body));
  };

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

  // Retries: Slack redelivers an event it thinks was not acknowledged (x-slack-retry-num over HTTP,
  // retry_attempt > 0 over Socket Mode). We ack within milliseconds, so a retry means the first delivery
  // reached some instance: it is acknowledged and dropped, never answered a second time. A delivery seen
  // twice by this instance (same event_id) is dropped too, from a bounded memory of recent ids.
  const seen = new Map<string, true>();
  const inflight = new Set<Promise<unknown>>();
  bolt.use(async ({ body, context, next }) => {
    const event = body as { type?: string; event_id?: string; event?: { type?: string } };
    if (event.type === "event_callback") {
      const retryNum = typeof context.retryNum === "number" ? context.retryNum : 0;
      if (retryNum > 0) {
        logger.info("event retry dropped", {
          eventId: event.event_id,
          event: event.event?.type,
          retryNum,
          retryReason: context.retryReason,
        });
        return;
      }
      if (event.event_id) {
        if (seen.has(event.event_id)) {
          logger.info("duplicate event dropped", { eventId: event.event_id, event: event.event?.type });
          return;
        }
        seen.set(event.event_id, true);
        if (seen.size > SEEN_EVENTS) seen.delete(seen.keys().next().value as string);
      }
    }
    const work = next();
    inflight.add(work);
    try {
      await work;
    } finally {
      inflight.delete(work);
    }
  });
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
  let healthServer: Server | undefined;
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
        healthServer = createServer((req, res) => {
          if (req.method === "GET" && req.url?.split("?")[0] === "/healthz") health(req, res);
          else {
            res.writeHead(404);
            res.end();
          }
        });
        port = await listen(healthServer, config.healthPort, config.host);
        await bolt.start();
      }
      started = true;
      logger.info("who-owns started", {
        mode: config.mode,
        port,
        apiUrl: config.apiUrl ?? "https://slack.com/api/",
      });
    },
    async idle() {
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
    },
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
      const drain = Promise.allSettled([...inflight]);
      const timeout = new Promise((resolve) => setTimeout(resolve, deps.drainMs ?? 5000).unref());
      await Promise.race([drain, timeout]);
      if (healthServer) {
        const server = healthServer;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
      }
      responder.close();
      logger.info("who-owns stopped", { mode: config.mode });
    },
  };
}
