// Requests signed exactly as Slack signs them: v0=HMAC-SHA256(secret, "v0:" + timestamp + ":" + raw body).
import { createHmac } from "node:crypto";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SignOptions {
  secret?: string;
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  /** Replace the signature (a forgery). */
  forge?: string;
}

export function signedHeaders(body: string, options: SignOptions = {}): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": options.forge ?? signature(options.secret ?? SIGNING_SECRET, timestamp, body),
  };
}

export interface SlackPost {
  status: number;
  text: string;
  ms: number;
}

/** POSTs a body to the app as Slack would, signed, with any extra headers (x-slack-retry-num). */
export async function postToApp(
  url: string,
  body: string,
  contentType: "application/x-www-form-urlencoded" | "application/json",
  options: SignOptions & { headers?: Record<string, string> } = {},
): Promise<SlackPost> {
  const started = Date.now();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": contentType, ...signedHeaders(body, options), ...(options.headers ?? {}) },
    body,
  });
  return { status: response.status, text: await response.text(), ms: Date.now() - started };
}
