// A table whose delimiter row has a different number of cells from its header is not a table in GFM: the
// parser reads both lines as a paragraph. Found here so the error can name the delimiter row, the line
// that is wrong, instead of saying only that the page has no table.

export interface BrokenTable {
  /** 1-based line of the delimiter row. */
  line: number;
  headerCells: number;
  delimiterCells: number;
}

const DELIMITER = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

function cellsOf(line: string): number {
  const trimmed = line
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "");
  return trimmed.split(/(?<!\\)\|/).length;
}

export function brokenTables(markdown: string): BrokenTable[] {
  const lines = markdown.split(/\r?\n/);
  const found: BrokenTable[] = [];
  let fence: string | undefined;
  lines.forEach((line, index) => {
    const opens = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (opens && (!fence || opens.startsWith(fence))) {
      fence = fence ? undefined : opens;
      return;
    }
    if (fence || index === 0) return;
    const header = lines[index - 1] ?? "";
    if (!DELIMITER.test(line) || !line.includes("-") || !header.includes("|")) return;
    if (!line.includes("|") && cellsOf(header) > 1) {
      // `---` under a line is a setext heading, not a table: only a delimiter with pipes is one.
      return;
    }
    const headerCells = cellsOf(header);
    const delimiterCells = cellsOf(line);
    if (headerCells !== delimiterCells) found.push({ line: index + 1, headerCells, delimiterCells });
  });
  return found;
}
