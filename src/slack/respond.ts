// Posting to response URLs (commands and actions): node:http(s) on keep-alive sockets, with a deadline, so a
// response URL that never answers is given up instead of holding the request forever. Bolt's own respond()
// uses global fetch with no timeout; every listener goes through responder() here instead.
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { RespondFn } from "@slack/bolt";

/** How long one post to a response URL may take, from start to the last byte of the answer. */
export const DEFAULT_RESPOND_TIMEOUT_MS = 8000;

/** Why a post failed: `statusCode` when the URL answered (404/410 expired, 500…), `timedOut` when it did not. */
export class ResponseUrlError extends Error {
  constructor(
    message: string,
    readonly statusCode?: number,
    readonly timedOut = false,
  ) {
    super(message);
    this.name = "ResponseUrlError";
  }
}

export interface Responder {
  /** respond() for one response URL, or undefined when the request carried none. */
  forUrl(url: string | undefined): RespondFn | undefined;
  /** Closes the pooled sockets (on stop). */
  close(): void;
}

export interface ResponderOptions {
  timeoutMs?: number;
  maxSockets?: number;
}

export function createResponder(options: ResponderOptions = {}): Responder {
  const timeoutMs = options.timeoutMs ?? DEFAULT_RESPOND_TIMEOUT_MS;
  const maxSockets = options.maxSockets ?? 64;
  const agent = new HttpAgent({ keepAlive: true, maxSockets });
  const tlsAgent = new HttpsAgent({ keepAlive: true, maxSockets });

  const postOnce = (target: URL, body: string) =>
    new Promise<void>((resolve, reject) => {
      const tls = target.protocol === "https:";
      const req = (tls ? httpsRequest : httpRequest)(
        target,
        {
          method: "POST",
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
          agent: tls ? tlsAgent : agent,
        },
        (res) => {
          res.resume();
          res.on("error", reject);
          res.on("end", () => {
            clearTimeout(timer);
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve();
            else reject(new ResponseUrlError(`response_url answered ${status}`, status));
          });
        },
      );
      // A deadline for the whole exchange, not just an idle socket: a URL that trickles is given up too.
      const timer = setTimeout(() => {
        req.destroy(new ResponseUrlError(`response_url timed out after ${timeoutMs} ms`, undefined, true));
      }, timeoutMs);
      timer.unref();
      req.on("error", (error) => {
        clearTimeout(timer);
        // A pooled socket the server closed just as it was reused: say so, so the caller can try once more.
        reject(Object.assign(error, { reusedSocket: req.reusedSocket }));
      });
      req.end(body);
    });

  const post = async (url: string, message: unknown): Promise<void> => {
    const target = new URL(url);
    const body = JSON.stringify(typeof message === "string" ? { text: message } : message);
    try {
      await postOnce(target, body);
    } catch (error) {
      const failed = error as NodeJS.ErrnoException & { reusedSocket?: boolean };
      if (failed.reusedSocket && failed.code === "ECONNRESET") return postOnce(target, body);
      throw error;
    }
  };

  return {
    // Callers only await it (safeRespond); nothing reads the FetchResponse Bolt's type promises.
    forUrl: (url) => (url ? (((message: unknown) => post(url, message)) as unknown as RespondFn) : undefined),
    close() {
      agent.destroy();
      tlsAgent.destroy();
    },
  };
}
