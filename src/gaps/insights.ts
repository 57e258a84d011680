// The Home tab's Insights for ADMIN_USER_IDS: the gaps report of the last 30 days as a few Block Kit
// blocks under the Home view. Cached for a minute, and never waited on for long: when the store is slow
// or down, the Home tab is published without them (with a line saying so).
import type { types } from "@slack/bolt";
import type { Engine } from "../answer/engine.ts";
import { escapeMrkdwn, truncateMrkdwn, truncatePlain } from "../slack/text.ts";
import type { Store } from "../store/store.ts";
import { type GapsReport, gapsReport } from "./report.ts";

type Block = types.KnownBlock;

/** Blocks for one user: the Insights for an admin, nothing for anyone else. */
export type Insights = (userId: string) => Promise<Block[]>;

const SHOWN = 5;
const SECTION_MAX = 2900;
const DAY_MS = 86_400_000;

const section = (text: string): Block => ({
  type: "section",
  text: { type: "mrkdwn", text: truncateMrkdwn(text, SECTION_MAX) },
});
const note = (text: string): Block => ({
  type: "context",
  elements: [{ type: "mrkdwn", text: truncateMrkdwn(text, SECTION_MAX) }],
});
const quote = (text: string) => `“${escapeMrkdwn(truncatePlain(text, 120))}”`;

/** The report as blocks (at most 9): what to read first, with the CLI for the rest. */
export function insightsBlocks(report: GapsReport): Block[] {
  const list = (lines: string[]) => (lines.length ? lines.slice(0, SHOWN).join("\n") : "_none_");
  const never = report.rows.filter((row) => row.asked === 0).length;
  return [
    { type: "divider" },
    { type: "header", text: { type: "plain_text", text: "Insights (admins only)" } },
    note(
      `Since ${report.since.slice(0, 10)}: ${report.questions} questions. Everything: \`npx who-owns gaps\` (--json, --csv).`,
    ),
    section(
      `*Not answered*\n${list(report.unanswered.map((g) => `${g.count} × ${quote(g.question)}${g.model ? ` (${escapeMrkdwn(g.model)})` : ""}`))}`,
    ),
    section(
      `*Marked 👎*\n${list(
        report.downvoted.map(
          (d) =>
            `${d.count} × ${escapeMrkdwn(d.model)} / ${escapeMrkdwn(d.rowId)}${d.comments[0] ? `: ${quote(d.comments[0])}` : ""}`,
        ),
      )}`,
    ),
    section(
      `*Asked most*\n${list(
        report.rows
          .filter((row) => row.asked > 0)
          .map((r) => `${r.asked} × ${escapeMrkdwn(r.model)} / ${escapeMrkdwn(r.rowId)}`),
      )}\n_${never} rows never asked about._`,
    ),
    section(
      `*Suggested synonyms* (data/synonyms.yml)\n${list(
        report.suggestions.map(
          (s) => `\`${escapeMrkdwn(truncatePlain(s.word, 40))}\` → ${s.rows.map(escapeMrkdwn).join(", ")}`,
        ),
      )}`,
    ),
  ];
}

export function createInsights(
  store: Store,
  engine: () => Engine,
  adminUserIds: readonly string[],
  logger: { warn(msg: string, fields?: Record<string, unknown>): void },
  options: { cacheMs?: number; waitMs?: number } = {},
): Insights {
  const admins = new Set(adminUserIds);
  const cacheMs = options.cacheMs ?? 60_000;
  const waitMs = options.waitMs ?? 1500;
  let cached: { at: number; blocks: Block[] } | undefined;
  let pending: Promise<Block[]> | undefined;
  let warned = false;

  const build = async () => {
    const report = await gapsReport(store, engine(), { since: Date.now() - 30 * DAY_MS });
    const blocks = insightsBlocks(report);
    cached = { at: Date.now(), blocks };
    warned = false;
    return blocks;
  };

  return async (userId) => {
    if (!admins.has(userId)) return [];
    if (cached && Date.now() - cached.at < cacheMs) return cached.blocks;
    pending ??= build().finally(() => {
      pending = undefined;
    });
    const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), waitMs).unref());
    try {
      const blocks = await Promise.race([pending, timeout]);
      if (blocks) return blocks;
    } catch (error) {
      if (!warned) logger.warn("insights unavailable", { error: (error as Error).message });
      warned = true;
    }
    const unavailable = [note("Insights are unavailable right now: the store is not answering.")];
    return cached ? [...cached.blocks, ...unavailable] : [{ type: "divider" }, ...unavailable];
  };
}
