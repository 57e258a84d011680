// Everyday English words ("good", "place", "new", "help"): the stopwords-iso list for English, 1,298 words.
// Phrasings bring such words into the index ("we have good docs in another place"), so they match rows; but
// a question made only of them ("can you recommend a good pizza place?") is about nothing the models cover.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { en } = require("stopwords-iso/stopwords-iso.json") as { en: string[] };

export const GENERAL_ENGLISH: ReadonlySet<string> = new Set(en.map((word) => word.toLowerCase()));
