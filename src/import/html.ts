// An HTML page → markdown the readers already know: parsed with hast, its main content taken (<main>, else
// <article>, else <body>, without navigation, headers and footers), turned into mdast and written out as
// markdown (GFM tables), so a page and its markdown source go through the same readers.
import type { Element, Root as HastRoot } from "hast";
import { fromHtml } from "hast-util-from-html";
import { select, selectAll } from "hast-util-select";
import { toMdast } from "hast-util-to-mdast";
import type { Parents, Text } from "mdast";
import { gfmTableToMarkdown } from "mdast-util-gfm-table";
import { type Info, type State, toMarkdown } from "mdast-util-to-markdown";

/**
 * Page chrome that never holds responsibilities, and the permalink anchors that site generators append to
 * headings (Sphinx and MkDocs `headerlink`, GitHub `anchor`, Docusaurus `hash-link`), which would otherwise
 * end every section name with "#" or "¶".
 */
const PERMALINKS = "a.headerlink, a.anchor, a.hash-link, a.anchor-link, a.heading-anchor";
const CHROME =
  "nav, header, footer, aside, script, style, noscript, template, [role=navigation], [role=banner], [role=contentinfo]";

export function htmlToMarkdown(html: string): string {
  const page = fromHtml(html);
  const main = (select("main, [role=main]", page) ??
    select("article", page) ??
    select("body", page) ??
    page) as Element | HastRoot;
  for (const element of selectAll(`${CHROME}, ${PERMALINKS}`, main)) element.children = [];
  const content: HastRoot = { type: "root", children: main.type === "root" ? main.children : [main] };
  // A line break stays `<br>` as markdown tables write it, rather than a break a table cell cannot hold.
  const mdast = toMdast(content, { handlers: { br: () => ({ type: "html", value: "<br>" }) } });
  return toMarkdown(mdast, {
    extensions: [gfmTableToMarkdown()],
    bullet: "-",
    emphasis: "*",
    fences: true,
    handlers: { text: plainAmpersands },
  });
}

/** Text escaped as markdown needs, except `&` that cannot start an entity ("P&A" stays "P&A", as written). */
function plainAmpersands(node: Text, _parent: Parents | undefined, state: State, info: Info): string {
  return state.safe(node.value, info).replace(/\\&(?![#a-z0-9]+;)/gi, "&");
}

export function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text);
}
