// Starts the real app (HTTP receiver on a free loopback port) against the fake Slack, and drives it with
// signed requests shaped like Slack's: slash commands, event callbacks, block actions, view submissions.
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import type { Engine } from "../../src/answer/engine.ts";
import { loadEngine } from "../../src/answer/load.ts";
import type { Config, LogLevelName } from "../../src/config.ts";
import { type AppDeps, createApp, type WhoOwnsApp } from "../../src/slack/app.ts";
import type { ChannelDefaults } from "../../src/slack/channels.ts";
import { createLogger } from "../../src/slack/logger.ts";
import { checkBlockKit, type Violation } from "./block-kit.ts";
import { BOT_USER_ID, FakeSlack, slashCommandFields, TEAM_ID, waitUntil } from "./fake-slack.ts";
import { postToApp, SIGNING_SECRET, type SignOptions, type SlackPost } from "./signing.ts";
import { specProblems } from "./web-api-spec.ts";

export const BOT_TOKEN = "xoxb-1111-2222-fakebottoken";

/** The app in HTTP mode on a free loopback port, its Web API at `apiUrl` (a fake Slack, or a proxy before one). */
export function loopbackConfig(apiUrl: string, logLevel: Config["logLevel"] = "info"): Config {
  return {
    mode: "http",
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    port: 0,
    host: "127.0.0.1",
    apiUrl,
    logLevel,
    // Answered where the request is received; tests/slack/answer-thread.e2e.test.ts runs the worker.
    answerThread: "main",
  };
}
export const USER = "U0ASKER01";

export type LogRecord = Record<string, unknown> & { level: string; msg: string };

export interface HarnessOptions {
  engine?: Engine | (() => Engine);
  dataDir?: string;
  channelDefaults?: ChannelDefaults;
  logLevel?: LogLevelName;
  deps?: Partial<AppDeps>;
  /** Settings on top of the harness's own (e.g. oauth, or no bot token). */
  config?: Partial<Config>;
}

type Json = Record<string, unknown>;

/** Finds an interactive element by action_id in a payload's blocks (or a view's). */
export function findElement(payload: unknown, actionId: string): Json | undefined {
  const blocks = ((payload as Json | undefined)?.blocks ?? []) as Json[];
  for (const block of blocks) {
    const candidates: Json[] = [];
    if (block.accessory) candidates.push(block.accessory as Json);
    if (Array.isArray(block.elements)) candidates.push(...(block.elements as Json[]));
    if (block.element) candidates.push(block.element as Json);
    const found = candidates.find((element) => element.action_id === actionId);
    if (found) return { ...found, block_id: block.block_id ?? "b" };
  }
  return undefined;
}

/** Every action_id in a payload, in order. */
export function actionIds(payload: unknown): string[] {
  const blocks = ((payload as Json | undefined)?.blocks ?? []) as Json[];
  const ids: string[] = [];
  for (const block of blocks) {
    const elements = [block.accessory, ...((block.elements as unknown[]) ?? []), block.element].filter(
      Boolean,
    ) as Json[];
    for (const element of elements) if (typeof element.action_id === "string") ids.push(element.action_id);
  }
  return ids;
}

/** All the mrkdwn and plain text of a payload, joined: for "does the answer say X" assertions. */
export function textOf(payload: unknown): string {
  const parts: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === "string") return;
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      const object = value as Json;
      if ((object.type === "mrkdwn" || object.type === "plain_text") && typeof object.text === "string")
        parts.push(object.text);
      for (const [key, child] of Object.entries(object)) if (key !== "private_metadata") walk(child);
    }
  };
  walk((payload as Json | undefined)?.blocks);
  return parts.join("\n");
}

export function violationsOf(fake: FakeSlack): { where: string; violations: Violation[] }[] {
  return fake
    .payloads()
    .map(({ where, surface, payload }) => ({ where, violations: checkBlockKit(payload, surface) }))
    .filter((entry) => entry.violations.length > 0);
}

/** Every payload recorded so far fits Block Kit's limits and our escaping rules (call in afterEach). */
export function expectValidPayloads(fake: FakeSlack): void {
  expect(violationsOf(fake)).toEqual([]);
}

/** Saves each payload as {step, kind, params} (slack-preview's input) when WHO_OWNS_PAYLOAD_DUMP is set. */
function dumpPayloads(fake: FakeSlack): void {
  const dir = process.env.WHO_OWNS_PAYLOAD_DUMP;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const test = (expect.getState().currentTestName ?? "test").replace(/[^a-z0-9]+/gi, "-").slice(0, 80);
  const sent = [
    ...fake.calls
      .filter((call) => /^(chat\.|views\.)/.test(call.method))
      .map((call) => ({ kind: call.method, params: call.body })),
    ...fake.responses.map((post) => ({ kind: "response_url", params: post.body })),
  ];
  sent.forEach((entry, i) => {
    const step = `${test}-${i}`;
    writeFileSync(join(dir, `${step}.json`), JSON.stringify({ step, ...entry }, null, 1));
  });
}

/**
 * Signed requests shaped like Slack's (slash commands, event callbacks, block actions, view submissions) to
 * an app at `url`: one started in this process (Harness), or a server running as its own process.
 */
export class SlackSender {
  private counter = 0;

  constructor(
    readonly fake: FakeSlack,
    readonly url: string,
  ) {}

  get eventsUrl(): string {
    return `${this.url}/slack/events`;
  }

  nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter}`;
  }

  /** `/who-owns <text>` as Slack sends it; returns the HTTP reply and the response URL's id. */
  async command(
    text: string,
    options: { channel?: string; channelName?: string; user?: string; sign?: SignOptions } = {},
  ): Promise<{ post: SlackPost; responseId: string }> {
    const responseId = this.nextId("cmd");
    const form = new URLSearchParams(
      slashCommandFields({
        text,
        responseUrl: this.fake.responseUrl(responseId),
        triggerId: `${this.nextId("trig")}.fake`,
        ...(options.channel ? { channel: options.channel } : {}),
        ...(options.channelName ? { channelName: options.channelName } : {}),
        user: options.user ?? USER,
      }),
    );
    const post = await postToApp(
      this.eventsUrl,
      form.toString(),
      "application/x-www-form-urlencoded",
      options.sign,
    );
    return { post, responseId };
  }

  /** An Events API callback wrapping `event`. */
  async event(
    event: Json,
    options: {
      eventId?: string;
      retryNum?: number;
      retryReason?: string;
      sign?: SignOptions;
      /** The workspace it comes from (default the fake's TEAM_ID). */
      team?: string;
    } = {},
  ): Promise<{ post: SlackPost; eventId: string }> {
    const eventId = options.eventId ?? `Ev${randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}`;
    const team = options.team ?? TEAM_ID;
    const body = JSON.stringify({
      token: "legacy-verification-token",
      team_id: team,
      api_app_id: "A0WHOOWNS",
      event,
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [
        {
          enterprise_id: null,
          team_id: team,
          user_id: BOT_USER_ID,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
    });
    const headers: Record<string, string> = {};
    if (options.retryNum !== undefined) {
      headers["x-slack-retry-num"] = String(options.retryNum);
      headers["x-slack-retry-reason"] = options.retryReason ?? "http_timeout";
    }
    const post = await postToApp(this.eventsUrl, body, "application/json", { ...options.sign, headers });
    return { post, eventId };
  }

  /** A block_actions interaction clicking `element` (found in a recorded payload) in a message. */
  async clickInMessage(
    element: Json,
    options: {
      channel?: string;
      user?: string;
      ephemeral?: boolean;
      threadTs?: string;
      messageTs?: string;
      selected?: Json;
      /** The message's blocks, as Slack sends them with a click on a message that is not private. */
      messageBlocks?: Json[];
    } = {},
  ): Promise<{ post: SlackPost; responseId: string }> {
    const responseId = this.nextId("act");
    const channel = options.channel ?? "C0GENERAL1";
    const messageTs = options.messageTs ?? "1700000000.000100";
    const payload: Json = {
      type: "block_actions",
      user: { id: options.user ?? USER, username: "asker", name: "asker", team_id: TEAM_ID },
      api_app_id: "A0WHOOWNS",
      token: "legacy-verification-token",
      container: {
        type: "message",
        message_ts: messageTs,
        channel_id: channel,
        is_ephemeral: options.ephemeral ?? true,
        ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
      },
      trigger_id: `${this.nextId("trig")}.fake`,
      team: { id: TEAM_ID, domain: "fake" },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: channel, name: "some-channel" },
      ...(options.ephemeral === false
        ? {
            message: {
              type: "message",
              ts: messageTs,
              ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
              ...(options.messageBlocks ? { blocks: options.messageBlocks, text: "" } : {}),
            },
          }
        : {}),
      state: { values: {} },
      response_url: this.fake.responseUrl(responseId),
      actions: [actionFor(element, options.selected)],
    };
    const post = await this.interaction(payload);
    return { post, responseId };
  }

  /** A block_actions interaction in the Home tab `view` (as last published), clicking `element`. */
  async clickInHome(
    view: Json,
    element: Json,
    options: { selected?: Json; value?: string; user?: string } = {},
  ) {
    const payload: Json = {
      type: "block_actions",
      user: { id: options.user ?? USER, username: "asker", name: "asker", team_id: TEAM_ID },
      api_app_id: "A0WHOOWNS",
      token: "legacy-verification-token",
      container: { type: "view", view_id: "VHOME0001" },
      trigger_id: `${this.nextId("trig")}.fake`,
      team: { id: TEAM_ID, domain: "fake" },
      enterprise: null,
      is_enterprise_install: false,
      view: {
        id: "VHOME0001",
        team_id: TEAM_ID,
        type: "home",
        blocks: view.blocks,
        private_metadata: view.private_metadata,
        callback_id: view.callback_id,
        state: { values: {} },
        hash: "1700000000.abcdef",
        app_id: "A0WHOOWNS",
        bot_id: "B0BOT0001",
      },
      actions: [actionFor(element, options.selected, options.value)],
    };
    return this.interaction(payload);
  }

  async viewSubmission(view: Json, values: Json, user = USER): Promise<SlackPost> {
    const payload: Json = {
      type: "view_submission",
      team: { id: TEAM_ID, domain: "fake" },
      user: { id: user, username: "asker", name: "asker", team_id: TEAM_ID },
      api_app_id: "A0WHOOWNS",
      token: "legacy-verification-token",
      trigger_id: `${this.nextId("trig")}.fake`,
      view: {
        id: "VMODAL001",
        team_id: TEAM_ID,
        type: "modal",
        blocks: view.blocks,
        private_metadata: view.private_metadata,
        callback_id: view.callback_id,
        state: { values },
        hash: "1700000000.abcdef",
        title: view.title,
        app_id: "A0WHOOWNS",
        bot_id: "B0BOT0001",
      },
      response_urls: [],
      is_enterprise_install: false,
    };
    return this.interaction(payload);
  }

  interaction(payload: Json, sign?: SignOptions): Promise<SlackPost> {
    const form = new URLSearchParams({ payload: JSON.stringify(payload) });
    return postToApp(this.eventsUrl, form.toString(), "application/x-www-form-urlencoded", sign);
  }

  /** The last Home view published for a user. */
  lastHome(user = USER): Json {
    const calls = this.fake.callsTo("views.publish").filter((call) => call.body.user_id === user);
    const view = calls[calls.length - 1]?.body.view as Json | undefined;
    if (!view) throw new Error(`no Home view published for ${user}`);
    return view;
  }

  /** Waits for the n-th views.publish (1-based) and returns its view. */
  async homeNumber(n: number, user = USER): Promise<Json> {
    await waitUntil(
      () => this.fake.callsTo("views.publish").filter((c) => c.body.user_id === user).length >= n,
      {
        what: `Home view #${n}`,
      },
    );
    const calls = this.fake.callsTo("views.publish").filter((call) => call.body.user_id === user);
    return calls[n - 1]?.body.view as Json;
  }
}

export class Harness extends SlackSender {
  readonly logs: LogRecord[] = [];

  private constructor(
    fake: FakeSlack,
    readonly app: WhoOwnsApp,
    readonly logLines: string[],
  ) {
    super(fake, `http://127.0.0.1:${app.port}`);
  }

  static async start(options: HarnessOptions = {}): Promise<Harness> {
    const fake = await FakeSlack.start();
    const lines: string[] = [];
    const config: Config = {
      ...loopbackConfig(fake.apiUrl, options.logLevel),
      ...(options.config as Partial<Config & { mode: "http" }>),
    } as Config;
    const logger = createLogger({
      level: config.logLevel,
      write: (line) => lines.push(line),
      secrets: [BOT_TOKEN, SIGNING_SECRET],
    });
    const engine = options.engine ?? loadEngine(options.dataDir);
    const app = createApp(config, {
      engine,
      logger,
      ...(options.channelDefaults ? { channelDefaults: options.channelDefaults } : {}),
      drainMs: 2000,
      ...options.deps,
    });
    await app.start();
    const harness = new Harness(fake, app, lines);
    return harness;
  }

  /** Structured log records so far. */
  records(): LogRecord[] {
    return this.logLines.map((line) => JSON.parse(line) as LogRecord);
  }

  waitForLog(msg: string, predicate: (record: LogRecord) => boolean = () => true): Promise<LogRecord> {
    return waitUntil(() => this.records().find((record) => record.msg === msg && predicate(record)), {
      what: `a "${msg}" log record`,
    });
  }

  /** Waits for `n` records of `msg`: a reply reaches Slack before its listener logs it, so count once all came. */
  waitForLogs(msg: string, n: number): Promise<LogRecord[]> {
    return waitUntil(
      () => {
        const found = this.records().filter((record) => record.msg === msg);
        return found.length >= n && found;
      },
      { what: `${n} "${msg}" log records` },
    );
  }

  /**
   * Once requests in flight are done: every payload sent so far fits Block Kit, and every Web API call is
   * a method of Slack's published spec with its required arguments (call in afterEach). With
   * WHO_OWNS_PAYLOAD_DUMP=<dir>, the payloads are also saved for ../shared/tools/slack-preview.
   */
  async expectValidPayloads(): Promise<void> {
    await this.app.idle();
    dumpPayloads(this.fake);
    expectValidPayloads(this.fake);
    expect(specProblems(this.fake.calls)).toEqual([]);
  }

  /** Let requests in flight finish, then forget recorded calls, responses and logs (between tests). */
  async reset(): Promise<void> {
    await this.app.idle();
    this.fake.reset();
    this.logLines.length = 0;
  }

  async stop(): Promise<void> {
    await this.app.stop();
    await this.fake.stop();
  }
}

function actionFor(element: Json, selected?: Json, value?: string): Json {
  const base: Json = {
    action_id: element.action_id,
    block_id: element.block_id ?? "b",
    type: element.type,
    action_ts: `${Math.floor(Date.now() / 1000)}.000200`,
  };
  if (element.type === "button") return { ...base, text: element.text, value: element.value };
  if (element.type === "static_select") return { ...base, selected_option: selected };
  if (element.type === "plain_text_input") return { ...base, value: value ?? "" };
  return base;
}
