// YAML front matter: its `title` is the model's default name. Bad front matter is a warning, not a failure:
// the tables below it are still readable.
import type { Root } from "mdast";
import { parseDocument } from "yaml";
import type { Warnings } from "./errors.ts";
import { lineOf } from "./markdown.ts";

export function frontMatterTitle(root: Root, warnings: Warnings): string | undefined {
  const node = root.children[0];
  if (node?.type !== "yaml") return undefined;
  const doc = parseDocument(node.value, { prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    // The front matter's first line is the one after the opening `---`.
    const line = lineOf(node) + (error.linePos?.[0]?.line ?? 0);
    warnings.add(
      line,
      `front matter is not valid YAML (${error.message.split("\n")[0]}): its title is not used`,
    );
    return undefined;
  }
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (thrown) {
    warnings.add(
      lineOf(node),
      `front matter cannot be read (${(thrown as Error).message}): its title is not used`,
    );
    return undefined;
  }
  const title = value && typeof value === "object" ? (value as Record<string, unknown>).title : undefined;
  return typeof title === "string" && title.trim() ? title.trim() : undefined;
}
