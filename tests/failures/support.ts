// For failure tests: the real app (HTTP mode) against the fake Slack, reached through a proxy that can hold
// chosen Web API methods without answering (a Slack that times out), and response URLs that never answer.
// The fake itself answers at once; these are the knobs it lacks.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "vitest";
import { loadEngine } from "../../src/answer/load.ts";
import { createApp, type WhoOwnsApp } from "../../src/slack/app.ts";
import { createLogger } from "../../src/slack/logger.ts";
import { BOT_USER_ID, FakeSlack, slashCommandFields, TEAM_ID, waitUntil } from "../support/fake-slack.ts";
import { BOT_TOKEN, type LogRecord, loopbackConfig, USER } from "../support/harness.ts";
import { postToApp, type SlackPost } from "../support/signing.ts";
import { specProblems } from "../support/web-api-spec.ts";

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Forwards the Web API to the fake, except methods told to hang: those are held, never answered. */
export class SlowProxy {
  readonly hanging = new Set<string>();
  /** Requests held so far, by method. */
  readonly held: string[] = [];
  private readonly parked: ServerResponse[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(target: string): Promise<SlowProxy> {
    let proxy: SlowProxy | undefined;
    const server = createServer((req, res) => {
      proxy?.handle(req, res, target).catch((error: unknown) => {
        res.writeHead(502);
        res.end(String(error));
      });
    });
    proxy = new SlowProxy(server, await listen(server));
    return proxy;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse, target: string): Promise<void> {
    const body = await readBody(req);
    const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0] ?? "";
    if (this.hanging.has(method)) {
      this.held.push(method);
      this.parked.push(res);
      return;
    }
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers))
      if (typeof value === "string" && !["host", "content-length", "connection"].includes(key))
        headers[key] = value;
    const reply = await fetch(`${target}${req.url ?? "/"}`, {
      method: req.method ?? "POST",
      headers,
      ...(body.length > 0 ? { body } : {}),
    });
    const out: Record<string, string> = {};
    reply.headers.forEach((value, key) => {
      if (key !== "content-length" && key !== "transfer-encoding" && key !== "connection") out[key] = value;
    });
    res.writeHead(reply.status, out);
    res.end(Buffer.from(await reply.arrayBuffer()));
  }

  async stop(): Promise<void> {
    for (const res of this.parked) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A response URL that answers every post with `status`, or ("silent") accepts it and never answers. */
export class ResponseUrlServer {
  readonly received: string[] = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(status: number | "silent"): Promise<ResponseUrlServer> {
    let target: ResponseUrlServer | undefined;
    const server = createServer(async (req, res) => {
      target?.received.push(req.url ?? "");
      await readBody(req);
      if (status === "silent") return;
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(status === 200 ? "ok" : "internal_error");
    });
    target = new ResponseUrlServer(server, await listen(server));
    return target;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The app, the fake Slack and the proxy between them, with the app's log lines kept as records. */
export class FailureRig {
  private counter = 0;
  private constructor(
    readonly fake: FakeSlack,
    readonly proxy: SlowProxy,
    readonly app: WhoOwnsApp,
    private readonly lines: string[],
  ) {}

  static async start(): Promise<FailureRig> {
    const fake = await FakeSlack.start();
    const proxy = await SlowProxy.start(fake.url);
    const lines: string[] = [];
    const config = loopbackConfig(proxy.apiUrl);
    const logger = createLogger({ level: "info", write: (line) => lines.push(line), secrets: [BOT_TOKEN] });
    const app = createApp(config, { engine: loadEngine(), logger, drainMs: 500 });
    await app.start();
    return new FailureRig(fake, proxy, app, lines);
  }

  get eventsUrl(): string {
    return `http://127.0.0.1:${this.app.port}/slack/events`;
  }

  records(): LogRecord[] {
    return this.lines.map((line) => JSON.parse(line) as LogRecord);
  }

  /** Warnings and errors logged since `from` (a count of lines, from mark()). */
  problems(from = 0): LogRecord[] {
    return this.records()
      .slice(from)
      .filter((record) => record.level === "warn" || record.level === "error");
  }

  /** Where the log is now, to look only at what a test causes. */
  mark(): number {
    return this.lines.length;
  }

  waitForLog(msg: string, timeoutMs = 15_000): Promise<LogRecord> {
    return waitUntil(() => this.records().find((record) => record.msg === msg), {
      what: `a "${msg}" log record`,
      timeoutMs,
    });
  }

  /** `/who-owns <text>`, its answer going to `responseUrl` (a fresh one on the fake by default). */
  async command(text: string, responseUrl?: string): Promise<{ post: SlackPost; responseId: string }> {
    this.counter += 1;
    const responseId = `fail${this.counter}`;
    const form = new URLSearchParams(
      slashCommandFields({
        text,
        responseUrl: responseUrl ?? this.fake.responseUrl(responseId),
        triggerId: `${this.counter}.fake`,
        user: USER,
      }),
    );
    const post = await postToApp(this.eventsUrl, form.toString(), "application/x-www-form-urlencoded");
    return { post, responseId };
  }

  /** An @mention of the bot, as an Events API callback. */
  async mention(text: string, eventId: string): Promise<SlackPost> {
    const body = JSON.stringify({
      token: "legacy-verification-token",
      team_id: TEAM_ID,
      api_app_id: "A0WHOOWNS",
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      event: {
        type: "app_mention",
        user: USER,
        text: `<@${BOT_USER_ID}> ${text}`,
        ts: "1700000100.000200",
        channel: "C0GENERAL1",
      },
      authorizations: [
        { team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false },
      ],
    });
    return postToApp(this.eventsUrl, body, "application/json");
  }

  async healthy(): Promise<boolean> {
    const response = await fetch(`http://127.0.0.1:${this.app.port}/healthz`);
    await response.arrayBuffer();
    return response.status === 200;
  }

  /** Every Web API call made so far is a method of Slack's spec with its required arguments. */
  expectCallsInSpec(): void {
    expect(specProblems(this.fake.calls)).toEqual([]);
  }

  async stop(): Promise<void> {
    await this.app.stop();
    await this.proxy.stop();
    await this.fake.stop();
  }
}
