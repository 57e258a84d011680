// What changed, in Slack: `what changed [model]` is routed, the Home tab shows the latest change of the
// model on show, and a reload that brings a new change entry makes one summary for CHANGES_CHANNEL.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadEngine } from "../../src/answer/load.ts";
import { loadConfig } from "../../src/config.ts";
import { parseChanges } from "../../src/model/changes.ts";
import { NO_CHANNELS } from "../../src/slack/blocks/answer.ts";
import { reloadChangesText } from "../../src/slack/blocks/changes.ts";
import { homeView } from "../../src/slack/blocks/home.ts";
import { parseRequest } from "../../src/slack/reply.ts";
import { textOf } from "../support/harness.ts";

const LOG = `# Changes to ovhcloud-data-processing

Newest first. Written by \`who-owns sync --write\`.

## 2026-11-30

From https://example.org/guide.md: 2 changes.

- row-reworded: 1. Before subscription › "Setup your cluster" → "Set up your cluster"
- roles-changed: 2. Service availability › "Choose the service location": Customer RA → I

## 2026-10-01

From https://example.org/guide.md: 1 change.

- row-added: 3. Usage › "Scale the cluster" (Customer RA)
`;

function dataWith(log?: string): string {
  const data = mkdtempSync(join(tmpdir(), "who-owns-changes-"));
  cpSync(fileURLToPath(new URL("../../data/", import.meta.url)), data, { recursive: true });
  if (log) {
    mkdirSync(join(data, "changes"), { recursive: true });
    writeFileSync(join(data, "changes", "ovhcloud-data-processing.md"), log);
  }
  return data;
}

describe("what changed", () => {
  it("is a request of its own, with or without a model", () => {
    expect(parseRequest("what changed")).toEqual({ kind: "changes", rest: "", question: "what changed" });
    expect(parseRequest("What has changed in OVH?")).toMatchObject({ kind: "changes", rest: "OVH" });
    expect(parseRequest("what's changed")).toMatchObject({ kind: "changes", rest: "" });
    expect(parseRequest("who changed the DPIA?")).toMatchObject({ kind: "ask" });
  });

  it("reads the change log newest first", () => {
    const entries = parseChanges(LOG);
    expect(entries.map((entry) => [entry.date, entry.changes.length])).toEqual([
      ["2026-11-30", 2],
      ["2026-10-01", 1],
    ]);
    expect(entries[0]?.summary).toBe("From https://example.org/guide.md: 2 changes.");
  });

  it("the Home tab shows the latest change of the model on show, and nothing for one never synced", () => {
    const engine = loadEngine(dataWith(LOG));
    const ovh = textOf(homeView(engine, { pg: 0, m: "ovhcloud-data-processing" }, NO_CHANNELS));
    expect(ovh).toContain("*Latest changes:* 2 changes on 2026-11-30 (1 reworded, 1 owners)");
    const ap = textOf(homeView(engine, { pg: 0, m: "moj-analytical-platform" }, NO_CHANNELS));
    expect(ap).not.toContain("Latest changes");
  });

  it("a reload with a new entry makes one summary; a reload without one makes none", () => {
    const before = loadEngine(dataWith());
    const after = loadEngine(dataWith(LOG));
    const text = reloadChangesText(before.catalogue, after.catalogue);
    expect(text).toContain("*OVHcloud Data Processing* — 2 changes on 2026-11-30");
    expect(text).toContain("*OVHcloud Data Processing* — 1 change on 2026-10-01");
    expect(reloadChangesText(after.catalogue, loadEngine(dataWith(LOG)).catalogue)).toBeUndefined();
  });

  it("CHANGES_CHANNEL is checked at start, with what to put there", () => {
    const base = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "a".repeat(32) };
    expect(loadConfig({ ...base, CHANGES_CHANNEL: "C0123ABCD" }).changesChannel).toBe("C0123ABCD");
    expect(loadConfig({ ...base, CHANGES_CHANNEL: "#who-owns-changes" }).changesChannel).toBe(
      "#who-owns-changes",
    );
    expect(() => loadConfig({ ...base, CHANGES_CHANNEL: "not a channel!" })).toThrow(
      /CHANGES_CHANNEL: is not a channel ID or name/,
    );
  });
});
