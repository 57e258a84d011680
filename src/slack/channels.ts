// A channel's default model (data/channels.yml): questions asked there rank that model first.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";

export interface ChannelDefaults {
  /** The model to prefer for a channel, by its id or its name (without "#"). */
  modelFor(channelId: string | undefined, channelName?: string): string | undefined;
  readonly size: number;
}

export const NO_DEFAULTS: ChannelDefaults = { modelFor: () => undefined, size: 0 };

const CHANNEL_ID = /^[CG][A-Z0-9]{6,}$/;

const fileSchema = z.record(
  z.string().min(1),
  z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, { error: "must be a model id (lower-case letters, digits, dashes)" }),
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

/** Reads `<dataDir>/channels.yml` if there is one. Throws with the file named when it is malformed. */
export function loadChannelDefaults(dataDir: string): ChannelDefaults {
  const file = join(dataDir, "channels.yml");
  if (!existsSync(file)) return NO_DEFAULTS;
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, "utf8")) ?? {};
  } catch (error) {
    throw new Error(`${file}: not valid YAML: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join(".") || "(top)"}: ${issue?.message ?? "invalid"}`);
  }
  return channelDefaults(parsed.data);
}
