// The worker thread's side of replier.ts: it holds copies of the engine and of each workspace's channel list
// as the main thread sends them, and turns requests into messages with the same reply() the main thread uses.
import { parentPort } from "node:worker_threads";
import { createEngine } from "../answer/create.ts";
import type { Engine } from "../answer/engine.ts";
import type { RenderContext } from "./blocks/answer.ts";
import { channelIdIn } from "./directory.ts";
import type { ToWorker } from "./replier.ts";
import { reply } from "./reply.ts";

const port = parentPort;
if (!port) throw new Error("reply-worker.ts runs as a worker thread (see replier.ts)");

let engine: { id: number; engine: Engine } | undefined;
const channels = new Map<number, RenderContext>();

port.on("message", (message: ToWorker) => {
  switch (message.type) {
    case "engine":
      engine = { id: message.id, engine: createEngine(message.catalogue, message.lexicon) };
      port.postMessage({ type: "engine", id: message.id });
      return;
    case "channels": {
      const byName = new Map(message.entries);
      channels.set(message.id, { channelId: (name) => channelIdIn(byName, name) });
      for (const id of message.drop) channels.delete(id);
      return;
    }
    case "reply": {
      const ctx = message.channels === undefined ? undefined : channels.get(message.channels);
      // Sent before this engine or channel list arrived (or after it was replaced): the main thread answers.
      if (engine?.id !== message.engine || (message.channels !== undefined && !ctx)) {
        port.postMessage({ type: "reply", id: message.id, stale: true });
        return;
      }
      try {
        const made = reply(engine.engine, message.request, {
          ...message.options,
          ctx: ctx ?? { channelId: () => undefined },
        });
        port.postMessage({ type: "reply", id: message.id, made });
      } catch (error) {
        port.postMessage({ type: "reply", id: message.id, error: (error as Error).message });
      }
    }
  }
});
