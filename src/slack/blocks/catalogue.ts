// Help, the list of models, and paginated lists of rows (browse, party questions), for messages and Home.
import type { types } from "@slack/bolt";
import { joinNames, ROLE_WORDS, roleMeaning } from "../../answer/describe.ts";
import type { Answer, Match } from "../../answer/types.ts";
import { EXAMPLES } from "../../examples.ts";
import type { Assignment, Catalogue, Model, OwnersFrom, Row } from "../../model/types.ts";
import { ACTION } from "../ids.ts";
import { escapeMrkdwn, link, truncatePlain } from "../text.ts";
import { encode, type ListSource, OPTION_VALUE_MAX, type PageRef, type RowRef } from "../values.ts";
import { actions, type Block, button, context, type Message, option, section, select } from "./common.ts";

/** A row as a list shows it. */
export interface ListItem {
  model: string;
  modelName: string;
  section: string;
  rowId: string;
  responsibility: string;
  owners: string[];
  ownersFrom: OwnersFrom;
  assignments: Assignment[];
}

export function itemFromRow(row: Row, model: Model): ListItem {
  return {
    model: model.id,
    modelName: model.name,
    section: row.section,
    rowId: row.id,
    responsibility: row.responsibility,
    owners: row.owners,
    ownersFrom: row.ownersFrom,
    assignments: row.assignments,
  };
}

export function itemFromMatch(match: Match): ListItem {
  return {
    model: match.model,
    modelName: match.modelName,
    section: match.section,
    rowId: match.rowId,
    responsibility: match.responsibility,
    owners: match.owners,
    ownersFrom: match.ownersFrom,
    assignments: match.assignments,
  };
}

/** Rows per page: ten, so a page fits on a screen. */
export const PER_PAGE = 10;

export interface ListPage {
  items: ListItem[];
  page: number;
  pages: number;
  total: number;
  blocks: Block[];
}

const roleOf = (item: ListItem, party: string) =>
  item.assignments.find((assignment) => assignment.party === party)?.role ?? "";

/** The role a party holds most often in a list: what "usual" means for its rows. */
function usualRole(items: readonly ListItem[], party: string): string {
  const counts = new Map<string, number>();
  for (const item of items) {
    const role = roleOf(item, party);
    if (role) counts.set(role, (counts.get(role) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
}

/** What differs from the party's usual role: "A only", "C", "shared with OVHcloud"; nothing when it is as usual. */
function differences(item: ListItem, party: string, usual: string): string[] {
  const out: string[] = [];
  const role = roleOf(item, party);
  if (role && role !== usual) {
    const subset = [...role].every((letter) => usual.includes(letter));
    out.push(subset ? `${role} only` : role === "✅" ? "✅" : role);
  }
  if (item.ownersFrom === "notes") out.push("named in the notes");
  const doers = item.assignments.filter(
    (assignment) => assignment.party !== party && /[R✅]/u.test(assignment.role),
  );
  if (doers.length > 0) out.push(`shared with ${joinNames(doers.map((d) => escapeMrkdwn(d.party)))}`);
  return out;
}

/** The legend of a one-party list, said once: "Customer: *RA* (does it and signs off) unless a row says otherwise · C is consulted". */
export function legendText(items: readonly ListItem[], party: string): string {
  const usual = usualRole(items, party);
  const letters = new Set(items.flatMap((item) => [...roleOf(item, party)]));
  if (usual === "✅" || (letters.size === 1 && letters.has("✅")))
    return `Rows where the ${escapeMrkdwn(party)} is marked ✅, with who else is`;
  const others = ["R", "A", "C", "I"]
    .filter((letter) => letters.has(letter) && !usual.includes(letter))
    .map((letter) => ` · ${letter} ${ROLE_WORDS[letter]}`)
    .join("");
  return `${escapeMrkdwn(party)}: *${escapeMrkdwn(usual)}* (${roleMeaning(usual)}) unless a row says otherwise${others}`;
}

function itemLine(item: ListItem, party: string | undefined, usual: string): string {
  const title = escapeMrkdwn(truncatePlain(item.responsibility, 300));
  if (party) {
    const extra = differences(item, party, usual);
    return `• ${title}${extra.length > 0 ? ` — _${extra.join(", ")}_` : ""}`;
  }
  const owners =
    item.owners.length > 0
      ? `*${joinNames(item.owners.map(escapeMrkdwn))}*${item.ownersFrom === "notes" ? " _(from the notes)_" : ""}`
      : "_owner not stated_";
  return `• ${title} — ${owners}`;
}

/**
 * One page of items, each row once in its own section with a button that opens it; a row that starts a
 * section (or model) carries its heading, so a page reads as grouped without extra blocks.
 */
export function listPage(
  all: ListItem[],
  page: number,
  options: { party?: string; open: (item: ListItem, index: number) => types.Button },
): ListPage {
  const pages = Math.max(1, Math.ceil(all.length / PER_PAGE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const items = all.slice(current * PER_PAGE, (current + 1) * PER_PAGE);
  const manyModels = new Set(all.map((item) => item.model)).size > 1;
  const usual = options.party ? usualRole(all, options.party) : "";
  const blocks: Block[] = [];
  let group: string | undefined;
  items.forEach((item, index) => {
    const key = `${item.model}\u0000${item.section}`;
    let text = itemLine(item, options.party, usual);
    if (key !== group) {
      group = key;
      const where = escapeMrkdwn(item.section || "General");
      text = `*${manyModels ? `${escapeMrkdwn(item.modelName)} › ` : ""}${where}*\n${text}`;
    }
    blocks.push(section(text, options.open(item, index)));
  });
  return { items, page: current, pages, total: all.length, blocks };
}

/** "Page 2 of 3 · 24 rows". */
export function pageStatus(page: Pick<ListPage, "page" | "pages" | "total">): string {
  return page.pages > 1
    ? `Page ${page.page + 1} of ${page.pages} · ${page.total} rows`
    : `${page.total} ${page.total === 1 ? "row" : "rows"}`;
}

const safeEncode = (value: object, max: number): string | undefined => {
  try {
    return encode(value, max);
  } catch {
    return undefined;
  }
};

export interface ListMessageOptions {
  title: string;
  source: ListSource;
  items: ListItem[];
  page: number;
  party?: string;
  /** Parties to filter by (browse lists), for the party select. */
  parties?: string[];
  footer?: string;
}

/** A list in a message: title, party filter, the legend, ten rows with a Show button each, Previous/Next. */
export function listMessage(options: ListMessageOptions): Message {
  const page = listPage(options.items, options.page, {
    ...(options.party ? { party: options.party } : {}),
    open: (item, index) =>
      button(
        "Show",
        `${ACTION.rowPrefix}${index}`,
        encode({ m: item.model, r: item.rowId } satisfies RowRef),
      ),
  });
  const blocks: Block[] = [section(options.title)];
  if (options.parties && options.parties.length > 0 && options.source.k === "b") {
    const model = options.source.m;
    const choices = [
      {
        label: "Everyone",
        value: safeEncode({ src: { k: "b", m: model }, pg: 0 } satisfies PageRef, OPTION_VALUE_MAX),
      },
      ...options.parties.map((party) => ({
        label: party,
        value: safeEncode({ src: { k: "b", m: model, p: party }, pg: 0 } satisfies PageRef, OPTION_VALUE_MAX),
      })),
    ].filter((choice): choice is { label: string; value: string } => choice.value !== undefined);
    const current = choices.find((c) => c.label === (options.party ?? "Everyone"))?.value;
    blocks.push(
      actions([
        select(
          ACTION.pageParty,
          "Filter by party",
          choices.map((c) =>
            option(c.label === "Everyone" ? "Everyone" : `What the ${c.label} does`, c.value),
          ),
          current,
        ),
      ]),
    );
  }
  if (options.party && page.total > 0) blocks.push(context(legendText(options.items, options.party)));
  if (page.total === 0) blocks.push(section("_Nothing here._"));
  blocks.push(...page.blocks);
  const nav: types.ActionsBlockElement[] = [];
  if (page.page > 0)
    nav.push(button("← Previous", ACTION.pagePrev, encode({ src: options.source, pg: page.page - 1 })));
  if (page.page < page.pages - 1)
    nav.push(button("Next →", ACTION.pageNext, encode({ src: options.source, pg: page.page + 1 })));
  const status = pageStatus(page);
  blocks.push(context(options.footer ? `${status} · ${options.footer}` : status));
  if (nav.length > 0) blocks.push(actions(nav));
  const text = `${escapeMrkdwn(options.title.replace(/[*_]/g, ""))} (${status})`;
  return { text, blocks };
}

export function sourceLink(model: Model): string | undefined {
  if (!model.source) return undefined;
  return `Source: ${link(model.source.url, model.name)} · ${escapeMrkdwn(model.source.licence)}`;
}

/** A model's rows as a browse message, optionally only one party's. */
export function browseMessage(model: Model, rows: Row[], page: number, party?: string): Message {
  const who = party ? `What the ${escapeMrkdwn(party)} is responsible for` : "Every responsibility";
  const footer = sourceLink(model);
  return listMessage({
    title: `*${escapeMrkdwn(model.name)}* — ${who}`,
    source: { k: "b", m: model.id, ...(party ? { p: party } : {}) },
    items: rows.map((row) => itemFromRow(row, model)),
    page,
    ...(party ? { party } : {}),
    parties: model.parties,
    ...(footer ? { footer } : {}),
  });
}

/** A party question's answer ("What is the Customer responsible for?") as a list. */
export function partyMessage(answer: Answer, source: ListSource, page: number): Message {
  const party = answer.party ?? "party";
  const models = [...new Set(answer.matches.map((m) => m.modelName))];
  const where = models.length > 0 ? ` (${joinNames(models.map(escapeMrkdwn))})` : "";
  const part = answer.sections
    ? ` in ${answer.sections.map((section) => `“${escapeMrkdwn(section)}”`).join(", ")}`
    : "";
  return listMessage({
    title: `*What the ${escapeMrkdwn(party)} is responsible for*${part}${where}`,
    source,
    items: answer.matches.map((match) => itemFromMatch(match)),
    page,
    ...(answer.party ? { party: answer.party } : {}),
  });
}

/** Every model, with a Browse button each. */
export function modelsMessage(catalogue: Catalogue): Message {
  const shown = catalogue.models.slice(0, 40);
  const blocks: Block[] = [section(`*The models I know* (${catalogue.models.length})`)];
  shown.forEach((model, i) => {
    const aliases =
      model.aliases.length > 0 ? ` · also “${model.aliases.map(escapeMrkdwn).join("”, “")}”` : "";
    const parties = `Parties: ${joinNames(model.parties.map(escapeMrkdwn))}`;
    const text = `*${escapeMrkdwn(model.name)}* (\`${escapeMrkdwn(model.id)}\`)${aliases}\n${model.rows.length} responsibilities · ${parties}`;
    blocks.push(
      section(
        text,
        button("Browse", `${ACTION.pageOpenPrefix}${i}`, encode({ src: { k: "b", m: model.id }, pg: 0 })),
      ),
    );
  });
  if (catalogue.models.length > shown.length)
    blocks.push(
      context(`…and ${catalogue.models.length - shown.length} more: \`/who-owns browse &lt;model&gt;\``),
    );
  if (catalogue.models.length === 0) blocks.push(section("_No models are loaded._"));
  const names = catalogue.models.map((m) => escapeMrkdwn(m.name));
  return { text: `The models I know: ${names.join(", ") || "none"}`, blocks };
}

/** Usage with examples that work (src/examples.ts), and what else there is. */
export function helpMessage(_catalogue: Catalogue, intro?: string): Message {
  const code = (question: string) => `\`/who-owns ${escapeMrkdwn(question)}\``;
  const lines = [
    `*Ask who owns something:* ${code(EXAMPLES.restartApp)} · ${code(EXAMPLES.rPackages)}`,
    `*Within one model:* ${code(EXAMPLES.withinModel)}`,
    `*What a party does:* ${code(EXAMPLES.party)}`,
    "*The models I know:* `/who-owns models` · *browse one:* `/who-owns browse ovh Customer`",
    "*What changed in them lately:* `/who-owns what changed`",
  ];
  const blocks: Block[] = [];
  if (intro) blocks.push(section(intro));
  blocks.push(
    section(
      `*who-owns* answers “who owns this?” and “where do I ask?” from published shared responsibility models.\n${lines.join("\n")}`,
    ),
  );
  blocks.push(
    context(
      `Mention me in a channel (\`@who-owns ${escapeMrkdwn(EXAMPLES.mention)}\`) and I answer in the thread · DM me · or open my Home tab to browse.`,
    ),
  );
  return {
    text: `How to ask who-owns: /who-owns ${escapeMrkdwn(EXAMPLES.restartApp)} · /who-owns models · /who-owns browse &lt;model&gt;`,
    blocks,
  };
}
