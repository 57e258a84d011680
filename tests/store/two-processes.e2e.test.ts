// Two app processes (`npm start`, each its own bin/server.js) on one PostgreSQL schema of their own, behind
// one fake Slack: a workspace installed through one (OAuth round trip) is answered through the other with
// its token, and 👎 pressed through each is in both apps' Insights (read from the shared store).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BOT_USER_ID,
  FakeSlack,
  OAUTH_TEAM_ID,
  oauthBotToken,
  TEAM_ID,
  waitUntil,
} from "../support/fake-slack.ts";
import { findElement, SlackSender, textOf, USER } from "../support/harness.ts";
import { ServerProcess } from "../support/server-process.ts";
import { SIGNING_SECRET } from "../support/signing.ts";
import { HAS_POSTGRES, type TestDatabase, testDatabase } from "./support.ts";

const ADMIN = "U0ADMIN001";

/** /slack/install on one app, then Slack's redirect back to it with a code, the state and its cookie. */
async function install(app: SlackSender, team: string): Promise<number> {
  const page = await fetch(`${app.url}/slack/install`);
  const state = /[?&]state=([^"&]+)/.exec(await page.text())?.[1];
  if (!state) throw new Error("the install page carries no state");
  const cookie = (page.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const done = await fetch(`${app.url}/slack/oauth_redirect?code=code-${team}&state=${state}`, {
    headers: { cookie },
    redirect: "manual",
  });
  await done.arrayBuffer();
  return done.status;
}

describe.skipIf(!HAS_POSTGRES)("two app processes on one PostgreSQL", () => {
  let fake: FakeSlack;
  let database: TestDatabase;
  let cwd: string;
  const servers: ServerProcess[] = [];
  let a: SlackSender;
  let b: SlackSender;

  beforeAll(async () => {
    fake = await FakeSlack.start();
    // A schema of its own (testDatabase names it per run): parallel runs on one server never meet.
    database = testDatabase("postgres");
    cwd = mkdtempSync(join(tmpdir(), "who-owns-two-apps-"));
    const env = {
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_CLIENT_ID: "1111.2222",
      SLACK_CLIENT_SECRET: "0123456789abcdef0123",
      SLACK_STATE_SECRET: "a-state-secret-for-tests",
      ADMIN_USER_IDS: ADMIN,
      PORT: "0",
      ...database.env,
    };
    // One after the other: the second finds the migrations applied by the first.
    for (const _ of [1, 2]) {
      const server = ServerProcess.spawn(env, cwd);
      servers.push(server);
      await server.port();
    }
    const [first, second] = await Promise.all(servers.map((server) => server.port()));
    a = new SlackSender(fake, `http://127.0.0.1:${first}`);
    b = new SlackSender(fake, `http://127.0.0.1:${second}`);
  }, 60_000);

  afterAll(async () => {
    for (const server of servers) expect(await server.stop()).toBe(0);
    await fake?.stop();
    await database?.drop();
    if (cwd) rmSync(cwd, { recursive: true, force: true });
  });

  /** The admin's Home tab from one app, as it publishes it. */
  async function insightsFrom(app: SlackSender): Promise<string> {
    const before = fake.callsTo("views.publish").length;
    await app.event(
      {
        type: "app_home_opened",
        user: ADMIN,
        channel: "D0ADMIN001",
        tab: "home",
        event_ts: "1700000900.000100",
      },
      { team: TEAM_ID },
    );
    await waitUntil(() => fake.callsTo("views.publish").length > before, { what: "the Home tab" });
    return textOf(fake.callsTo("views.publish")[before]?.body.view);
  }

  it("a workspace installed through one app is answered through the other, with its token", async () => {
    expect(await install(a, OAUTH_TEAM_ID)).toBe(200);
    await b.event(
      {
        type: "app_mention",
        user: "U0OTHER001",
        text: `<@${BOT_USER_ID}> who deploys patches?`,
        ts: "1700000100.000200",
        channel: "C0THEIRS01",
        event_ts: "1700000100.000200",
      },
      { team: OAUTH_TEAM_ID },
    );
    const answer = await fake.waitForCall("chat.postMessage", (call) => call.body.channel === "C0THEIRS01");
    expect(answer.headers.authorization).toBe(`Bearer ${oauthBotToken(OAUTH_TEAM_ID)}`);
    expect(textOf(answer.body)).toContain("Deploy patches");
  }, 30_000);

  it("👎 pressed through each app is in the other's Insights", async () => {
    expect(await install(a, TEAM_ID)).toBe(200);
    const asked = await b.command("who deploys patches?");
    const card = (await fake.waitForResponse(asked.responseId)).body;
    const down = findElement(card, "feedback.down");
    if (!down) throw new Error("the answer has a 👎 button");
    await a.clickInMessage(down, { user: USER });
    // Written behind the answer: B's Insights show A's vote once A's recorder has written it.
    let seen = "";
    await waitUntil(
      async () => {
        seen = await insightsFrom(b);
        return /1 × ovhcloud-data-processing \/ deploy-patches/.test(seen);
      },
      { what: "A's 👎 in B's Insights", timeoutMs: 15_000 },
    );
    expect(seen).toContain("Insights (admins only)");
    await b.clickInMessage(down, { user: "U0SECOND1" });
    await waitUntil(
      async () => /2 × ovhcloud-data-processing \/ deploy-patches/.test(await insightsFrom(a)),
      { what: "both 👎 in A's Insights", timeoutMs: 15_000 },
    );
    // The question was asked through B; A counts it (with the mention before it).
    await waitUntil(async () => /2 questions/.test(await insightsFrom(a)), {
      what: "both questions in A's Insights",
      timeoutMs: 15_000,
    });
  }, 45_000);
});
