// who-owns import: a markdown SRM or RACI page → a model (src/model/schema.ts), as YAML or JSON.
export { ImportError, type ImportWarning } from "./errors.ts";
export { type ImportOptions, type ImportResult, importMarkdown } from "./import-markdown.ts";
export {
  type ImportJson,
  type ImportJsonAssignment,
  type ImportJsonRow,
  toImportJson,
  toModelYaml,
} from "./output.ts";
