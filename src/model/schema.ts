// The shape of a responsibility model file (data/models/*.yml), checked at load.
import { z } from "zod";

/** A role as the model stores it: RACI letters in R, A, C, I order, a check mark, or nothing. */
export const ROLE_PATTERN = /^(?:R?A?C?I?|✅)$/u;

export const roleSchema = z.string().refine((value) => ROLE_PATTERN.test(value), {
  error: (issue) => `${JSON.stringify(issue.input)} is not a RACI role or a ✅ mark`,
});

/** A party's cell: the normalised role, and the text as published when it differs (`AR`, `**RA**`, `✔`). */
export const cellSchema = z.union([roleSchema, z.strictObject({ role: roleSchema, original: z.string() })]);

const text = z.string().trim().min(1, { error: "must not be empty" });

export const rowSchema = z.strictObject({
  /**
   * Pins the row's id when its wording changes upstream (set by `sync`), so links and feedback that name
   * the old id still find it. Otherwise the id is a slug of the responsibility.
   */
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, { error: "must be lower-case letters, digits and dashes" })
    .optional(),
  section: z.string(),
  /** Position in a numbered list, for list-shaped models (2i2c). */
  item: z.number().int().positive().optional(),
  responsibility: text,
  assignments: z.record(z.string(), cellSchema).default({}),
  notes: z.string().default(""),
});

export const supportSchema = z.strictObject({
  /** Shown as the general route when a row names none, e.g. "Ask in #analytical-platform-support". */
  text,
});

/** For documents that are a numbered list split at one item ("our responsibility generally begins around number 7"). */
export const boundarySchema = z.strictObject({
  /** The party that owns the items before `item`. */
  before: text,
  /** The party that owns `item` and everything after it. */
  from: text,
  item: z.number().int().positive(),
  /** The document's own words for the boundary and its caveat, shown with every answer. */
  text,
  caveat: z.string().optional(),
});

/**
 * For documents organised by areas whose owner is said in prose ("Usually, 2i2c assumes responsibility for
 * all of the above"): every unmarked row of the section is owned as the sentence says, from the text.
 */
export const areaSchema = z.strictObject({
  section: text,
  owners: z.array(text).min(1, { error: "must name at least one party" }),
  /** The document's sentence that says who owns the area, shown with every answer as the caveat. */
  text,
  /** The rest of what the document says about the area's ownership. */
  caveat: z.string().optional(),
});

export const sourceSchema = z.strictObject({
  /** File name under data/sources/, when a copy is kept there. */
  file: text.optional(),
  url: z.url(),
  licence: text,
  /** The document's version as its publisher names it (a commit, a date). */
  revision: z.string().optional(),
  /** ISO date the document was last read from `url` (import or sync). */
  fetched: z.iso.date().optional(),
  /** The page's ETag when it was last read, so `sync` can ask "changed since?" and skip an unchanged page. */
  etag: z.string().optional(),
});

export const modelSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: "must be lower-case letters, digits and dashes" }),
  name: text,
  /** Names people use for the model in a question ("AP", "OVH", "2i2c"). */
  aliases: z.array(text).default([]),
  source: sourceSchema.optional(),
  parties: z.array(text).min(1, { error: "must name at least one party" }),
  support: supportSchema.optional(),
  boundary: boundarySchema.optional(),
  areas: z.array(areaSchema).optional(),
  rows: z.array(rowSchema),
});

export type ModelFile = z.infer<typeof modelSchema>;
export type RowFile = z.infer<typeof rowSchema>;
export type CellFile = z.infer<typeof cellSchema>;
