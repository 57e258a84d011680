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

const questionSchema = z.union([
  z.strictObject({ q: z.string(), expect: expectSchema }),
  z.strictObject({ q: z.string(), none: z.literal(true) }),
]);

export const questionsSchema = z.array(questionSchema);
export type EvalQuestion = z.infer<typeof questionSchema>;

export function loadQuestions(path: string): EvalQuestion[] {
  return parseYaml(readDataFile(path), path, questionsSchema).value;
}
