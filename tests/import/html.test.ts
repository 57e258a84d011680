// A page and its markdown source import to the same rows: every page of the shared corpus and the shipped
// sources, rendered to HTML as a site would publish them, and fetched by URL from a loopback server.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalText } from "../../src/diff/compare.ts";
import { importRead, readDocument } from "../../src/import/document.ts";
import { FetchError, fetchDocument } from "../../src/import/fetch.ts";
import { htmlToMarkdown } from "../../src/import/html.ts";
import { ImportError, type ImportResult, importMarkdown } from "../../src/import/index.ts";
import { html, type PageServer, renderPage, servePages } from "../support/pages.ts";
import { CORPUS, HAS_SHARED, read, SOURCES } from "./helpers.ts";

/** Rows as compared: text with whitespace as HTML keeps it (runs are one space; none beside `<br>`). */
function rowsOf(result: ImportResult) {
  return result.model.rows.map((row) => ({
    ...row,
    responsibility: normalText(row.responsibility),
    notes: normalText(row.notes),
  }));
}

const corpusPages = HAS_SHARED
  ? readdirSync(fileURLToPath(CORPUS), { recursive: true, encoding: "utf8" })
      .filter((name) => name.endsWith(".md") && name !== "INDEX.md")
      .sort()
  : [];
const pages = [
  ...["moj-analytical-platform.md", "ovhcloud-data-processing.md", "2i2c-hubs.md"].map((name) => ({
    name,
    base: SOURCES,
  })),
  ...corpusPages.map((name) => ({ name, base: CORPUS })),
];

describe("an HTML page imports to the same rows as its markdown", () => {
  it.skipIf(!HAS_SHARED)("covers every page of the corpus", () => {
    expect(corpusPages.length).toBeGreaterThanOrEqual(15);
  });

  it.each(pages)("$name", ({ name, base }) => {
    const markdown = read(base, name);
    const fromMarkdown = importMarkdown(markdown, { file: name });
    const fromHtml = importMarkdown(htmlToMarkdown(renderPage(markdown)), { file: name });
    expect(fromHtml.model.parties).toEqual(fromMarkdown.model.parties);
    expect(rowsOf(fromHtml)).toEqual(rowsOf(fromMarkdown));
    expect(fromHtml.model.boundary).toEqual(fromMarkdown.model.boundary);
    expect(fromHtml.model.areas).toEqual(fromMarkdown.model.areas);
  });

  it.skipIf(!HAS_SHARED)(
    "ignores the permalink anchors a site generator adds to headings (Sphinx's ¶)",
    () => {
      const markdown = read(CORPUS, "2i2c/srm-current-areas.md");
      const sphinx = renderPage(markdown).replace(
        /<\/(h[1-6])>/g,
        '<a class="headerlink" href="#here" title="Link to this heading">¶</a></$1>',
      );
      const fromHtml = importMarkdown(htmlToMarkdown(sphinx));
      const fromMarkdown = importMarkdown(markdown);
      expect(rowsOf(fromHtml)).toEqual(rowsOf(fromMarkdown));
      expect(fromHtml.model.areas).toEqual(fromMarkdown.model.areas);
      expect(fromHtml.model.areas?.map((area) => area.section)).toContain("Site Reliability Engineering");
    },
  );

  it("reads only the main content: a table in the nav bar is not a row", () => {
    const page = renderPage(
      "## Ops\n\n| Activity | Customer | OVHcloud |\n|---|---|---|\n| Patch | RA | I |\n",
    );
    const { model } = importMarkdown(htmlToMarkdown(page));
    expect(model.rows.map((row) => row.responsibility)).toEqual(["Patch"]);
    expect(model.parties).toEqual(["Customer", "OVHcloud"]);
  });

  it("takes <article> when there is no <main>, and <body> when there is neither", () => {
    const table =
      "<table><tr><th>Activity</th><th>Client</th></tr><tr><td>Back up</td><td>R</td></tr></table>";
    const inArticle = `<html><body><nav><p>x</p></nav><article><h2>Data</h2>${table}</article></body></html>`;
    const inBody = `<html><body><h2>Data</h2>${table}<footer><p>f</p></footer></body></html>`;
    for (const page of [inArticle, inBody]) {
      const { model } = importMarkdown(htmlToMarkdown(page));
      expect(model.rows).toEqual([
        { section: "Data", responsibility: "Back up", assignments: { Client: "R" }, notes: "" },
      ]);
    }
  });

  it("refuses a page with no responsibilities, naming the line and the reason", () => {
    const page = renderPage("# About us\n\nWe are a team.\n");
    expect(() => importMarkdown(htmlToMarkdown(page), { file: "about.html" })).toThrow(
      /about\.html:1: found no responsibility table/,
    );
  });
});

describe("importing by URL", () => {
  let server: PageServer;
  const ovh = () => read(SOURCES, "ovhcloud-data-processing.md");
  const big = `<html><body><main>${"<p>padding</p>".repeat(2000)}</main></body></html>`;

  beforeAll(async () => {
    const published = Object.fromEntries(
      pages.map(({ name, base }) => [
        `/pages/${name.replace(/\.md$/, ".html")}`,
        html(renderPage(read(base, name))),
      ]),
    );
    server = await servePages({
      ...published,
      "/ovh.html": html(renderPage(ovh()), { etag: '"v1"' }),
      "/raw.md": (_request, response) => {
        response.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end(ovh());
      },
      "/etag.html": (request, response) => {
        if (request.headers["if-none-match"] === '"v1"') response.writeHead(304, { etag: '"v1"' }).end();
        else response.writeHead(200, { "content-type": "text/html", etag: '"v1"' }).end(renderPage(ovh()));
      },
      "/moved": (_request, response) => {
        response.writeHead(301, { location: "/ovh.html" }).end();
      },
      "/loop": (_request, response) => {
        response.writeHead(302, { location: "/loop" }).end();
      },
      "/slow": (_request, response) => {
        response.writeHead(200, { "content-type": "text/html" });
        response.write("<html><body>");
        // never finishes
      },
      "/pdf": (_request, response) => {
        response.writeHead(200, { "content-type": "application/pdf" }).end("%PDF-1.4");
      },
      "/big": html(big),
      "/big-chunked": (_request, response) => {
        response.writeHead(200, { "content-type": "text/html" });
        response.write(big.slice(0, 20_000));
        response.end(big.slice(20_000));
      },
    });
  });
  afterAll(() => server.close());

  it("imports a page by URL to the rows of its markdown, recording the URL and the fetch date", async () => {
    const document = await readDocument(server.url("/ovh.html"));
    if (!document) throw new Error("expected a document");
    const fromUrl = importRead(document);
    const fromFile = importMarkdown(ovh());
    expect(rowsOf(fromUrl)).toEqual(rowsOf(fromFile));
    expect(fromUrl.model.id).toBe("ovh");
    expect(fromUrl.model.source).toEqual({
      url: server.url("/ovh.html"),
      licence: expect.any(String),
      fetched: new Date().toISOString().slice(0, 10),
    });
    expect(document.etag).toBe('"v1"');
  });

  it.each(pages)("$name, fetched by URL, imports to the rows of its markdown", async ({ name, base }) => {
    const document = await readDocument(server.url(`/pages/${name.replace(/\.md$/, ".html")}`));
    if (!document) throw new Error("expected a document");
    const fromUrl = importRead(document);
    const fromFile = importMarkdown(read(base, name));
    expect(fromUrl.model.parties).toEqual(fromFile.model.parties);
    expect(rowsOf(fromUrl)).toEqual(rowsOf(fromFile));
    expect(fromUrl.model.areas).toEqual(fromFile.model.areas);
  });

  it("reads a markdown file served as text/plain (a repository's raw file)", async () => {
    const document = await readDocument(server.url("/raw.md"));
    expect(document?.kind).toBe("markdown");
    expect(document && importRead(document).model.rows).toEqual(importMarkdown(ovh()).model.rows);
  });

  it("follows a redirect, and gives up after a few", async () => {
    const moved = await fetchDocument(server.url("/moved"));
    expect(moved.url).toBe(server.url("/ovh.html"));
    await expect(fetchDocument(server.url("/loop"), { maxRedirects: 3 })).rejects.toThrow(
      /cannot fetch .*\/loop: more than 3 redirects/,
    );
  });

  it("answers 304 to the ETag it holds, so an unchanged page is not read again", async () => {
    const first = await fetchDocument(server.url("/etag.html"));
    expect(first.status).toBe("fetched");
    const again = await fetchDocument(server.url("/etag.html"), { etag: '"v1"' });
    expect(again).toEqual({ status: "not-modified", url: server.url("/etag.html"), etag: '"v1"' });
    expect(server.requests.filter((r) => r.path === "/etag.html").map((r) => r.ifNoneMatch)).toEqual([
      undefined,
      '"v1"',
    ]);
  });

  it("says in one line what failed: 404, a timeout, a content type, an oversized body, no server", async () => {
    const failure = (url: string, options = {}) =>
      fetchDocument(url, options).then(
        () => "fetched",
        (error: unknown) => (error instanceof FetchError ? error.message : `not a FetchError: ${error}`),
      );
    expect(await failure(server.url("/missing"))).toMatch(
      /^cannot fetch http:\/\/127\.0\.0\.1:\d+\/missing: HTTP 404/,
    );
    expect(await failure(server.url("/slow"), { timeoutMs: 300 })).toMatch(
      /\/slow: no complete answer within 0\.3 s$/,
    );
    expect(await failure(server.url("/pdf"))).toMatch(
      /content type application\/pdf is not an HTML or markdown page/,
    );
    expect(await failure(server.url("/big"), { maxBytes: 10_000 })).toMatch(/larger than 10000 bytes/);
    expect(await failure(server.url("/big-chunked"), { maxBytes: 10_000 })).toMatch(
      /larger than 10000 bytes/,
    );
    const closed = await servePages({});
    const deadUrl = closed.url("/x");
    await closed.close();
    expect(await failure(deadUrl)).toMatch(/cannot fetch .*: ECONNREFUSED/);
  });

  it("an import error on an HTML page says the lines are of the page as markdown", async () => {
    const document = await readDocument(server.url("/pdf")).catch((error: Error) => error);
    expect(document).toBeInstanceOf(FetchError);
    const about = {
      location: "about.html",
      kind: "html" as const,
      text: "",
      markdown: "# About\n\nNothing.\n",
    };
    expect(() => importRead(about)).toThrow(ImportError);
    expect(() => importRead(about)).toThrow(/^about\.html \(as markdown\):1:/);
  });
});
