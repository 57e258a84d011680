// The eval file: questions as people type them, with the answer the bot must give.
import { z } from "zod";
import { readDataFile } from "../model/load.ts";
import { parseYaml } from "../model/yaml.ts";

const expectSchema = z.strictObject({
  model: z.string(),
  /** The responsibility exactly as in the source document. */
  resp: z.string(),
  owners: z.array(z.string()).default([]),
  /** Strings that must appear among the answer's contacts. */
  contacts: z.array(z.string()).default([]),
  /** Other responsibilities also acceptable as the top match. */
  alt: z.array(z.string()).default([]),
});

/** A party question: the answer must list that party's rows in that model ("what does OVH handle for me?"). */
const partySchema = z.strictObject({ model: z.string(), party: z.string() });

// One object with the three kinds as optional keys (not a union), so a misplaced or misspelt key is reported by
// name and line ("expct: unrecognized key") rather than as "Invalid input" on the whole entry.
const questionSchema = z
  .strictObject({
    q: z.string(),
    expect: expectSchema.optional(),
    party: partySchema.optional(),
    none: z.literal(true).optional(),
  })
  .check((ctx) => {
    const kinds = (["expect", "party", "none"] as const).filter((key) => ctx.value[key] !== undefined);
    if (kinds.length !== 1)
      ctx.issues.push({
        code: "custom",
        input: ctx.value,
        message:
          kinds.length === 0
            ? "needs one of expect, party or none: true"
            : `has ${kinds.join(" and ")}; give only one of expect, party or none`,
      });
  });

export const questionsSchema = z.array(questionSchema);

type Parsed = z.infer<typeof questionSchema>;
export type Expectation = NonNullable<Parsed["expect"]>;
export type PartyExpectation = NonNullable<Parsed["party"]>;
export type EvalQuestion =
  | { q: string; expect: Expectation }
  | { q: string; party: PartyExpectation }
  | { q: string; none: true };

function toQuestion(parsed: Parsed): EvalQuestion {
  if (parsed.expect) return { q: parsed.q, expect: parsed.expect };
  if (parsed.party) return { q: parsed.q, party: parsed.party };
  return { q: parsed.q, none: true };
}

export function loadQuestions(path: string): EvalQuestion[] {
  return parseYaml(readDataFile(path), path, questionsSchema).value.map(toQuestion);
}
