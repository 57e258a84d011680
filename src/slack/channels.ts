// A channel's default model (data/channels.yml): questions asked there rank that model first.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { displayPath, readDataFile } from "../model/load.ts";
import { type LineOf, parseYaml } from "../model/yaml.ts";

export interface ChannelDefaults {
  /** The model to prefer for a channel, by its id or its name (without "#"). */
  modelFor(channelId: string | undefined, channelName?: string): string | undefined;
  readonly size: number;
}

export const NO_DEFAULTS: ChannelDefaults = { modelFor: () => undefined, size: 0 };

const CHANNEL_ID = /^[CG][A-Z0-9]{6,}$/;

// An empty file (or one with only comments) is no defaults, not an error.
const fileSchema = z.preprocess(
  (value) => value ?? {},
  z.record(
    z.string().min(1),
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, { error: "must be a model id (lower-case letters, digits, dashes)" }),
  ),
);

export function channelDefaults(map: Record<string, string>): ChannelDefaults {
  const byId = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const [key, model] of Object.entries(map)) {
    const bare = key.trim().replace(/^#/, "");
    if (CHANNEL_ID.test(bare)) byId.set(bare, model);
    else byName.set(bare.toLowerCase(), model);
  }
  return {
    size: byId.size + byName.size,
    modelFor: (channelId, channelName) =>
      (channelId ? byId.get(channelId) : undefined) ??
      (channelName ? byName.get(channelName.replace(/^#/, "").toLowerCase()) : undefined),
  };
}

export interface ChannelsFile {
  /** As named in messages (relative to the working folder when inside it). */
  file: string;
  /** Channel (name or id) → model id, as written. */
  entries: Record<string, string>;
  lineOf: LineOf;
}

/**
 * Reads and checks `<dataDir>/channels.yml` through the same YAML loader as the models: a bad file is refused
 * with `file:line field: problem`. Undefined when there is no such file.
 */
export function readChannelsFile(dataDir: string): ChannelsFile | undefined {
  const path = join(dataDir, "channels.yml");
  if (!existsSync(path)) return undefined;
  const file = displayPath(path);
  const { value, lineOf } = parseYaml(readDataFile(path, file), file, fileSchema);
  return { file, entries: value, lineOf };
}

/** The channel defaults of a data folder (none without channels.yml). Throws DataError on a bad file. */
export function loadChannelDefaults(dataDir: string): ChannelDefaults {
  const channels = readChannelsFile(dataDir);
  return channels ? channelDefaults(channels.entries) : NO_DEFAULTS;
}
