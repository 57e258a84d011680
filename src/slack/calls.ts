// Calling Slack on behalf of someone waiting: a short retry policy, errors turned into what to tell them.
import type { RespondFn } from "@slack/bolt";
import type { AppLogger } from "./logger.ts";

/** The Web API client's own policy: two quick retries of network errors and 5xx, never longer than 10 s. */
export const RETRY_CONFIG = {
  retries: 2,
  factor: 2,
  minTimeout: 250,
  maxTimeout: 2000,
  maxRetryTime: 10_000,
  randomize: false,
} as const;

/** How long a person may wait for one rate-limited call: longer Retry-After values fail at once. */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS = 5;

interface CodedError {
  code?: string;
  retryAfter?: number;
  data?: { error?: string };
  statusCode?: number;
}

/** The Slack error code of a failed Web API call (`channel_not_found`, …), if it was one. */
export function slackError(error: unknown): string | undefined {
  const coded = error as CodedError | undefined;
  return typeof coded?.data?.error === "string" ? coded.data.error : undefined;
}

/** True when Slack says the bot cannot post where it tried: invite it, or answer by DM. */
export function isNotInChannel(error: unknown): boolean {
  const code = slackError(error);
  return code === "channel_not_found" || code === "not_in_channel";
}

export function rateLimitedAfter(error: unknown): number | undefined {
  const coded = error as CodedError | undefined;
  return coded?.code === "slack_webapi_rate_limited_error" && typeof coded.retryAfter === "number"
    ? coded.retryAfter
    : undefined;
}

export type Caller = <T>(what: string, call: () => Promise<T>) => Promise<T>;

/**
 * Wraps Web API calls (made with `rejectRateLimitedCalls`): a 429 is retried once after its Retry-After
 * when that is short enough for someone waiting, otherwise it fails at once and the caller says so.
 */
export function createCaller(
  logger: AppLogger,
  maxWaitSeconds = DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Caller {
  return async (what, call) => {
    try {
      return await call();
    } catch (error) {
      const after = rateLimitedAfter(error);
      if (after === undefined) throw error;
      if (after > maxWaitSeconds) {
        // Info, not a warning: whoever made the call logs the failure once, with what it meant for the person.
        logger.info("rate limited, not retrying", { method: what, retryAfter: after });
        throw error;
      }
      logger.warn("rate limited, retrying once", { method: what, retryAfter: after });
      await sleep(after * 1000);
      return call();
    }
  };
}

/**
 * Posts to a response_url without ever throwing, and logs a failure once: an expired URL (404, or 410 after
 * 30 minutes or five uses) as "response_url expired", anything else (500, a timeout, a refused connection)
 * as "response_url post failed". Both are warnings: the request is over, nobody else can be told.
 */
export async function safeRespond(
  respond: RespondFn | undefined,
  message: Parameters<RespondFn>[0],
  logger: AppLogger,
  what: string,
): Promise<boolean> {
  if (!respond) {
    logger.warn("no response_url to answer through", { what });
    return false;
  }
  try {
    await respond(message);
    return true;
  } catch (error) {
    const status = (error as CodedError).statusCode;
    if (status === 404 || status === 410) {
      logger.warn("response_url expired", { what, status });
    } else {
      logger.warn("response_url post failed", {
        what,
        ...(status !== undefined ? { status } : {}),
        ...((error as { timedOut?: boolean }).timedOut ? { timedOut: true } : {}),
        error: (error as Error).message,
      });
    }
    return false;
  }
}
