// What every listener is given: the engine (read through a getter, so a data reload can swap it),
// channel defaults, the channel directory, the logger and the Web API caller.
import type { Engine } from "../answer/engine.ts";
import type { Insights } from "../gaps/insights.ts";
import type { Recorder } from "../store/recorder.ts";
import type { Caller } from "./calls.ts";
import type { ChannelDefaults } from "./channels.ts";
import type { ChannelDirectory } from "./directory.ts";
import type { AppLogger } from "./logger.ts";
import type { Replied } from "./replier.ts";
import type { ReplyOptions, Request } from "./reply.ts";
import type { Responder } from "./respond.ts";

export interface Services {
  /** The engine as of now: call it for every request, never keep what it returns across requests. */
  engine(): Engine;
  /** The message answering a request: help, browse, a question… (on the answer thread, see replier.ts). */
  reply(request: Request, options: ReplyOptions): Promise<Replied>;
  channelDefaults(): ChannelDefaults;
  directory: ChannelDirectory;
  logger: AppLogger;
  call: Caller;
  /** respond() for a response URL: keep-alive, bounded by a timeout. Use it, never Bolt's respond(). */
  respondTo: Responder["forUrl"];
  /** Learns from use (issue 11): called after the answer is sent, returns at once, never throws. */
  recorder: Recorder;
  /** The Home tab's Insights for admins (issue 11); nothing for other people, or without a store. */
  insights?: Insights;
}

/** A value, or a getter for one that may change at run time (issue 4's data reload swaps the engine). */
export type Source<T> = T | (() => T);

export function getter<T extends object>(source: Source<T>): () => T {
  return typeof source === "function" ? (source as () => T) : () => source;
}
