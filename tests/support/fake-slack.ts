// A fake Slack on loopback: the Web API (every call recorded, scripted errors), response URLs, and a
// Socket Mode WebSocket endpoint. Answers the way Slack does, so the app cannot tell the difference.
import { createHash } from "node:crypto";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface ApiCall {
  method: string;
  /** The parsed body: form fields (JSON-looking values parsed) or the JSON body. */
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** The status the fake answered with. */
  status: number;
  reply: unknown;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
  status: number;
}

export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
}

export interface Channel {
  id: string;
  name: string;
}

export const TEAM_ID = "T0TEAM001";

/** The fields of a `/who-owns` slash command as Slack sends them (form-encoded over HTTP, or in a Socket Mode envelope). */
export function slashCommandFields(fields: {
  text: string;
  responseUrl: string;
  triggerId: string;
  channel?: string;
  channelName?: string;
  user?: string;
}): Record<string, string> {
  return {
    token: "legacy-verification-token",
    team_id: TEAM_ID,
    team_domain: "fake",
    channel_id: fields.channel ?? "C0GENERAL1",
    channel_name: fields.channelName ?? "general",
    user_id: fields.user ?? "U0ASKER01",
    user_name: "asker",
    command: "/who-owns",
    text: fields.text,
    api_app_id: "A0WHOOWNS",
    is_enterprise_install: "false",
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId,
  };
}
export const BOT_USER_ID = "U0BOT0001";
/** The workspace an OAuth install comes from unless its code names another, and the bot token it gets. */
export const OAUTH_TEAM_ID = "T0OTHER02";
export const oauthBotToken = (team: string) => `xoxb-oauth-${team.toLowerCase()}-token`;
export const BOT_ID = "B0BOT0001";

export const DEFAULT_CHANNELS: Channel[] = [
  { id: "C0GENERAL1", name: "general" },
  { id: "C0RANDOM01", name: "random" },
  { id: "C0APSUPP01", name: "analytical-platform-support" },
  { id: "C0DATAENG1", name: "ask-data-engineering" },
  { id: "C0PLATFRM1", name: "platforms" },
];

function parseValue(value: string): unknown {
  if (/^[[{]/.test(value)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes("application/json")) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return { _raw: raw };
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) out[key] = parseValue(value);
  return out;
}

/** A minimal RFC 6455 server side: text frames out, text/ping/close frames in. */
class FakeSocket {
  private buffer = Buffer.alloc(0);
  closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly onText: (text: string) => void,
  ) {
    socket.on("data", (data: Buffer) => this.receive(data));
    socket.on("close", () => {
      this.closed = true;
    });
    socket.on("error", () => {
      this.closed = true;
    });
  }

  private frame(opcode: number, payload: Buffer): Buffer {
    const length = payload.length;
    let header: Buffer;
    if (length < 126) {
      header = Buffer.from([0x80 | opcode, length]);
    } else if (length < 65536) {
      header = Buffer.alloc(4);
      header[0] = 0x80 | opcode;
      header[1] = 126;
      header.writeUInt16BE(length, 2);
    } else {
      header = Buffer.alloc(10);
      header[0] = 0x80 | opcode;
      header[1] = 127;
      header.writeBigUInt64BE(BigInt(length), 2);
    }
    return Buffer.concat([header, payload]);
  }

  sendText(text: string): void {
    if (!this.closed) this.socket.write(this.frame(0x1, Buffer.from(text, "utf8")));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.socket.write(this.frame(0x8, Buffer.from([0x03, 0xe8])));
    } catch {
      // already gone
    }
    this.socket.end();
    this.socket.destroy();
  }

  private receive(data: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (;;) {
      if (this.buffer.length < 2) return;
      const first = this.buffer[0] ?? 0;
      const second = this.buffer[1] ?? 0;
      const opcode = first & 0x0f;
      const masked = (second & 0x80) !== 0;
      let length = second & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      const maskLength = masked ? 4 : 0;
      if (this.buffer.length < offset + maskLength + length) return;
      const mask = this.buffer.subarray(offset, offset + maskLength);
      const payload = Buffer.from(this.buffer.subarray(offset + maskLength, offset + maskLength + length));
      if (masked)
        for (let i = 0; i < payload.length; i += 1) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
      this.buffer = this.buffer.subarray(offset + maskLength + length);
      if (opcode === 0x1) this.onText(payload.toString("utf8"));
      else if (opcode === 0x8) this.close();
      else if (opcode === 0x9 && !this.closed) this.socket.write(this.frame(0xa, payload));
    }
  }
}

export interface WaitOptions {
  timeoutMs?: number;
  what?: string;
}

/** Polls until `probe` returns something, or fails after the timeout with what it was waiting for. */
export async function waitUntil<T>(
  probe: () => T | undefined | false,
  options: WaitOptions = {},
): Promise<T> {
  // Generous by default: waits poll every 5 ms, so a long limit costs nothing when things work, and a
  // full suite on a busy 2-core machine does not fail for being slow.
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    const found = probe();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.what ?? "a condition"}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  /** What the app sent back over the socket (acks, with their envelope ids). */
  readonly socketMessages: Record<string, unknown>[] = [];
  channels: Channel[] = [...DEFAULT_CHANNELS];
  /** conversations.list page size, small so that pagination is exercised. */
  pageSize = 2;
  private readonly scripts = new Map<string, ScriptedReply[]>();
  private readonly expired = new Set<string>();
  private readonly sockets: FakeSocket[] = [];
  private ts = 1_700_000_000;
  private envelope = 0;
  private responseCount = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeSlack> {
    let fake: FakeSlack | undefined;
    const server = createServer((req, res) => {
      fake?.handle(req, res).catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
    });
    server.on("upgrade", (req, socket: Socket) => fake?.upgrade(req, socket));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeSlack(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A fresh response URL for a command or an interaction. */
  responseUrl(id = `r${++this.responseCount}`): string {
    return `${this.url}/response/${id}`;
  }

  /** From now on, posting to this response URL answers 404 (expired). */
  expire(id: string): void {
    this.expired.add(id);
  }

  /** Queue replies for a method; each call takes the next one, then defaults resume. */
  script(method: string, ...replies: ScriptedReply[]): void {
    this.scripts.set(method, [...(this.scripts.get(method) ?? []), ...replies]);
  }

  /** Forget recorded calls and scripts (channels and sockets stay). */
  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.socketMessages.length = 0;
    this.scripts.clear();
    this.expired.clear();
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  waitForCall(method: string, predicate: (call: ApiCall) => boolean = () => true, options: WaitOptions = {}) {
    return waitUntil(() => this.calls.find((call) => call.method === method && predicate(call)), {
      what: `a ${method} call`,
      ...options,
    });
  }

  waitForResponse(
    id: string,
    predicate: (post: ResponseUrlPost) => boolean = () => true,
    options: WaitOptions = {},
  ) {
    return waitUntil(() => this.responses.find((post) => post.id === id && predicate(post)), {
      what: `a post to response URL ${id}`,
      ...options,
    });
  }

  /** Every payload the app sent that Slack would render, with the surface it is for. */
  payloads(): { where: string; surface: "message" | "home" | "modal"; payload: unknown }[] {
    const out: { where: string; surface: "message" | "home" | "modal"; payload: unknown }[] = [];
    for (const call of this.calls) {
      if (
        call.method === "chat.postMessage" ||
        call.method === "chat.postEphemeral" ||
        call.method === "chat.update"
      )
        out.push({ where: call.method, surface: "message", payload: call.body });
      else if (call.method === "views.publish")
        out.push({ where: call.method, surface: "home", payload: call.body.view });
      else if (call.method === "views.open" || call.method === "views.update" || call.method === "views.push")
        out.push({ where: call.method, surface: "modal", payload: call.body.view });
    }
    for (const post of this.responses)
      out.push({ where: `response ${post.id}`, surface: "message", payload: post.body });
    return out;
  }

  /** Sends a Socket Mode envelope to every connected app; returns its envelope id. */
  sendEnvelope(type: string, payload: unknown, extra: Record<string, unknown> = {}): string {
    const id = `env-${++this.envelope}`;
    const message = JSON.stringify({
      envelope_id: id,
      type,
      payload,
      accepts_response_payload: false,
      ...extra,
    });
    for (const socket of this.sockets) socket.sendText(message);
    return id;
  }

  get connectedSockets(): number {
    return this.sockets.filter((socket) => !socket.closed).length;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private nextTs(): string {
    this.ts += 1;
    return `${this.ts}.000100`;
  }

  private upgrade(req: IncomingMessage, socket: Socket): void {
    const key = req.headers["sec-websocket-key"];
    if (!req.url?.startsWith("/socket") || typeof key !== "string") {
      socket.destroy();
      return;
    }
    const accept = createHash("sha1").update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    const fake = new FakeSocket(socket, (text) => {
      try {
        this.socketMessages.push(JSON.parse(text) as Record<string, unknown>);
      } catch {
        this.socketMessages.push({ _raw: text });
      }
    });
    this.sockets.push(fake);
    fake.sendText(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "fake" } }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const raw = await readBody(req);
    const body = parseBody(raw, req.headers["content-type"]);
    if (path.startsWith("/response/")) {
      const id = path.slice("/response/".length);
      const status = this.expired.has(id) ? 404 : 200;
      this.responses.push({ id, body, status });
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(status === 200 ? "ok" : "expired_url");
      return;
    }
    if (!path.startsWith("/api/")) {
      res.writeHead(404);
      res.end();
      return;
    }
    const method = path.slice("/api/".length);
    const scripted = this.scripts.get(method)?.shift();
    let status = scripted?.status ?? 200;
    let reply: Record<string, unknown>;
    if (scripted) {
      reply = scripted.body ?? (status === 200 ? { ok: true } : {});
    } else if (!this.authorised(method, req.headers.authorization ?? (body.token as string | undefined))) {
      reply = { ok: false, error: "not_authed" };
    } else {
      reply = this.answer(method, body);
    }
    if (status === 200 && reply.ok === undefined) reply = { ok: true, ...reply };
    this.calls.push({ method, body, headers: req.headers, status, reply });
    const headers: Record<string, string> = {
      "content-type": "application/json",
      ...(scripted?.headers ?? {}),
    };
    if (status !== 200 && !scripted?.body) {
      res.writeHead(status, headers);
      res.end();
      return;
    }
    status = status || 200;
    res.writeHead(status, headers);
    res.end(JSON.stringify(reply));
  }

  private authorised(method: string, auth: string | undefined): boolean {
    // The OAuth code exchange authenticates with the client id and secret, not a token.
    if (method === "oauth.v2.access") return true;
    const token = auth?.replace(/^Bearer\s+/i, "");
    if (method === "apps.connections.open") return token?.startsWith("xapp-") ?? false;
    return token?.startsWith("xoxb-") ?? false;
  }

  private answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://fake.slack.test/",
          team: "Fake Team",
          user: "who-owns",
          team_id: TEAM_ID,
          user_id: BOT_USER_ID,
          bot_id: BOT_ID,
        };
      case "chat.postMessage":
        return {
          ok: true,
          channel: body.channel,
          ts: this.nextTs(),
          message: { text: body.text, user: BOT_USER_ID, bot_id: BOT_ID },
        };
      case "chat.postEphemeral":
        return { ok: true, message_ts: this.nextTs() };
      case "views.publish":
      case "views.open":
        return { ok: true, view: { id: `V${this.nextTs().replace(".", "")}`, ...(body.view as object) } };
      case "conversations.list": {
        const limit = Math.min(Number(body.limit ?? 100) || 100, this.pageSize);
        const start = Number(body.cursor ?? 0) || 0;
        const page = this.channels.slice(start, start + limit);
        const next = start + limit < this.channels.length ? String(start + limit) : "";
        return {
          ok: true,
          channels: page.map((channel) => ({ id: channel.id, name: channel.name, is_channel: true })),
          response_metadata: { next_cursor: next },
        };
      }
      case "users.info":
        return { ok: true, user: { id: body.user, name: "someone", real_name: "Someone" } };
      case "oauth.v2.access": {
        // The code names the workspace that installs: "code-T0OTHER02" installs team T0OTHER02.
        const team = String(body.code ?? "").replace(/^code-/, "") || OAUTH_TEAM_ID;
        return {
          ok: true,
          app_id: "A0WHOOWNS",
          authed_user: { id: "U0INSTALL1" },
          scope: "commands,app_mentions:read,chat:write,im:history,channels:read",
          token_type: "bot",
          access_token: oauthBotToken(team),
          bot_user_id: BOT_USER_ID,
          team: { id: team, name: `Workspace ${team}` },
          enterprise: null,
          is_enterprise_install: false,
        };
      }
      case "apps.connections.open":
        return { ok: true, url: `${this.url.replace(/^http/, "ws")}/socket` };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}
