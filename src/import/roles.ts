// One party's cell → the role the model stores: RACI letters in R, A, C, I order, "✅", or nothing.
// The cell as published is kept beside the role whenever the two differ ("AR", "**RA**", "R, A", "✔", "I*").

export type CellReading =
  | { kind: "empty" }
  | { kind: "role"; role: string; original?: string }
  | { kind: "unreadable"; original: string };

const RACI_ORDER = "RACI";

/** Marks that mean "this party does it", with or without an emoji variation selector. */
const CHECK_MARKS = new Set(["✅", "✔", "✓", "☑", "🗸", "x", "yes", "y"]);
const CHECK_SHORTCODES = new Set([":white_check_mark:", ":heavy_check_mark:", ":ballot_box_with_check:"]);

/** Cells that say "nobody here" in so many words. */
const NOTHING = /^(?:[-–—]+|n\/?a|none|no|\.)$/i;

/** Full words and their letter, English and French RACI vocabularies. */
const WORDS: [RegExp, string][] = [
  [/\b(?:responsible|responsable|r[ée]alisateur|realisateur)\b/giu, "R"],
  [/\b(?:accountable|approbateur|approver)\b/giu, "A"],
  [/\b(?:consulted|consult|consult[ée])(?![\p{L}])/giu, "C"],
  [/\b(?:informed|inform|inform[ée])(?![\p{L}])/giu, "I"],
];

/** Footnote marks next to letters: `I*`, `R†`, `A¹`, `RA (1)`, `RA[^1]`, `R^2`. */
const FOOTNOTES = /\[\^[^\]]*\]|\^\w+|\(\d+\)|[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]|\d+/gu;

/** Between letters: spaces, commas, slashes, ampersands, "and"/"et". */
const SEPARATORS = /[\s,;/&+|.·-]+|\b(?:and|et)\b/giu;

export function readRole(cell: string): CellReading {
  const original = cell.trim();
  if (original === "") return { kind: "empty" };
  if (CHECK_SHORTCODES.has(original.toLowerCase())) return withOriginal("✅", original);

  const text = original
    .replace(/<[^>]*>/g, " ") // <br>, <sup>…</sup>: the letters are what matter
    .replace(/\\(.)/g, "$1") // markdown escapes: `\*`
    .replace(/\uFE0F/g, "")
    .replace(/[_~`]|\*\*/g, " ") // bold, italic, strike; a single `*` may be a footnote mark
    .trim();
  const bare = text.replace(/\*/g, "").trim();

  if (bare === "" && text.includes("*")) return { kind: "unreadable", original }; // a lone footnote mark
  if (bare === "" || NOTHING.test(bare)) return { kind: "empty" };
  if (CHECK_MARKS.has(bare.toLowerCase())) return withOriginal("✅", original);

  let letters = text;
  for (const [word, letter] of WORDS) letters = letters.replace(word, ` ${letter} `);
  letters = letters.replace(FOOTNOTES, " ").replace(SEPARATORS, "").toUpperCase();
  if (letters === "" || !/^[RACI]+$/.test(letters)) return { kind: "unreadable", original };

  const role = [...RACI_ORDER].filter((letter) => letters.includes(letter)).join("");
  return withOriginal(role, original);
}

function withOriginal(role: string, original: string): CellReading {
  return original === role ? { kind: "role", role } : { kind: "role", role, original };
}
