// Several workspaces: the OAuth install round trip through Bolt's installer against the fake Slack
// (oauth.v2.access), the installation kept in the store, the next event from that workspace answered with
// its token, a forged state refused, and uninstalling deleting the tokens. Two app processes on one
// PostgreSQL: two-processes.e2e.test.ts.
import { afterEach, describe, expect, it } from "vitest";
import type { Config } from "../../src/config.ts";
import { createInstallationStore } from "../../src/store/installations.ts";
import { createStoreRecorder, type StoreRecorder } from "../../src/store/recorder.ts";
import { Store } from "../../src/store/store.ts";
import { BOT_USER_ID, OAUTH_TEAM_ID, oauthBotToken, waitUntil } from "../support/fake-slack.ts";
import { Harness } from "../support/harness.ts";
import { ENGINES, type TestDatabase, testDatabase } from "./support.ts";

const OAUTH: Partial<Config> = {
  botToken: undefined,
  oauth: {
    clientId: "1111.2222",
    clientSecret: "0123456789abcdef0123",
    stateSecret: "a-state-secret-for-tests",
  },
} as Partial<Config>;

const mention = (text: string, ts = "1700000100.000200") => ({
  type: "app_mention",
  user: "U0OTHER001",
  text: `<@${BOT_USER_ID}> ${text}`,
  ts,
  channel: "C0THEIRS01",
  event_ts: ts,
});

/** /slack/install, then Slack's redirect back with a code and the state (and its cookie, unless forged). */
async function install(h: Harness, code: string, options: { forgeState?: boolean } = {}) {
  const page = await fetch(`${h.url}/slack/install`);
  expect(page.status).toBe(200);
  const html = await page.text();
  const state = /[?&]state=([^"&]+)/.exec(html)?.[1];
  expect(state, "the install page links to Slack's authorize URL with a state").toBeTruthy();
  expect(html).toContain("client_id=1111.2222");
  expect(decodeURIComponent(html)).toContain(
    "scope=commands,app_mentions:read,chat:write,im:history,channels:read",
  );
  const cookie = (page.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const used = options.forgeState ? `${state}x` : state;
  return fetch(`${h.url}/slack/oauth_redirect?code=${code}&state=${used}`, {
    headers: { cookie },
    redirect: "manual",
  });
}

describe.each(ENGINES)("OAuth installs on %s", (engineName) => {
  let database: TestDatabase | undefined;
  const stores: Store[] = [];
  const harnesses: Harness[] = [];
  const recorders: StoreRecorder[] = [];

  async function instance() {
    database ??= testDatabase(engineName);
    const store = await Store.open(database.settings);
    stores.push(store);
    const recorder = createStoreRecorder(store, { warn() {}, info() {} });
    recorders.push(recorder);
    const h = await Harness.start({
      config: OAUTH,
      deps: { installations: createInstallationStore(store), recorder },
    });
    harnesses.push(h);
    return { h, store, recorder };
  }

  afterEach(async () => {
    for (const h of harnesses.splice(0)) await h.stop();
    for (const recorder of recorders.splice(0)) await recorder.close();
    for (const store of stores.splice(0)) await store.close();
    await database?.drop();
    database = undefined;
  });

  it("installs through /slack/install and the redirect, stores the installation, answers that workspace with its token", async () => {
    const { h, store } = await instance();
    const done = await install(h, `code-${OAUTH_TEAM_ID}`);
    expect(done.status).toBe(200);
    const exchange = await h.fake.waitForCall("oauth.v2.access");
    expect(exchange.body.code).toBe(`code-${OAUTH_TEAM_ID}`);
    const rows = await store.db.selectFrom("installations").select(["id", "team_id", "data"]).execute();
    expect(rows.map((row) => [row.id, row.team_id])).toEqual([[`T${OAUTH_TEAM_ID}`, OAUTH_TEAM_ID]]);
    expect(JSON.parse(rows[0]?.data ?? "{}").bot.token).toBe(oauthBotToken(OAUTH_TEAM_ID));

    await h.event(mention("who deploys patches?"), { team: OAUTH_TEAM_ID });
    const answer = await h.fake.waitForCall("chat.postMessage");
    expect(answer.headers.authorization).toBe(`Bearer ${oauthBotToken(OAUTH_TEAM_ID)}`);
    expect(answer.body.channel).toBe("C0THEIRS01");
  });

  it("refuses a redirect whose state was not issued with the cookie, storing nothing", async () => {
    const { h, store } = await instance();
    const done = await install(h, "code-T0FORGED1", { forgeState: true });
    expect(done.status).toBeGreaterThanOrEqual(400);
    expect(h.fake.callsTo("oauth.v2.access")).toEqual([]);
    expect(await store.db.selectFrom("installations").selectAll().execute()).toEqual([]);
  });

  it("a workspace that never installed is not answered; app_uninstalled deletes that workspace's tokens", async () => {
    const { h, store } = await instance();
    expect((await install(h, `code-${OAUTH_TEAM_ID}`)).status).toBe(200);
    await install(h, "code-T0THIRD03");
    expect(await store.db.selectFrom("installations").select("id").orderBy("id").execute()).toHaveLength(2);

    await h.event(mention("who deploys patches?"), { team: "T0NOBODY9" });
    await h.app.idle();
    expect(h.fake.callsTo("chat.postMessage")).toEqual([]);

    await h.event({ type: "app_uninstalled" }, { team: OAUTH_TEAM_ID });
    await waitUntil(
      async () => (await store.db.selectFrom("installations").select("id").execute()).length === 1,
      {
        what: "the installation to be deleted",
      },
    );
    const left = await store.db.selectFrom("installations").select("id").execute();
    expect(left).toEqual([{ id: "TT0THIRD03" }]);
    await h.event(mention("who deploys patches?", "1700000300.000100"), { team: OAUTH_TEAM_ID });
    await h.app.idle();
    expect(h.fake.callsTo("chat.postMessage")).toEqual([]);

    await h.event({ type: "tokens_revoked", tokens: { bot: [BOT_USER_ID] } }, { team: "T0THIRD03" });
    await waitUntil(
      async () => (await store.db.selectFrom("installations").select("id").execute()).length === 0,
      {
        what: "the revoked installation to be deleted",
      },
    );
  });
});
