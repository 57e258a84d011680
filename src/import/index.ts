// who-owns import: a markdown SRM or RACI page → a model (src/model/schema.ts), as YAML or JSON.
//
// How a page is read (a real markdown parser: mdast + GFM tables + YAML front matter, never line regexes):
// - Tables with a column per party: the responsibility column (by its header — Activity, Responsibility,
//   Feature, Activité… — else the first), a notes column (Notes, Comments, Commentaires… or an unnamed or
//   prose column), and every other column a party ("Client Role" → "Client"). Cells become RACI letters in
//   R, A, C, I order or ✅, keeping the cell as written when it differs. Legend tables are read around.
// - Sections come from the headings: the page's one level-1 heading is its title, not a section; numbered
//   headings nest by their numbers ("### 2.2." goes under "### 2."), others by level; a bold paragraph
//   right above a table names it like a heading would.
// - Tables whose cells are emoji shortcodes explained by a legend above (":cloud: Microsoft
//   :frowning_person: Customer"): the legend's names are the parties and each column (a service model:
//   SaaS, PaaS…) becomes a section of its own.
// - A page without responsibility tables is read from its numbered lists: one row per item, numbered as
//   written when the numbers count up, else by position (a list written all `1.`). A sentence such as
//   "our responsibility generally begins around number 7" becomes the boundary, with the next sentence as
//   its caveat when it qualifies it ("However, …"). The two sides come from the page ("our" is the name the
//   sentence puts in the possessive, "2i2c's service model"; the other side is the one named beside it,
//   "between 2i2c and the communities" → "Community") unless the caller gives them.
// - Responsibility and notes text is the source as written (markup, `<br>`, typos, double spaces), trimmed.
export { ImportError, type ImportWarning } from "./errors.ts";
export { type ImportOptions, type ImportResult, importMarkdown } from "./import-markdown.ts";
export {
  type ImportJson,
  type ImportJsonAssignment,
  type ImportJsonRow,
  toImportJson,
  toModelYaml,
} from "./output.ts";
