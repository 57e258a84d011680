// What buttons and views carry, so that any instance can serve the next click: nothing is kept in memory.
// Values are compact JSON, checked with zod on the way back in (a click is user input like any other).
import { z } from "zod";

/** Slack's limits on what an element or a view may carry. */
export const VALUE_MAX = 2000;
export const OPTION_VALUE_MAX = 150;
export const METADATA_MAX = 3000;

/** A row to show: model id, row id, and the question that led there (for sharing and feedback). */
export const rowRefSchema = z.object({
  m: z.string().min(1).max(100),
  r: z.string().min(1).max(200),
  q: z.string().max(VALUE_MAX).optional(),
  /** The thread the conversation is in, so a share lands there. */
  t: z.string().max(40).optional(),
});
export type RowRef = z.infer<typeof rowRefSchema>;

export const feedbackSchema = rowRefSchema.extend({
  /** Where the answer was shown: ephemeral, channel/thread, DM, home. */
  s: z.enum(["eph", "msg", "home"]).optional(),
});
export type FeedbackRef = z.infer<typeof feedbackSchema>;

/** Where a paginated list comes from: a model's rows (optionally one party's), or a party question re-asked. */
export const listSourceSchema = z.union([
  z.object({ k: z.literal("b"), m: z.string().min(1).max(100), p: z.string().max(100).optional() }),
  z.object({
    k: z.literal("q"),
    q: z.string().max(VALUE_MAX),
    pm: z.string().max(100).optional(),
    mo: z.string().max(100).optional(),
  }),
]);
export type ListSource = z.infer<typeof listSourceSchema>;

export const pageRefSchema = z.object({ src: listSourceSchema, pg: z.number().int().min(0).max(10_000) });
export type PageRef = z.infer<typeof pageRefSchema>;

/** The Home tab's state, kept in the view's private_metadata. */
export const homeStateSchema = z.object({
  /** Model shown; none yet means the "Start here" section. */
  model: z.string().max(100).optional(),
  /** Party filter. */
  party: z.string().max(100).optional(),
  /** Page of the list. */
  page: z.number().int().min(0).max(10_000).default(0),
  /** A question asked in the tab. */
  question: z.string().max(500).optional(),
  /** A single row shown in the tab. */
  row: z.string().max(200).optional(),
  /** A one-off notice, dropped by the next navigation. */
  notice: z.enum(["thanks", "gone"]).optional(),
});
export type HomeState = z.infer<typeof homeStateSchema>;

/** "Ask the owners": the question, the likeliest row, and the channel to take it to. */
export const askOwnersSchema = z.object({
  q: z.string().max(VALUE_MAX),
  m: z.string().min(1).max(100),
  r: z.string().min(1).max(200),
  c: z.string().regex(/^[CG][A-Z0-9]+$/),
});
export type AskOwnersRef = z.infer<typeof askOwnersSchema>;

/** The 👎 modal's private_metadata: what was voted on and where to say thanks. */
export const feedbackModalSchema = feedbackSchema.extend({ c: z.string().max(40).optional() });
export type FeedbackModalRef = z.infer<typeof feedbackModalSchema>;

/** Parses a carried value, or undefined when it is not one of ours (stale, tampered, or from another version). */
export function decode<T>(schema: z.ZodType<T>, value: string | undefined | null): T | undefined {
  if (!value) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Encodes a value to fit `max` characters. When it does not, the question (`q`, the only free text) is
 * shortened until it does; anything else too long is a bug and throws.
 */
export function encode(value: object, max: number = VALUE_MAX): string {
  let json = JSON.stringify(value);
  if (json.length <= max) return json;
  const withQuery = value as { q?: unknown; src?: { q?: unknown } };
  const holder: { q?: unknown } | undefined =
    typeof withQuery.q === "string"
      ? withQuery
      : typeof withQuery.src?.q === "string"
        ? withQuery.src
        : undefined;
  if (holder && typeof holder.q === "string") {
    const copy = structuredClone(value) as typeof withQuery;
    const target = (typeof copy.q === "string" ? copy : copy.src) as { q: string };
    let keep = target.q.length;
    while (keep > 0) {
      keep = Math.floor(keep * 0.8);
      target.q = target.q.slice(0, keep);
      json = JSON.stringify(copy);
      if (json.length <= max) return json;
    }
  }
  throw new Error(`value does not fit in ${max} characters`);
}
