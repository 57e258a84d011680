// What a person reads in a payload, roughly as Slack shows it: link labels not URLs, no * _ ~ markers,
// entities decoded; buttons' and selects' labels included. For "how long is this card" assertions.
import { DEFAULT_CHANNELS } from "./fake-slack.ts";

type Json = Record<string, unknown>;

const CHANNEL_NAMES = new Map(DEFAULT_CHANNELS.map((channel) => [channel.id, channel.name]));

export function visibleMrkdwn(text: string): string {
  return text
    .replace(
      /<#[CG][A-Z0-9]+(?:\|([^>]*))?>/g,
      (all, name?: string) => `#${name ?? CHANNEL_NAMES.get(all.slice(2, -1)) ?? "channel"}`,
    )
    .replace(/<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g, "@someone")
    .replace(/<[^|>]+\|([^>]*)>/g, "$1")
    .replace(/<(?:mailto:)?([^>]*)>/g, "$1")
    .replace(/(^|[\s(“])[*_~]+|[*_~]+(?=$|[\s).,:;!?”])/gm, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Each block's visible lines, in order. */
export function visibleLines(payload: unknown): string[] {
  const lines: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      const object = value as Json;
      if (object.type === "mrkdwn" && typeof object.text === "string") lines.push(visibleMrkdwn(object.text));
      else if (object.type === "plain_text" && typeof object.text === "string") lines.push(object.text);
      for (const [key, child] of Object.entries(object))
        if (key !== "private_metadata" && key !== "options" && key !== "initial_option") walk(child);
    }
  };
  walk((payload as Json | undefined)?.blocks);
  return lines;
}

export const visibleText = (payload: unknown): string => visibleLines(payload).join("\n");

/** Visible characters (code points), line breaks not counted. */
export const visibleLength = (payload: unknown): number =>
  visibleLines(payload).reduce((sum, line) => sum + Array.from(line.replace(/\n/g, "")).length, 0);
