// The HTTP receiver: only requests signed by Slack get in; /healthz; the engine read through a getter;
// a clean stop that finishes what it started.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Engine } from "../../src/answer/engine.ts";
import { loadEngine } from "../../src/answer/load.ts";
import { DEFAULT_DATA_DIR } from "../../src/model/load.ts";
import { Harness, textOf } from "../support/harness.ts";
import { postToApp } from "../support/signing.ts";

let h: Harness;
let current: Engine;
const shipped = loadEngine();

beforeAll(async () => {
  current = shipped;
  h = await Harness.start({ engine: () => current });
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(async () => {
  await h.reset();
  current = shipped;
});
afterEach(() => h.expectValidPayloads());

describe("request signatures", () => {
  it("a forged signature gets 401 and nothing happens", async () => {
    const { post, responseId } = await h.command("who deploys patches", {
      sign: { forge: `v0=${"0".repeat(64)}` },
    });
    expect(post.status).toBe(401);
    const event = await h.event(
      { type: "message", channel: "D1", channel_type: "im", user: "U1", text: "hi", ts: "1.1" },
      { sign: { secret: "not-the-signing-secret" } },
    );
    expect(event.post.status).toBe(401);
    await h.app.idle();
    expect(h.fake.responses.filter((r) => r.id === responseId)).toEqual([]);
    expect(h.fake.callsTo("chat.postMessage")).toEqual([]);
  });

  it("a stale timestamp (replay) gets 401", async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const { post } = await h.command("who deploys patches", { sign: { timestamp: sixMinutesAgo } });
    expect(post.status).toBe(401);
  });

  it("no signature at all gets 401", async () => {
    const response = await fetch(h.eventsUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "event_callback", event: {} }),
    });
    expect(response.status).toBe(401);
  });

  it("answers Slack's url_verification challenge", async () => {
    const body = JSON.stringify({ type: "url_verification", challenge: "abc123", token: "t" });
    const post = await postToApp(h.eventsUrl, body, "application/json");
    expect(post.status).toBe(200);
    expect(post.text).toContain("abc123");
  });

  it("acks a slash command at once", async () => {
    const { post } = await h.command("who deploys patches");
    expect(post.status).toBe(200);
    // Slack allows 3 s; a few ms when idle, so 2.5 s only fails when the ack really waits for the answer.
    expect(post.ms).toBeLessThan(2500);
  });
});

describe("GET /healthz", () => {
  it("answers on the same port with what is loaded", async () => {
    const response = await fetch(`${h.url}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: "ok", mode: "http", models: 3 });
    expect(body.rows).toBeGreaterThan(80);
  });
});

describe("the engine is read through a getter", () => {
  it("a swapped engine (a data reload) answers the next question without a restart, escaping its notes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "who-owns-data-"));
    mkdirSync(join(dir, "models"));
    cpSync(join(DEFAULT_DATA_DIR, "synonyms.yml"), join(dir, "synonyms.yml"));
    writeFileSync(
      join(dir, "models", "tiny.yml"),
      [
        "id: tiny",
        "name: Tiny Model",
        "parties: [Builder, Owner]",
        "rows:",
        "  - section: Kitchen",
        "    responsibility: Washing the teapot",
        "    assignments: {Builder: RA, Owner: I}",
        `    notes: "Ask <!channel> or <@U0BOSS1> in **#kitchen**<br>See [the <b>guide</b>](https://example.com/tea?a=1&b=2)"`,
      ].join("\n"),
    );
    current = loadEngine(dir);
    const { responseId } = await h.command("who washes the teapot");
    const body = (await h.fake.waitForResponse(responseId)).body;
    expect(textOf(body)).toContain("“Washing the teapot”");
    // A note cannot mention anyone: its markup arrives as text; only the link we build is a link.
    expect(textOf(body)).toContain(
      "Ask &lt;!channel&gt; or &lt;@U0BOSS1&gt; in *#kitchen*\nSee <https://example.com/tea?a=1&amp;b=2|the &lt;b&gt;guide&lt;/b&gt;>",
    );
    const health = (await (await fetch(`${h.url}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ models: 1, rows: 1 });
  });
});

describe("stopping", () => {
  it("stop() closes the port after finishing requests in flight", async () => {
    const own = await Harness.start();
    try {
      const { post, responseId } = await own.command("who deploys patches");
      expect(post.status).toBe(200);
      await own.app.stop();
      // The answer that was being prepared still went out.
      await own.fake.waitForResponse(responseId);
      await expect(fetch(`${own.url}/healthz`)).rejects.toThrow();
      await own.waitForLog("who-owns stopped");
    } finally {
      await own.fake.stop();
    }
  });
});
