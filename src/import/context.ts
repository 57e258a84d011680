// What every reader shares: the source text, the warnings, and the line it is reading (for errors).
import type { CellFile } from "../model/schema.ts";
import type { Warnings } from "./errors.ts";
import type { Source } from "./markdown.ts";

export interface ReadContext {
  source: Source;
  warnings: Warnings;
  /** The line being read, so an unexpected failure can still be reported against it. */
  line: number;
}

/** A row as read, before it becomes part of a model: the line it came from travels with it. */
export interface ReadRow {
  line: number;
  section: string;
  item?: number;
  responsibility: string;
  assignments: Record<string, CellFile>;
  notes: string;
}

export const SECTION_SEPARATOR = " / ";

/** `\|` is how a pipe is written inside a table cell; the published text is the pipe. */
export function unescapePipes(text: string): string {
  return text.replace(/\\\|/g, "|");
}

export function quote(text: string, max = 60): string {
  const short = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return JSON.stringify(short);
}

/** A row's cells keyed in the model's party order, empty ones left out. */
export function inPartyOrder(
  assignments: Record<string, CellFile>,
  parties: readonly string[],
): Record<string, CellFile> {
  const out: Record<string, CellFile> = {};
  for (const party of parties) {
    const cell = assignments[party];
    if (cell !== undefined) out[party] = cell;
  }
  return out;
}
