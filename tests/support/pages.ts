// Test pages: markdown rendered to HTML as a site would publish it (markdown-it with tables, inside a page
// with a header, a nav bar and a footer), and a loopback HTTP server to fetch them from.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import MarkdownIt from "markdown-it";

const markdownIt = new MarkdownIt({ html: true });

/** Front matter is the site generator's, not the page's: a renderer never shows it. */
function withoutFrontMatter(markdown: string): string {
  return markdown.replace(/^\uFEFF?---\r?\n[\s\S]*?\r?\n---\r?\n/, "");
}

export function renderPage(markdown: string, title = "Responsibilities"): string {
  const body = markdownIt.render(withoutFrontMatter(markdown));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body>
<header class="site-header"><h1>Example site</h1><p>Owner | Team</p></header>
<nav><ol><li><a href="/">Home</a></li><li>1. Guides</li><li>2. Support</li></ol>
<table><tr><th>Menu</th><th>Customer</th></tr><tr><td>Docs</td><td>RA</td></tr></table></nav>
<main id="content">
${body}
</main>
<footer><ol><li>Privacy</li><li>Cookies</li></ol><p>© Example</p></footer>
</body></html>`;
}

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface PageServer {
  url(path: string): string;
  close(): Promise<void>;
  requests: { path: string; ifNoneMatch?: string }[];
}

/** An HTTP server on 127.0.0.1 only, answering each path with its handler. */
export async function servePages(routes: Record<string, Handler>): Promise<PageServer> {
  const requests: PageServer["requests"] = [];
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    const ifNoneMatch = request.headers["if-none-match"];
    requests.push({ path, ...(typeof ifNoneMatch === "string" ? { ifNoneMatch } : {}) });
    const handler = routes[path];
    if (!handler) {
      response.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>");
      return;
    }
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function html(text: string, headers: Record<string, string> = {}): Handler {
  return (_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", ...headers }).end(text);
  };
}
