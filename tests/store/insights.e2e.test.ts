// The Home tab's Insights: shown to ADMIN_USER_IDS only, from the store (each engine), within Block Kit's
// limits; when the store does not answer, the Home tab is still published, saying Insights are unavailable.
import { afterEach, describe, expect, it } from "vitest";
import { loadEngine } from "../../src/answer/load.ts";
import { createInsights } from "../../src/gaps/insights.ts";
import { createStoreRecorder } from "../../src/store/recorder.ts";
import { Store } from "../../src/store/store.ts";
import { Harness, textOf, USER } from "../support/harness.ts";
import { ENGINES, type TestDatabase, testDatabase } from "./support.ts";

const ADMIN = "U0ADMIN001";
const engine = loadEngine();
const quiet = { warn() {}, info() {} };

async function openHome(h: Harness, user: string) {
  h.fake.reset();
  await h.event({
    type: "app_home_opened",
    user,
    channel: "D0DIRECT01",
    tab: "home",
    event_ts: "1700000400.000100",
  });
  const call = await h.fake.waitForCall("views.publish");
  expect(call.body.user_id).toBe(user);
  return call.body.view as Record<string, unknown>;
}

describe.each(ENGINES)("Insights on the Home tab, %s", (engineName) => {
  let database: TestDatabase | undefined;
  let store: Store | undefined;
  let h: Harness | undefined;

  afterEach(async () => {
    if (h) await h.expectValidPayloads();
    await h?.stop();
    await store?.close();
    await database?.drop();
    h = undefined;
    store = undefined;
    database = undefined;
  });

  it("shows an admin the unanswered questions, 👎 with comments and the rows asked; nobody else sees them", async () => {
    database = testDatabase(engineName);
    store = await Store.open(database.settings);
    const recorder = createStoreRecorder(store, quiet);
    for (const user of ["U1", "U2"])
      recorder.asked({
        surface: "slash",
        team: "T",
        user,
        question: "is the <blorp> backed up",
        answered: false,
      });
    recorder.asked({
      surface: "slash",
      team: "T",
      user: "U3",
      question: "who deploys patches?",
      answered: true,
      model: "ovhcloud-data-processing",
      rowId: "deploy-patches-update-softwares-available-on-the-service",
    });
    recorder.voted({
      surface: "slash",
      team: "T",
      user: "U3",
      model: "ovhcloud-data-processing",
      rowId: "deploy-patches-update-softwares-available-on-the-service",
      vote: "down",
    });
    recorder.commented({
      surface: "slash",
      team: "T",
      user: "U3",
      model: "ovhcloud-data-processing",
      rowId: "deploy-patches-update-softwares-available-on-the-service",
      comment: "kernel patches & more",
    });
    await recorder.flush();
    h = await Harness.start({ deps: { insights: createInsights(store, () => engine, [ADMIN], quiet) } });

    const adminView = textOf(await openHome(h, ADMIN));
    expect(adminView).toContain("Insights (admins only)");
    expect(adminView).toContain("3 questions");
    expect(adminView).toContain("2 × “is the &lt;blorp&gt; backed up”");
    expect(adminView).toContain(
      "1 × ovhcloud-data-processing / deploy-patches-update-softwares-available-on-the-service: “kernel patches &amp; more”",
    );
    expect(adminView).toContain("`blorp`");

    const userView = textOf(await openHome(h, USER));
    expect(userView).not.toContain("Insights");
    expect(userView).not.toContain("blorp");
  });

  it("publishes the Home tab without Insights, saying so, when the store does not answer", async () => {
    database = testDatabase(engineName);
    store = await Store.open(database.settings);
    const warnings: string[] = [];
    const insights = createInsights(store, () => engine, [ADMIN], { warn: (msg) => warnings.push(msg) });
    await store.close();
    store = undefined;
    h = await Harness.start({ deps: { insights } });
    const view = textOf(await openHome(h, ADMIN));
    expect(view).toContain("who-owns");
    expect(view).toContain("Insights are unavailable right now");
    expect(warnings).toEqual(["insights unavailable"]);
  });
});
