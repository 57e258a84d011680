// One pass over the document in reading order: every table and numbered list, with the section it sits in.
import type { List, Nodes, Paragraph, Root, Table } from "mdast";
import { captionOf } from "./markdown.ts";
import { outlineOf } from "./outline.ts";

export interface TableBlock {
  node: Table;
  section: string[];
  /** Blocks between the section's heading and the table, nearest first: where a legend would be. */
  preceding: Nodes[];
}

export interface ListBlock {
  node: List;
  section: string[];
}

export interface Blocks {
  title?: string;
  tables: TableBlock[];
  lists: ListBlock[];
  paragraphs: Paragraph[];
  /** Raw HTML that holds a table: not read, but worth naming when nothing else is found. */
  htmlTables: Nodes[];
}

export function blocksOf(root: Root): Blocks {
  const outline = outlineOf(root);
  const blocks: Blocks = { title: outline.title, tables: [], lists: [], paragraphs: [], htmlTables: [] };
  let section: string[] = [];
  let sinceHeading: Nodes[] = [];

  const visit = (children: readonly Nodes[], inList: boolean) => {
    children.forEach((node, index) => {
      const previous = index > 0 ? children[index - 1] : undefined;
      // A bold paragraph right above a table or list names it, as a heading would.
      const caption = captionOf(previous);
      const here = caption ? [...section, caption] : section;
      switch (node.type) {
        case "heading":
          section = outline.paths.get(node) ?? section;
          sinceHeading = [];
          return;
        case "table":
          blocks.tables.push({ node, section: here, preceding: [...sinceHeading].reverse() });
          break;
        case "list":
          if (node.ordered && !inList) blocks.lists.push({ node, section: here });
          for (const item of node.children) visit(item.children, true);
          break;
        case "paragraph":
          blocks.paragraphs.push(node);
          break;
        case "html":
          if (/<table\b/i.test(node.value)) blocks.htmlTables.push(node);
          break;
        case "blockquote":
        case "footnoteDefinition":
          visit(node.children, inList);
          break;
      }
      sinceHeading.push(node);
    });
  };
  visit(root.children, false);
  return blocks;
}
