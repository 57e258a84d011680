// YAML → zod-checked value, with every error naming the file, the line and the field.
import { LineCounter, type Node, parseDocument } from "yaml";
import type { z } from "zod";
import { DataError, formatPath } from "./errors.ts";

export type LineOf = (path: readonly (string | number)[]) => number | undefined;

export interface ParsedYaml<T> {
  value: T;
  /** 1-based line of the value at a path (`["rows", 3, "assignments"]`), or of its nearest parent. */
  lineOf: LineOf;
}

export function parseYaml<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
): ParsedYaml<z.output<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf: LineOf = (path) => {
    // A missing key is reported on its parent's line.
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true) as Node | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };

  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = lineCounter.linePos(yamlError.pos[0]).line;
    throw new DataError(file, line, undefined, `invalid YAML: ${yamlError.message.split("\n")[0]}`);
  }
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = (issue?.path ?? []) as (string | number)[];
    throw new DataError(file, lineOf(path), formatPath(path) || undefined, issue?.message ?? "invalid value");
  }
  return { value: result.data, lineOf };
}
