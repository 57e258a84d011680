// Where a question becomes a message. Slash commands, mentions and DMs are answered on a worker thread by
// default: Bolt's thread then only checks signatures, acknowledges and posts, and a slow question (a very
// large catalogue) never holds up the acknowledgement of others. (The Home tab and buttons, rarer and mostly
// lookups, stay on the main thread.) The worker answers with copies of the engine and of each workspace's
// channel list, sent with the first question after either changes. Whenever its copy is not the one served
// when the answer is ready (still loading, a reload meanwhile), or it is behind (a backlog past the deadline)
// or gone, the main thread answers instead: every answer comes from the data served at that moment.
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
  answeredOn: "worker" | "main";
}

export interface Replier {
  reply(request: Request, options: ReplyOptions): Promise<Replied>;
  /** Stops the worker; later replies are made on the main thread. */
  close(): Promise<void>;
}

/** What the main thread sends the worker (reply-worker.ts). */
export type ToWorker =
  | { type: "engine"; id: number; catalogue: Catalogue; lexicon: Lexicon }
  /** A workspace's channel list, replacing the one it had; `drop`: workspaces no longer kept. */
  | { type: "channels"; team: string; id: number; entries: [string, string][]; drop: string[] }
  | {
      type: "reply";
      id: number;
      engine: number;
      channels: { team: string; id: number };
      /** Epoch ms: a request the worker reaches later than this is left to the main thread. */
      deadline: number;
      request: Request;
      options: Omit<ReplyOptions, "ctx">;
    };

export type FromWorker =
  | { type: "engine"; id: number }
  | { type: "reply"; id: number; made?: Made; stale?: true; error?: string };

/** A channel list that can be copied: the directory's (directory.ts), keyed by its workspace. */
interface ChannelList {
  team: string;
  byName: ReadonlyMap<string, string>;
}

/** Answers on the calling thread. */
export function replyHere(engine: () => Engine): Replier {
  return {
    reply: async (request, options) => ({ ...reply(engine(), request, options), answeredOn: "main" }),
    close: async () => {},
  };
}

export interface WorkerReplierOptions {
  engine: () => Engine;
  logger: AppLogger;
  /** A question the worker has not answered this long after it was sent is answered on the main thread, and
   * the worker skips it if it has not started it: a backlog is shared, never doubled (default 1 s). */
  timeoutMs?: number;
  /** Workspaces whose channel list the worker keeps, the most recently asked from (default 256). */
  maxChannelLists?: number;
  /** A worker that stops sooner than this after it started is not started again (default 10 s). */
  shortLifeMs?: number;
  /** Starts the worker (default reply-worker's); tests start one that stalls or dies. */
  spawn?: () => Worker;
}

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
  const timeoutMs = options.timeoutMs ?? 1000;
  const maxChannelLists = options.maxChannelLists ?? 256;
  const shortLifeMs = options.shortLifeMs ?? 10_000;
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
  let closed = false;
  /** The engine the worker holds, and the one it was last sent. */
  let held: number | undefined;
  let sent: number | undefined;
  /** Each workspace's channel list the worker holds, least recently asked from first. */
  const lists = new Map<string, number>();
  const pending = new Map<number, { settle: (made: Made | undefined, error?: string) => void }>();
  /** Hands every question still with the worker back to the main thread. */
  const handBackPending = () => {
    for (const waiting of pending.values()) waiting.settle(undefined);
    pending.clear();
  };

  const sendEngine = (target: Worker, engine: Engine, id: number) => {
    sent = id;
    const message: ToWorker = { type: "engine", id, catalogue: engine.catalogue, lexicon: engine.lexicon };
    target.postMessage(message);
  };

  const useChannels = (target: Worker, list: ChannelList): number => {
    const id = idOf(list.byName);
    const heldId = lists.get(list.team);
    lists.delete(list.team);
    lists.set(list.team, id);
    if (heldId === id) return id;
    const drop: string[] = [];
    for (const team of lists.keys()) {
      if (lists.size <= maxChannelLists) break;
      lists.delete(team);
      drop.push(team);
    }
    const message: ToWorker = { type: "channels", team: list.team, id, entries: [...list.byName], drop };
    target.postMessage(message);
    return id;
  };

  const start = (): Worker | undefined => {
    let started: Worker;
    try {
      started = (options.spawn ?? newWorker)();
    } catch (error) {
      logger.error("answer worker cannot start; answering on the main thread", {
        error: (error as Error).message,
      });
      return undefined;
    }
    const startedAt = Date.now();
    held = undefined;
    sent = undefined;
    lists.clear();
    // A worker waiting for work must not keep the process alive; close() stops it anyway.
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
      handBackPending();
      if (closed) return;
      if (Date.now() - startedAt < shortLifeMs) {
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
  worker = start();

  let nextRequest = 0;
  return {
    async reply(request, replyOptions) {
      const target = worker;
      const engine = options.engine();
      const engineId = idOf(engine);
      if (target && sent !== engineId) sendEngine(target, engine, engineId);
      const { ctx, ...rest } = replyOptions;
      const list = ctx as Partial<ChannelList>;
      // A context that is not a directory's channel list (a test's, or none) cannot be copied: answer here.
      if (!target || held !== engineId || !list.byName || list.team === undefined)
        return here.reply(request, replyOptions);
      const channels = { team: list.team, id: useChannels(target, list as ChannelList) };

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
          channels,
          deadline: Date.now() + timeoutMs,
          request,
          options: rest,
        };
        target.postMessage(message);
      });
      // Made from the engine served now, or answered here: stale, behind, gone, or a reload meanwhile.
      if (made && idOf(options.engine()) === engineId) return { ...made, answeredOn: "worker" };
      return here.reply(request, replyOptions);
    },
    async close() {
      closed = true;
      const stopping = worker;
      worker = undefined;
      handBackPending();
      await stopping?.terminate();
    },
  };
}
