// Global Bolt middleware for what Slack delivers more than once, and for knowing what is still being answered.
//
// Retries: Slack redelivers an event it thinks was not acknowledged (x-slack-retry-num over HTTP,
// retry_attempt > 0 over Socket Mode). We ack within milliseconds, so a retry means the first delivery
// reached some instance: it is acknowledged and dropped, never answered a second time. A delivery seen
// twice by this instance (same event_id) is dropped too, from a bounded memory of recent ids.
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { AppLogger } from "../logger.ts";

/** How many recent event ids to remember, to drop a delivery seen twice by this instance. */
const SEEN_EVENTS = 2000;

type AnyMiddleware = Middleware<AnyMiddlewareArgs>;

/** Drops Slack's retries and events this instance has already seen; passes everything else on. */
export function dropRedeliveries(logger: AppLogger, remember = SEEN_EVENTS): AnyMiddleware {
  const seen = new Map<string, true>();
  return async ({ body, context, next }) => {
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
        if (seen.size > remember) seen.delete(seen.keys().next().value as string);
      }
    }
    await next();
  };
}

/** Counts the requests still being answered, so stop() can let them finish (and tests can wait for them). */
export interface InFlight {
  middleware: AnyMiddleware;
  /** Resolves when every request received so far has been answered. */
  idle(): Promise<void>;
  /** Resolves when the requests now in flight are answered, or after `ms`, whichever is first. */
  drain(ms: number): Promise<void>;
}

export function trackInFlight(): InFlight {
  const inflight = new Set<Promise<unknown>>();
  return {
    middleware: async ({ next }) => {
      const work = next();
      inflight.add(work);
      try {
        await work;
      } finally {
        inflight.delete(work);
      }
    },
    async idle() {
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
    },
    async drain(ms) {
      const drained = Promise.allSettled([...inflight]);
      const timeout = new Promise((resolve) => setTimeout(resolve, ms).unref());
      await Promise.race([drained, timeout]);
    },
  };
}
