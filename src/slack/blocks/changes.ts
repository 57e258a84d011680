// What changed in the models, from data/changes/ (written by `who-owns sync --write`): the
// `/who-owns what changed [model]` reply, a Home tab section, and the short note posted to CHANGES_CHANNEL
// when a reload brings in a new change.
import type { ChangeEntry } from "../../model/changes.ts";
import type { Catalogue, Model } from "../../model/types.ts";
import { escapeMrkdwn, truncatePlain } from "../text.ts";
import { type Block, context, header, type Message, section } from "./common.ts";

/** Per model, at most this many change lines; the rest is counted. */
const LINES_PER_MODEL = 8;

const LABEL: Record<string, string> = {
  "row-added": "added",
  "row-removed": "removed",
  "row-reworded": "reworded",
  "row-moved": "moved",
  "section-renamed": "section renamed",
  "roles-changed": "owners",
  "contacts-changed": "contacts",
  "notes-reworded": "notes",
  "parties-changed": "parties",
  "boundary-changed": "boundary",
  "area-owners-changed": "area owners",
};

function changeLines(entry: ChangeEntry, max = LINES_PER_MODEL): string[] {
  const lines = entry.changes
    .slice(0, max)
    .map(
      (change) =>
        `• *${LABEL[change.kind] ?? escapeMrkdwn(change.kind)}* ${escapeMrkdwn(truncatePlain(change.text, 300))}`,
    );
  const more = entry.changes.length - max;
  if (more > 0) lines.push(`_…and ${more} more_`);
  return lines;
}

/** "12 changes on 2026-11-30 (1 added, 1 owners, 7 notes…)". */
export function entrySummary(entry: ChangeEntry): string {
  const counts = new Map<string, number>();
  for (const change of entry.changes) {
    const label = LABEL[change.kind] ?? change.kind;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const parts = [...counts].map(([label, count]) => `${count} ${label}`).join(", ");
  const total = entry.changes.length;
  return `${total} change${total === 1 ? "" : "s"} on ${entry.date}${parts ? ` (${parts})` : ""}`;
}

function modelChanges(model: Model): Block[] {
  const latest = model.changes?.[0];
  if (!latest) return [section(`*${escapeMrkdwn(model.name)}*: no changes recorded since it was shipped.`)];
  return [
    section(
      `*${escapeMrkdwn(model.name)}* — ${escapeMrkdwn(entrySummary(latest))}\n${changeLines(latest).join("\n")}`,
    ),
  ];
}

/** `/who-owns what changed [model]`: the latest change of each model (or of the one named). */
export function changesMessage(catalogue: Catalogue, model?: Model): Message {
  const models = model ? [model] : catalogue.models;
  const blocks: Block[] = [header("What changed"), ...models.flatMap(modelChanges)];
  blocks.push(context("Changes come from re-reading each model's published source (`who-owns sync`)."));
  const changed = models.filter((candidate) => candidate.changes?.[0]);
  const text =
    changed.length === 0
      ? "No changes recorded since the models were shipped."
      : changed
          .map((candidate) => `${candidate.name}: ${entrySummary(candidate.changes?.[0] as ChangeEntry)}`)
          .join("; ");
  return { text: escapeMrkdwn(text), blocks: blocks.slice(0, 50) };
}

/** The Home tab's "Latest changes" line for the model on show; nothing when it was never synced. */
export function homeChangesBlocks(model: Model): Block[] {
  const latest = model.changes?.[0];
  if (!latest) return [];
  return [
    context(
      `*Latest changes:* ${escapeMrkdwn(entrySummary(latest))} · \`/who-owns what changed ${escapeMrkdwn(model.aliases[0] ?? model.id)}\``,
    ),
  ];
}

/**
 * After a reload: the change entries that were not there before, one line per model, for CHANGES_CHANNEL.
 * Undefined when the reload brought no new entry (an edit by hand, a synonym).
 */
export function reloadChangesText(previous: Catalogue, next: Catalogue): string | undefined {
  const lines: string[] = [];
  for (const model of next.models) {
    const before = previous.models.find((candidate) => candidate.id === model.id)?.changes ?? [];
    const seen = new Set(before.map((entry) => `${entry.date}\u0000${entry.summary}`));
    const fresh = (model.changes ?? []).filter((entry) => !seen.has(`${entry.date}\u0000${entry.summary}`));
    for (const entry of fresh) {
      lines.push(
        `*${escapeMrkdwn(model.name)}* — ${escapeMrkdwn(entrySummary(entry))}\n${changeLines(entry, 5).join("\n")}`,
      );
    }
  }
  if (lines.length === 0) return undefined;
  return `Responsibility data updated:\n${lines.join("\n")}\nAsk \`/who-owns what changed\` for more.`;
}
