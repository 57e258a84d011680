// Where a document comes from — a markdown or HTML file, or an http(s) URL — read into the markdown the
// importer's readers take. HTML goes through hast → mdast (./html.ts), so a page and its markdown source
// give the same rows.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { ImportError } from "./errors.ts";
import { type FetchOptions, fetchDocument, isUrl } from "./fetch.ts";
import { htmlToMarkdown, looksLikeHtml } from "./html.ts";
import { type ImportOptions, type ImportResult, importMarkdown } from "./import-markdown.ts";

export interface DocumentRead {
  /** As given: a path or a URL. */
  location: string;
  kind: "markdown" | "html";
  /** The document as published (HTML stays HTML). */
  text: string;
  /** What the readers read: the text itself, or the page's main content as markdown. */
  markdown: string;
  /** For URLs: where it came from after redirects, the day it was fetched and its ETag. */
  url?: string;
  fetched?: string;
  etag?: string;
}

/** Reads a file or fetches a URL. `undefined` when the URL answered 304 to the ETag given. */
export async function readDocument(
  location: string,
  options: FetchOptions = {},
): Promise<DocumentRead | undefined> {
  if (isUrl(location)) {
    const fetched = await fetchDocument(location, options);
    if (fetched.status === "not-modified") return undefined;
    return {
      location,
      kind: fetched.kind,
      text: fetched.text,
      markdown: fetched.kind === "html" ? htmlToMarkdown(fetched.text) : fetched.text,
      url: fetched.url,
      fetched: fetched.fetched,
      ...(fetched.etag ? { etag: fetched.etag } : {}),
    };
  }
  let text: string;
  try {
    text = await readFile(location, "utf8");
  } catch (error) {
    throw new ImportError(location, undefined, `cannot read: ${(error as Error).message}`);
  }
  const html = [".html", ".htm", ".xhtml"].includes(extname(location).toLowerCase()) || looksLikeHtml(text);
  return { location, kind: html ? "html" : "markdown", text, markdown: html ? htmlToMarkdown(text) : text };
}

/** Imports what `readDocument` read; a URL is recorded in the model's `source` with its fetch date. */
export function importRead(document: DocumentRead, options: ImportOptions = {}): ImportResult {
  // Lines of an HTML page are the lines of its content written as markdown: say so in every message.
  const file =
    options.file ?? (document.kind === "html" ? `${document.location} (as markdown)` : document.location);
  const id = options.id ?? (document.url ? idFromUrl(document.url) : undefined);
  const result = importMarkdown(document.markdown, { ...options, file, ...(id ? { id } : {}) });
  if (!document.url) return result;
  return {
    ...result,
    model: {
      ...result.model,
      source: { url: document.url, licence: UNKNOWN_LICENCE, fetched: document.fetched ?? today() },
    },
  };
}

/** A page's licence is not something the importer can read: the person adding the model states it. */
export const UNKNOWN_LICENCE = "not stated: check the page's terms";

function idFromUrl(url: string): string | undefined {
  const last = new URL(url).pathname.split("/").filter(Boolean).at(-1) ?? new URL(url).hostname;
  const id = last
    .replace(/\.(?:html?|md)$/i, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return id || undefined;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
