// Channel names (conversations.list, paged, cached per team with a TTL) and channel defaults (channels.yml).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { webApi } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { DEFAULT_DATA_DIR } from "../../src/model/load.ts";
import { contactText } from "../../src/slack/blocks/answer.ts";
import { createCaller } from "../../src/slack/calls.ts";
import { channelDefaults, loadChannelDefaults } from "../../src/slack/channels.ts";
import { ChannelDirectory } from "../../src/slack/directory.ts";
import { createLogger } from "../../src/slack/logger.ts";

const logger = createLogger({ level: "error", write: () => undefined });
const call = createCaller(logger, 0);

function client(pages: { id: string; name: string }[][], fail = false) {
  const calls: Record<string, unknown>[] = [];
  const stub = {
    conversations: {
      list: async (args: Record<string, unknown>) => {
        calls.push(args);
        if (fail)
          throw Object.assign(new Error("An API error occurred: ratelimited"), {
            data: { error: "ratelimited" },
          });
        const index = Number(args.cursor ?? 0);
        return {
          ok: true,
          channels: pages[index],
          response_metadata: { next_cursor: index + 1 < pages.length ? String(index + 1) : "" },
        };
      },
    },
  };
  return { stub: stub as unknown as webApi.WebClient, calls };
}

describe("ChannelDirectory", () => {
  it("reads every page of public channels, then serves names from cache until the TTL passes", async () => {
    let now = 1_000_000;
    const directory = new ChannelDirectory(logger, call, { ttlMs: 60_000, now: () => now });
    const { stub, calls } = client([
      [{ id: "C1", name: "General" }],
      [{ id: "C2", name: "analytical-platform-support" }],
    ]);
    const names = await directory.names(stub, "T1");
    expect(names.channelId("analytical-platform-support")).toBe("C2");
    expect(names.channelId("#general")).toBe("C1");
    expect(names.channelName("C2")).toBe("analytical-platform-support");
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ types: "public_channel", exclude_archived: true, limit: 200 });
    await directory.names(stub, "T1");
    expect(calls).toHaveLength(2);
    now += 61_000;
    await directory.names(stub, "T1");
    // A stale cache is refreshed behind the answer, not before it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toHaveLength(4);
  });

  it("when conversations.list fails, routes show the channel's name and workspace", async () => {
    const directory = new ChannelDirectory(logger, call);
    const { stub } = client([], true);
    const names = await directory.names(stub, "T2");
    expect(names.channelId("analytical-platform-support")).toBeUndefined();
    const route = contactText(
      { type: "slack-channel", value: "#analytical-platform-support", workspace: "Justice Digital" },
      names,
    );
    expect(route).toBe("#analytical-platform-support (Justice Digital workspace)");
  });

  it("each team has its own cache", async () => {
    const directory = new ChannelDirectory(logger, call);
    const a = client([[{ id: "C1", name: "x" }]]);
    const b = client([[{ id: "C9", name: "x" }]]);
    expect((await directory.names(a.stub, "TA")).channelId("x")).toBe("C1");
    expect((await directory.names(b.stub, "TB")).channelId("x")).toBe("C9");
  });
});

describe("channel defaults", () => {
  it("the shipped channels.yml sends #analytical-platform-support to the Analytical Platform", () => {
    const defaults = loadChannelDefaults(DEFAULT_DATA_DIR);
    expect(defaults.modelFor("C0ANY", "analytical-platform-support")).toBe("moj-analytical-platform");
    expect(defaults.modelFor("C0ANY", "general")).toBeUndefined();
  });

  it("matches by channel id or by name (with or without #, any case)", () => {
    const defaults = channelDefaults({ C0123ABCD: "ovhcloud-data-processing", "#Hub-Help": "2i2c-hubs" });
    expect(defaults.modelFor("C0123ABCD")).toBe("ovhcloud-data-processing");
    expect(defaults.modelFor("C0OTHER01", "hub-help")).toBe("2i2c-hubs");
    expect(defaults.modelFor(undefined, undefined)).toBeUndefined();
  });

  it("a folder without channels.yml has no defaults; a malformed one is refused with the file named", () => {
    const dir = mkdtempSync(join(tmpdir(), "who-owns-channels-"));
    expect(loadChannelDefaults(dir).size).toBe(0);
    writeFileSync(join(dir, "channels.yml"), "general: Not A Model Id\n");
    expect(() => loadChannelDefaults(dir)).toThrow(/channels\.yml:1 general: must be a model id/);
    writeFileSync(join(dir, "channels.yml"), "# defaults\ngeneral: ok-model\ngeneral: other-model\n");
    expect(() => loadChannelDefaults(dir)).toThrow(/channels\.yml:3 invalid YAML/);
    writeFileSync(join(dir, "channels.yml"), "# nothing yet\n");
    expect(loadChannelDefaults(dir).size).toBe(0);
  });
});
