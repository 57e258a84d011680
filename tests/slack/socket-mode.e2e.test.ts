// The same app over Socket Mode: apps.connections.open on the fake API hands out a ws:// URL on loopback,
// the fake sends envelopes (slash command, event, interaction) and records the app's acks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEngine } from "../../src/answer/load.ts";
import type { SocketConfig } from "../../src/config.ts";
import { createApp, type WhoOwnsApp } from "../../src/slack/app.ts";
import { createLogger } from "../../src/slack/logger.ts";
import { BOT_USER_ID, FakeSlack, slashCommandFields, TEAM_ID, waitUntil } from "../support/fake-slack.ts";
import { BOT_TOKEN, findElement, textOf, USER, violationsOf } from "../support/harness.ts";
import { specProblems } from "../support/web-api-spec.ts";

const APP_TOKEN = "xapp-1-A0WHOOWNS-1234-fakeapptoken";

let fake: FakeSlack;
let app: WhoOwnsApp;
const lines: string[] = [];

beforeAll(async () => {
  fake = await FakeSlack.start();
  const config: SocketConfig = {
    mode: "socket",
    botToken: BOT_TOKEN,
    appToken: APP_TOKEN,
    healthPort: 0,
    host: "127.0.0.1",
    apiUrl: fake.apiUrl,
    logLevel: "info",
    answerThread: "worker",
  };
  app = createApp(config, {
    engine: loadEngine(),
    logger: createLogger({
      level: "info",
      write: (line) => lines.push(line),
      secrets: [BOT_TOKEN, APP_TOKEN],
    }),
  });
  await app.start();
});

afterAll(async () => {
  await app?.stop();
  await fake?.stop();
});

const acked = (id: string) =>
  waitUntil(() => fake.socketMessages.find((message) => message.envelope_id === id), {
    what: `the ack of ${id}`,
  });

describe("Socket Mode", () => {
  it("connects with the app-level token and serves /healthz on its health port", async () => {
    const open = fake.callsTo("apps.connections.open");
    expect(open).toHaveLength(1);
    expect(open[0]?.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(fake.connectedSockets).toBe(1);
    const health = await fetch(`http://127.0.0.1:${app.port}/healthz`);
    expect(await health.json()).toMatchObject({ status: "ok", mode: "socket", models: 3 });
  });

  it("answers /who-owns privately through the response URL", async () => {
    const id = fake.sendEnvelope(
      "slash_commands",
      slashCommandFields({
        text: "who deploys patches",
        responseUrl: fake.responseUrl("sock-cmd"),
        triggerId: "1.fake",
        user: USER,
      }),
    );
    await acked(id);
    const response = await fake.waitForResponse("sock-cmd");
    expect(response.body.response_type).toBe("ephemeral");
    expect(textOf(response.body)).toContain("“Deploy patches, update softwares available on the service”");
  });

  it("answers a mention in its thread, and drops a redelivery (retry_attempt > 0)", async () => {
    const payload = {
      token: "t",
      team_id: TEAM_ID,
      api_app_id: "A0WHOOWNS",
      type: "event_callback",
      event_id: "Ev0SOCKET01",
      event_time: 1700000500,
      authorizations: [
        { team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false },
      ],
      event: {
        type: "app_mention",
        user: USER,
        text: `<@${BOT_USER_ID}> who creates s3 buckets`,
        ts: "1700000500.000100",
        channel: "C0GENERAL1",
      },
    };
    const first = fake.sendEnvelope("events_api", payload, { retry_attempt: 0, retry_reason: "" });
    await acked(first);
    const call = await fake.waitForCall("chat.postMessage");
    expect(call.body.thread_ts).toBe("1700000500.000100");
    expect(textOf(call.body)).toContain("Creating S3 buckets");
    const retry = fake.sendEnvelope("events_api", payload, { retry_attempt: 1, retry_reason: "timeout" });
    await acked(retry);
    await waitUntil(() => lines.some((line) => line.includes("event retry dropped")), {
      what: "the retry dropped",
    });
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("serves a button click", async () => {
    const answer = (await fake.waitForResponse("sock-cmd")).body;
    const share = findElement(answer, "share");
    const id = fake.sendEnvelope("interactive", {
      type: "block_actions",
      user: { id: USER, username: "asker", name: "asker", team_id: TEAM_ID },
      api_app_id: "A0WHOOWNS",
      token: "t",
      container: { type: "message", message_ts: "1.2", channel_id: "C0GENERAL1", is_ephemeral: true },
      trigger_id: "2.fake",
      team: { id: TEAM_ID, domain: "fake" },
      channel: { id: "C0GENERAL1", name: "general" },
      response_url: fake.responseUrl("sock-share"),
      actions: [{ action_id: "share", block_id: "b", type: "button", value: share?.value, action_ts: "1.3" }],
    });
    await acked(id);
    await fake.waitForResponse("sock-share", (r) => r.body.delete_original === true);
    expect(fake.callsTo("chat.postMessage").at(-1)?.body.channel).toBe("C0GENERAL1");
    expect(violationsOf(fake)).toEqual([]);
    expect(specProblems(fake.calls)).toEqual([]);
    expect(lines.join("\n")).not.toMatch(/xoxb-|xapp-/);
  });
});
