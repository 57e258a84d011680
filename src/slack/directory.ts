// Which channels exist in this workspace, so a route can be a clickable <#C…>: conversations.list, paged,
// cached per team for a while. A failure never blocks an answer: routes then show as #name (workspace).
import type { webApi } from "@slack/bolt";
import type { RenderContext } from "./blocks/answer.ts";
import type { Caller } from "./calls.ts";
import type { AppLogger } from "./logger.ts";

export interface ChannelNames extends RenderContext {
  /** The name of a channel id, when it is a public channel the list returned. */
  channelName(id: string): string | undefined;
  /** The workspace, and its list itself, channel name to id: the same map until a refresh replaces it. */
  readonly team: string;
  readonly byName: ReadonlyMap<string, string>;
}

/** The id of channel `name` ("#ops", "Ops") in a list keyed by lower-case name. */
export function channelIdIn(byName: ReadonlyMap<string, string>, name: string): string | undefined {
  return byName.get(name.replace(/^#/, "").toLowerCase());
}

interface Entry {
  byName: Map<string, string>;
  byId: Map<string, string>;
  fetchedAt: number;
  /** A failed fetch is retried sooner than a good one is refreshed. */
  failed: boolean;
  inflight?: Promise<void>;
}

export interface DirectoryOptions {
  ttlMs?: number;
  /** After a failure, try again this soon. */
  retryMs?: number;
  /** Pages of conversations.list to read at most (200 channels each). */
  maxPages?: number;
  now?: () => number;
  /** How long an answer waits for the very first list of a team before rendering names as text (default 1 s). */
  firstWaitMs?: number;
}

/** Waits for `work` at most `ms`; never rejects (refresh() does not either). */
function within(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([work, budget]).finally(() => clearTimeout(timer));
}

export class ChannelDirectory {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly retryMs: number;
  private readonly maxPages: number;
  private readonly now: () => number;
  private readonly firstWaitMs: number;

  constructor(
    private readonly logger: AppLogger,
    private readonly call: Caller,
    options: DirectoryOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.retryMs = options.retryMs ?? 60_000;
    this.maxPages = options.maxPages ?? 25;
    this.now = options.now ?? Date.now;
    this.firstWaitMs = options.firstWaitMs ?? 1000;
  }

  /** The channel names of a team, fresh enough; waits for a fetch only when there is nothing cached. */
  async names(client: webApi.WebClient, teamId = "_"): Promise<ChannelNames> {
    let entry = this.entries.get(teamId);
    if (!entry) {
      entry = { byName: new Map(), byId: new Map(), fetchedAt: 0, failed: false };
      this.entries.set(teamId, entry);
    }
    const age = this.now() - entry.fetchedAt;
    const stale = entry.fetchedAt === 0 || age > (entry.failed ? this.retryMs : this.ttlMs);
    if (stale && !entry.inflight) {
      const target = entry;
      target.inflight = this.refresh(client, target).finally(() => {
        target.inflight = undefined;
      });
    }
    // Wait only for the first fetch, and only briefly: if Slack is slow, this answer shows channels as text
    // and the fetch goes on filling the cache for later ones. Later refreshes happen behind cached names.
    if (entry.fetchedAt === 0 && entry.inflight) await within(entry.inflight, this.firstWaitMs);
    const { byName, byId } = entry;
    return {
      channelId: (name) => channelIdIn(byName, name),
      channelName: (id) => byId.get(id),
      team: teamId,
      byName,
    };
  }

  private async refresh(client: webApi.WebClient, entry: Entry): Promise<void> {
    const byName = new Map<string, string>();
    const byId = new Map<string, string>();
    let cursor: string | undefined;
    try {
      for (let page = 0; page < this.maxPages; page += 1) {
        const result = await this.call("conversations.list", () =>
          client.conversations.list({
            types: "public_channel",
            exclude_archived: true,
            limit: 200,
            ...(cursor ? { cursor } : {}),
          }),
        );
        for (const channel of result.channels ?? []) {
          if (channel.id && channel.name) {
            byName.set(channel.name.toLowerCase(), channel.id);
            byId.set(channel.id, channel.name);
          }
        }
        cursor = result.response_metadata?.next_cursor || undefined;
        if (!cursor) break;
      }
      entry.byName = byName;
      entry.byId = byId;
      entry.failed = false;
      this.logger.debug("channel list refreshed", { channels: byName.size });
    } catch (error) {
      entry.failed = true;
      this.logger.warn("channel list unavailable; routes show channel names", {
        error: (error as Error).message,
      });
    } finally {
      entry.fetchedAt = this.now();
    }
  }
}
