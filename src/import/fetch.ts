// Fetching a page to import: Node's fetch with a deadline, a size cap, the content type checked and a few
// redirects followed by hand (each one named in the error if they run out). ETag/If-None-Match lets `sync`
// skip a page that has not changed. Every failure is one FetchError line that says what to check.

export interface FetchOptions {
  /** Whole request, body included. */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** The ETag of the copy already held: a 304 answer means it is still current. */
  etag?: string;
}

export type Fetched =
  | {
      status: "fetched";
      /** Where the text finally came from, after redirects. */
      url: string;
      text: string;
      kind: "html" | "markdown";
      etag?: string;
      /** ISO date (YYYY-MM-DD) of the fetch. */
      fetched: string;
    }
  | { status: "not-modified"; url: string; etag: string };

export class FetchError extends Error {
  constructor(
    readonly url: string,
    message: string,
  ) {
    super(`cannot fetch ${url}: ${message}`);
    this.name = "FetchError";
  }
}

export const FETCH_DEFAULTS = { timeoutMs: 15_000, maxBytes: 5_000_000, maxRedirects: 5 } as const;

const HTML_TYPES = ["text/html", "application/xhtml+xml"];
/** Raw files from a repository usually come as text/plain. */
const MARKDOWN_TYPES = ["text/markdown", "text/x-markdown", "text/plain"];

export function isUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

export async function fetchDocument(location: string, options: FetchOptions = {}): Promise<Fetched> {
  const { timeoutMs, maxBytes, maxRedirects } = { ...FETCH_DEFAULTS, ...options };
  const signal = AbortSignal.timeout(timeoutMs);
  let url = location;
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await fetch(url, {
        redirect: "manual",
        signal,
        headers: {
          accept: "text/html, application/xhtml+xml, text/markdown, text/plain;q=0.8",
          ...(options.etag ? { "if-none-match": options.etag } : {}),
        },
      });
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        await response.body?.cancel();
        const next = response.headers.get("location");
        if (!next) throw new FetchError(url, `HTTP ${response.status} without a Location to follow`);
        if (redirects >= maxRedirects)
          throw new FetchError(location, `more than ${maxRedirects} redirects (the last to ${next})`);
        url = new URL(next, url).href;
        continue;
      }
      if (response.status === 304 && options.etag) return { status: "not-modified", url, etag: options.etag };
      if (!response.ok) {
        await response.body?.cancel();
        throw new FetchError(
          url,
          `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`,
        );
      }
      const type = (response.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      const kind = HTML_TYPES.includes(type)
        ? "html"
        : MARKDOWN_TYPES.includes(type)
          ? "markdown"
          : undefined;
      if (!kind) {
        await response.body?.cancel();
        throw new FetchError(url, `content type ${type || "(none)"} is not an HTML or markdown page`);
      }
      const text = await readCapped(response, maxBytes, url);
      const etag = response.headers.get("etag") ?? undefined;
      return {
        status: "fetched",
        url,
        text,
        kind,
        ...(etag ? { etag } : {}),
        fetched: new Date().toISOString().slice(0, 10),
      };
    }
  } catch (error) {
    if (error instanceof FetchError) throw error;
    const name = (error as Error)?.name;
    if (name === "TimeoutError" || name === "AbortError")
      throw new FetchError(url, `no complete answer within ${timeoutMs / 1000} s`);
    const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
    throw new FetchError(url, cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error));
  }
}

/** The body as text, refused as soon as it passes `maxBytes` (announced or not). */
async function readCapped(response: Response, maxBytes: number, url: string): Promise<string> {
  const tooBig = () => new FetchError(url, `the page is larger than ${maxBytes} bytes`);
  const announced = Number(response.headers.get("content-length"));
  if (announced > maxBytes) {
    await response.body?.cancel();
    throw tooBig();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        await response.body.cancel().catch(() => {});
        throw tooBig();
      }
      chunks.push(chunk);
    }
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
