// Where a question becomes a message. On a worker thread by default: Bolt's thread then only checks
// signatures, acknowledges and posts, and a slow question (a very large catalogue) never holds up the
// acknowledgement of others. The worker answers with copies of the engine and of the channel list, sent when
// they change; whenever its copy is not the one being served (just reloaded, still loading, the worker gone
// or slow), the main thread answers instead, so every answer comes from the data served at that moment.
import { Worker } from "node:worker_threads";
import type { Engine } from "../answer/engine.ts";
import type { Catalogue } from "../model/types.ts";
import type { Lexicon } from "../search/lexicon.ts";
import type { AppLogger } from "./logger.ts";
import { type ReplyMeta, type ReplyOptions, type Request, reply } from "./reply.ts";

export interface Made {
  message: ReturnType<typeof reply>["message"];
  meta: ReplyMeta;
}

/** A message, and the thread that made it (for the logs). */
export interface Replied extends Made {
  thread: "worker" | "main";
}

export interface Replier {
  reply(request: Request, options: ReplyOptions): Promise<Replied>;
  /** Stops the worker; later replies are made on the main thread. */
  close(): Promise<void>;
}

/** What the main thread sends the worker (reply-worker.ts). */
export type ToWorker =
  | { type: "engine"; id: number; catalogue: Catalogue; lexicon: Lexicon }
  | { type: "channels"; id: number; entries: [string, string][]; drop: number[] }
  | {
      type: "reply";
      id: number;
      engine: number;
      channels?: number;
      request: Request;
      options: Omit<ReplyOptions, "ctx">;
    };

type FromWorker =
  | { type: "engine"; id: number }
  | { type: "reply"; id: number; made?: Made; stale?: true; error?: string };

/** Answers on the calling thread. */
export function replyHere(engine: () => Engine): Replier {
  return {
    reply: async (request, options) => ({ ...reply(engine(), request, options), thread: "main" }),
    close: async () => {},
  };
}

export interface WorkerReplierOptions {
  engine: () => Engine;
  logger: AppLogger;
  /** A reply the worker has not sent by then is made on the main thread (default 2 s). */
  timeoutMs?: number;
  /** Channel lists the worker keeps (one per workspace recently asked from; default 64). */
  maxChannelLists?: number;
  /** Starts the worker (default reply-worker's); tests start one that stalls or dies. */
  spawn?: () => Worker;
}

/** A worker that dies this soon after it started is not started again. */
const SHORT_LIFE_MS = 10_000;

/** The worker beside this file: compiled (.js), or the source (.ts, under tsx or vitest) loaded through tsx. */
function newWorker(): Worker {
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./reply-worker.js", import.meta.url));
  const tsx = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  const source = JSON.stringify(new URL("./reply-worker.ts", import.meta.url).href);
  return new Worker(`import(${tsx}).then((tsx) => { tsx.register(); return import(${source}); });`, {
    eval: true,
  });
}

export function replyOnWorker(options: WorkerReplierOptions): Replier {
  const { logger } = options;
  const timeoutMs = options.timeoutMs ?? 2000;
  const maxChannelLists = options.maxChannelLists ?? 64;
  const here = replyHere(options.engine);

  // Engines and channel lists are told apart by identity: a reload or a refresh makes a new object.
  const ids = new WeakMap<object, number>();
  let lastId = 0;
  const idOf = (value: object) => {
    let id = ids.get(value);
    if (id === undefined) {
      id = ++lastId;
      ids.set(value, id);
    }
    return id;
  };

  let worker: Worker | undefined;
  let startedAt = 0;
  let closed = false;
  /** The engine the worker holds, and the one it was last sent. */
  let held: number | undefined;
  let sent: number | undefined;
  /** The channel lists the worker holds, oldest first. */
  let lists: number[] = [];
  const pending = new Map<number, { settle: (made: Made | undefined, error?: string) => void }>();

  const start = () => {
    const started = (options.spawn ?? newWorker)();
    startedAt = Date.now();
    held = undefined;
    sent = undefined;
    lists = [];
    // A worker waiting for work must not keep the process alive; stop() closes it anyway.
    started.unref();
    started.on("message", (message: FromWorker) => {
      if (message.type === "engine") {
        held = message.id;
        logger.info("answer worker holds the data", { engine: message.id });
        return;
      }
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      waiting?.settle(message.made, message.error);
    });
    started.on("error", (error) => {
      logger.error("answer worker failed", { error: error.message });
    });
    started.on("exit", (code) => {
      if (worker !== started) return;
      worker = undefined;
      for (const waiting of pending.values()) waiting.settle(undefined);
      pending.clear();
      if (closed) return;
      if (Date.now() - startedAt < SHORT_LIFE_MS) {
        logger.error("answer worker stopped soon after starting; answering on the main thread from now on", {
          code,
        });
        return;
      }
      logger.warn("answer worker stopped; starting another", { code });
      worker = start();
    });
    // The engine now served, at once: the worker is ready before the first question, not after it.
    const engine = options.engine();
    sendEngine(started, engine, idOf(engine));
    return started;
  };

  const sendEngine = (target: Worker, engine: Engine, id: number) => {
    sent = id;
    const message: ToWorker = { type: "engine", id, catalogue: engine.catalogue, lexicon: engine.lexicon };
    target.postMessage(message);
  };

  const sendChannels = (target: Worker, byName: ReadonlyMap<string, string>, id: number) => {
    lists.push(id);
    const drop = lists.length > maxChannelLists ? lists.splice(0, lists.length - maxChannelLists) : [];
    const message: ToWorker = { type: "channels", id, entries: [...byName], drop };
    target.postMessage(message);
  };

  worker = start();

  let nextRequest = 0;
  return {
    async reply(request, replyOptions) {
      const target = worker;
      const engine = options.engine();
      const engineId = idOf(engine);
      if (target && sent !== engineId) sendEngine(target, engine, engineId);
      const { ctx, ...rest } = replyOptions;
      const byName = (ctx as { byName?: ReadonlyMap<string, string> }).byName;
      // A context that is not a channel list (a test's, or none) cannot be copied: answer here.
      if (!target || held !== engineId || !byName) return here.reply(request, replyOptions);
      const listId = idOf(byName);
      if (!lists.includes(listId)) sendChannels(target, byName, listId);

      const id = ++nextRequest;
      const made = await new Promise<Made | undefined>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(undefined);
        }, timeoutMs);
        timer.unref();
        pending.set(id, {
          settle: (value, error) => {
            clearTimeout(timer);
            if (error !== undefined) reject(new Error(error));
            else resolve(value);
          },
        });
        const message: ToWorker = {
          type: "reply",
          id,
          engine: engineId,
          channels: listId,
          request,
          options: rest,
        };
        target.postMessage(message);
      });
      // Stale, timed out, or the worker gone: the engine served now answers here.
      return made ? { ...made, thread: "worker" } : here.reply(request, replyOptions);
    },
    async close() {
      closed = true;
      const stopping = worker;
      worker = undefined;
      for (const waiting of pending.values()) waiting.settle(undefined);
      pending.clear();
      await stopping?.terminate();
    },
  };
}
