// A numbered list of responsibilities → rows with item numbers (the 2i2c shape).
import type { ListBlock } from "./blocks.ts";
import { quote, type ReadContext, type ReadRow, SECTION_SEPARATOR } from "./context.ts";
import { lineOf } from "./markdown.ts";

/** A paragraph's soft line breaks are layout, not text: they render as spaces. */
function unwrap(text: string): string {
  return text.replace(/[ \t]*\r?\n[ \t]*/g, " ").trim();
}

/**
 * Item numbers as written when they count up from the first; otherwise by position, which is what a
 * renderer shows for a list written all `1.` (CommonMark numbers items from the list's start).
 */
function itemNumbers(block: ListBlock, context: ReadContext): number[] {
  const list = block.node;
  const start = list.start ?? 1;
  const written = list.children.map((item) => Number(/^\s*(\d+)[.)]/.exec(context.source.of(item))?.[1]));
  const byPosition = written.map((_, index) => start + index);
  if (written.every((number, index) => number === byPosition[index])) return written;
  if (!written.every((number) => number === written[0])) {
    context.warnings.add(
      lineOf(list),
      `list numbers as written (${written.join(", ")}) do not count up one by one: items are numbered by position (${start}…${start + written.length - 1})`,
    );
  }
  return byPosition;
}

export function readList(block: ListBlock, context: ReadContext): ReadRow[] {
  const numbers = itemNumbers(block, context);
  const section = block.section.join(SECTION_SEPARATOR);
  const rows: ReadRow[] = [];
  block.node.children.forEach((item, index) => {
    const line = lineOf(item);
    context.line = line;
    const [first, ...rest] = item.children;
    const responsibility = first ? unwrap(context.source.of(first)) : "";
    if (!responsibility) {
      context.warnings.add(line, `list item ${numbers[index]} is empty: not read`);
      return;
    }
    if (first?.type !== "paragraph") {
      context.warnings.add(
        line,
        `list item ${numbers[index]} opens with a ${first?.type}, read as written: ${quote(responsibility)}`,
      );
    }
    rows.push({
      line,
      section,
      item: numbers[index],
      responsibility,
      assignments: {},
      notes: rest
        .map((node) => context.source.of(node).trim())
        .filter(Boolean)
        .join("\n\n"),
    });
  });
  return rows;
}
