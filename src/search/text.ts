// Turning text into comparable terms: one function for questions and documents alike.
import { stemmer } from "stemmer";

/** The longest question worth reading: anything past it is pasted logs, not a question. */
export const MAX_QUESTION_CHARS = 500;

/** Printable ASCII and whitespace: text without accents to fold. */
const ASCII = /^[\t\n\r -~]*$/;

/**
 * "Whose job is it", "OVH's job": the idiom for a responsibility, not a Spark or Airflow job. The word goes,
 * so the many phrasings asking "…, whose job?" do not pull questions about jobs toward their rows.
 */
const JOB_IDIOM = /(\bwhose|[a-z0-9]['’`]s)\s+job\b/gi;

/**
 * Lower-case words of a text: accents folded, possessives and markdown dropped, split on anything that is
 * not a letter or digit ("clean-up" → clean, up; "hub's" → hub; "S3" → s3).
 */
export function words(text: string): string[] {
  // Plain ASCII (most rows) has no accents to fold: the same words without Unicode normalisation.
  const plain = text.replace(JOB_IDIOM, "$1");
  if (ASCII.test(plain))
    return plain
      .toLowerCase()
      .replace(/['`]s\b/g, "")
      .replace(/['`]/g, "")
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
  return plain
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’`]s\b/g, "")
    .replace(/['’`]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Porter stem, except for short words and words with digits (s3, k8s, v6) that stemming would mangle. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  const stemmed = stemmer(word);
  // Porter undoubles the consonant of "adding"/"added" down to "ad"; keep "add", as "adds" gives.
  if (stemmed.length <= 2) return word.replace(/(?:ing|ed|es|s)$/, "") || stemmed;
  return stemmed;
}

export function terms(text: string): string[] {
  return words(text).map(stem);
}
