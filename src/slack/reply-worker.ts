// The worker thread's side of replier.ts: it holds copies of the engine and of each workspace's channel list
// as the main thread sends them, and turns requests into messages with the same reply() the main thread uses.
import { parentPort } from "node:worker_threads";
import { createEngine } from "../answer/create.ts";
import type { Engine } from "../answer/engine.ts";
import type { RenderContext } from "./blocks/answer.ts";
import { channelIdIn } from "./directory.ts";
import type { FromWorker, ToWorker } from "./replier.ts";
import { reply } from "./reply.ts";

const port = parentPort;
if (!port) throw new Error("reply-worker.ts runs as a worker thread (see replier.ts)");
const send = (message: FromWorker) => port.postMessage(message);

let engine: { id: number; engine: Engine } | undefined;
const channels = new Map<string, { id: number; ctx: RenderContext }>();

port.on("message", (message: ToWorker) => {
  switch (message.type) {
    case "engine":
      engine = { id: message.id, engine: createEngine(message.catalogue, message.lexicon) };
      send({ type: "engine", id: message.id });
      return;
    case "channels": {
      const byName = new Map(message.entries);
      channels.set(message.team, { id: message.id, ctx: { channelId: (name) => channelIdIn(byName, name) } });
      for (const team of message.drop) channels.delete(team);
      return;
    }
    case "reply": {
      const list = channels.get(message.channels.team);
      // Not the engine or channel list it was asked with, or past its deadline (the main thread answers it).
      if (
        engine?.id !== message.engine ||
        list?.id !== message.channels.id ||
        Date.now() > message.deadline
      ) {
        send({ type: "reply", id: message.id, stale: true });
        return;
      }
      try {
        const made = reply(engine.engine, message.request, { ...message.options, ctx: list.ctx });
        send({ type: "reply", id: message.id, made });
      } catch (error) {
        send({
          type: "reply",
          id: message.id,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
});
