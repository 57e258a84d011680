/** Bad data: always names the file, and the line and field where it can. */
export class DataError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly field: string | undefined,
    readonly problem: string,
  ) {
    super(`${file}${line ? `:${line}` : ""} ${field ? `${field}: ` : ""}${problem}`);
    this.name = "DataError";
  }
}

/** Renders a zod/yaml issue path as people read it: rows[3].assignments.Customer */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}
