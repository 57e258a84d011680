// Turning text into comparable terms: one function for questions and documents alike.
import { stemmer } from "stemmer";

/** The longest question worth reading: anything past it is pasted logs, not a question. */
export const MAX_QUESTION_CHARS = 500;

/** Printable ASCII and whitespace: text without accents to fold. */
const ASCII = /^[\t\n\r -~]*$/;

/**
 * "Whose job is it", "OVH's job", "whose call is that", "the customer's call?": idioms for a responsibility, not
 * a Spark or Airflow job or a phone call ("the customer's call centre" keeps its call). The word goes, so the
 * many phrasings asking "…, whose job?" do not pull questions about jobs toward their rows.
 */
const JOB_IDIOM =
  /(\bwhose|[a-z0-9]['’`]s)\s+(?:job\b|call(?=\s+(?:is|was|it|should|would)\b|\s*[?.!,;:]|\s*$))/gi;

/**
 * Lower-case words of a text: accents folded, possessives and markdown dropped, split on anything that is
 * not a letter or digit ("clean-up" → clean, up; "hub's" → hub; "S3" → s3).
 */
export function words(text: string): string[] {
  // Plain ASCII (most questions and rows) has no accents to fold, and without "job" or "call" no idiom to
  // drop: a loop over its characters gives the same words as the patterns below, at a fraction of their cost
  // when the CPU's caches are cold (as they are between a server's requests).
  if (isPlainAscii(text)) {
    const lower = text.toLowerCase();
    if (!lower.includes("job") && !lower.includes("call")) return asciiWords(lower);
  }
  return wordsByPatterns(text);
}

/** words() by patterns alone: what reads every text the ASCII loop does not (and checks it, in the tests). */
export function wordsByPatterns(text: string): string[] {
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

function isPlainAscii(text: string): boolean {
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code > 126 || (code < 32 && code !== 9 && code !== 10 && code !== 13)) return false;
  }
  return true;
}

const isLetterOrDigit = (code: number) => (code >= 97 && code <= 122) || (code >= 48 && code <= 57);

/**
 * The words of lower-case ASCII text: runs of letters and digits; an apostrophe or backtick joins its
 * neighbours ("don't" → dont) and a possessive "'s" ending a word goes ("hub's" → hub).
 */
function asciiWords(lower: string): string[] {
  const out: string[] = [];
  let word = "";
  let start = -1;
  for (let at = 0; at <= lower.length; at++) {
    const code = at < lower.length ? lower.charCodeAt(at) : -1;
    if (isLetterOrDigit(code)) {
      if (start < 0) start = at;
      continue;
    }
    if (start >= 0) {
      word += lower.slice(start, at);
      start = -1;
    }
    if (code === 39 || code === 96) {
      // "'s" where a word ends (not before a letter, digit or "_"): the possessive, dropped with its s.
      const after = lower.charCodeAt(at + 2);
      if (lower.charCodeAt(at + 1) === 115 && !(isLetterOrDigit(after) || after === 95)) at++;
      continue;
    }
    if (word) out.push(word);
    word = "";
  }
  return out;
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
