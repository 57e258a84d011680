// CHANGES_CHANNEL: when a data reload brings in new entries of data/changes/ (a `who-owns sync --write`),
// post a short summary there. Best effort: a failed post is logged once and never stops the reload.
import type { webApi } from "@slack/bolt";
import type { Engine } from "../answer/engine.ts";
import { reloadChangesText } from "./blocks/changes.ts";
import type { AppLogger } from "./logger.ts";

export function announceChanges(
  client: () => webApi.WebClient,
  channel: string,
  logger: Pick<AppLogger, "info" | "warn">,
): (next: Engine, previous: Engine) => void {
  return (next, previous) => {
    const text = reloadChangesText(previous.catalogue, next.catalogue);
    if (!text) return;
    client()
      .chat.postMessage({ channel, text, unfurl_links: false, unfurl_media: false })
      .then(
        () => logger.info("changes announced", { channel }),
        (error: unknown) =>
          logger.warn("changes not announced", {
            channel,
            error: (error as { data?: { error?: string } }).data?.error ?? (error as Error).message,
          }),
      );
  };
}
