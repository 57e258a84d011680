// What the importer reports: warnings for what it read around, ImportError for a document it cannot read.

/** Something the importer could not read as written, and what it did instead. */
export interface ImportWarning {
  /** 1-based line in the markdown document. */
  line: number;
  message: string;
}

/**
 * The one exception the importer throws. `line` is the document line at fault; it is absent only for
 * problems with the options (a bad `id`, `parties` that do not fit), which belong to no line.
 */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ""}: ${reason}`);
    this.name = "ImportError";
  }
}

/** Collects warnings as the readers go; kept in document order. */
export class Warnings {
  private readonly list: ImportWarning[] = [];

  add(line: number, message: string): void {
    this.list.push({ line, message });
  }

  sorted(): ImportWarning[] {
    return [...this.list].sort((a, b) => a.line - b.line);
  }
}
