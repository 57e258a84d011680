// `who-owns lint` on the `kinds:` of data/synonyms.yml: a general word no row or phrasing uses can never be met,
// and a specific thing is read by its stem, so one whose stem another word shares ("intern" and "internal",
// "researcher" and "research") would read that word as the kind too.
import { join } from "node:path";
import { parse } from "yaml";
import type { LintWarning } from "../model/lint.ts";
import { displayPath, readDataFile } from "../model/load.ts";
import { escapeRegExp } from "../model/regexp.ts";
import type { Model } from "../model/types.ts";
import { type Lexicon, phraseOf } from "../search/lexicon.ts";
import { stem, words } from "../search/text.ts";

/** Endings that make the same word of another (plural, verb forms): not a different word sharing a stem. */
const INFLECTION = /^(?:s|es|'s|d|ed|ing)$/;

export function lintKinds(dataDir: string, lexicon: Lexicon, models: readonly Model[]): LintWarning[] {
  const path = join(dataDir, "synonyms.yml");
  const file = displayPath(path);
  const text = readDataFile(path, file);
  const lines = text.split("\n");
  const kindsAt = lines.findIndex((line) => /^kinds:/.test(line));
  if (kindsAt < 0) return [];
  /** The line after `kinds:` naming `entry` as a whole (a key when `key`, else a list item). */
  const lineOf = (entry: string, key = false) => {
    const pattern = key
      ? new RegExp(`^\\s*${escapeRegExp(entry)}:`)
      : new RegExp(`(?:^|[\\s\\[,])${escapeRegExp(entry)}(?:[\\s,\\]]|$)`);
    const at = lines.findIndex((line, i) => i > kindsAt && pattern.test(line));
    return at >= 0 ? at + 1 : undefined;
  };
  const warnings: LintWarning[] = [];
  const warn = (entry: string, message: string, key = false) => {
    const line = lineOf(entry, key);
    warnings.push({ file, ...(line ? { line } : {}), message });
  };

  // Every word the rows and phrasings use, by stem, as written.
  const texts = models.flatMap((model) =>
    model.rows.flatMap((row) => [row.responsibility, row.section ?? "", row.notes ?? ""]),
  );
  for (const asked of lexicon.phrasings.values()) texts.push(...Object.values(asked.rows).flat());
  const written = new Map<string, Set<string>>();
  for (const text of texts)
    for (const word of words(text)) {
      const key = stem(word);
      const known = written.get(key);
      if (known) known.add(word);
      else written.set(key, new Set([word]));
    }
  const used = (phrase: readonly string[]) =>
    texts.some((rowText) => {
      const stems = words(rowText).map(stem);
      return stems.some((_, at) => phrase.every((term, offset) => stems[at + offset] === term));
    });

  // The general words as written (the lexicon keeps their stems).
  const generals = Object.keys((parse(text) as { kinds?: Record<string, unknown> } | null)?.kinds ?? {});
  for (const general of generals)
    if (!used(phraseOf(general)))
      warn(general, `kinds: no row or phrasing uses "${general}", so its kinds never match`, true);

  for (const specific of lexicon.kindWords) {
    const others = [...(written.get(stem(specific)) ?? [])].filter((other) => !sameWord(specific, other));
    if (others.length > 0)
      warn(
        specific,
        `kinds: "${specific}" is read by its stem, which ${others.map((other) => `"${other}"`).join(", ")} ${others.length === 1 ? "shares" : "share"}: they would read as the kind too`,
      );
  }
  return warnings;
}

/** One is the other with an inflection's ending ("student", "students"). */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long.startsWith(short) && INFLECTION.test(long.slice(short.length));
}
