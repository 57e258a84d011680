// Help, the list of models, and paginated lists of rows (browse, party questions), for messages and Home.
import type { types } from "@slack/bolt";
import type { Answer, Match } from "../../answer/types.ts";
import type { Catalogue, Model, OwnersFrom, Row } from "../../model/types.ts";
import { ACTION } from "../ids.ts";
import { escapeMrkdwn, link, listing, truncatePlain } from "../text.ts";
import { encode, type ListSource, OPTION_VALUE_MAX, type PageRef } from "../values.ts";
import {
  actions,
  type Block,
  button,
  context,
  linesToSections,
  type Message,
  option,
  section,
  select,
} from "./common.ts";

/** A row as a list shows it. */
export interface ListItem {
  model: string;
  modelName: string;
  section: string;
  rowId: string;
  responsibility: string;
  owners: string[];
  ownersFrom: OwnersFrom;
  /** The filtered party's role in the row, when the list is one party's. */
  role?: string;
}

export function itemFromRow(row: Row, model: Model, party?: string): ListItem {
  const role = party ? row.assignments.find((a) => a.party === party)?.role : undefined;
  return {
    model: model.id,
    modelName: model.name,
    section: row.section,
    rowId: row.id,
    responsibility: row.responsibility,
    owners: row.owners,
    ownersFrom: row.ownersFrom,
    ...(role !== undefined ? { role } : {}),
  };
}

export function itemFromMatch(match: Match, party?: string): ListItem {
  const role = party ? match.assignments.find((a) => a.party === party)?.role : undefined;
  return {
    model: match.model,
    modelName: match.modelName,
    section: match.section,
    rowId: match.rowId,
    responsibility: match.responsibility,
    owners: match.owners,
    ownersFrom: match.ownersFrom,
    ...(role !== undefined ? { role } : {}),
  };
}

/** Rows per page: messages hold 50 blocks, Home views 100; both stay far inside. */
export const PER_PAGE = { message: 20, home: 25 } as const;

export interface ListPage {
  items: ListItem[];
  page: number;
  pages: number;
  total: number;
  blocks: Block[];
}

function itemLine(item: ListItem, party?: string): string {
  const owners =
    item.owners.length > 0
      ? `*${listing(item.owners.map(escapeMrkdwn))}*${item.ownersFrom === "notes" ? " _(from the notes)_" : ""}`
      : "_owner not stated_";
  const role =
    party && item.role && /^[RACI]+$/.test(item.role) ? ` · ${escapeMrkdwn(party)}: ${item.role}` : "";
  return `• ${escapeMrkdwn(truncatePlain(item.responsibility, 400))} — ${owners}${role}`;
}

/** One page of items, grouped under their sections (and models, when the list spans several). */
export function listPage(all: ListItem[], page: number, perPage: number, party?: string): ListPage {
  const pages = Math.max(1, Math.ceil(all.length / perPage));
  const current = Math.min(Math.max(0, page), pages - 1);
  const items = all.slice(current * perPage, (current + 1) * perPage);
  const manyModels = new Set(all.map((item) => item.model)).size > 1;
  const blocks: Block[] = [];
  let group: { key: string; heading: string; lines: string[] } | undefined;
  const flush = () => {
    if (group) blocks.push(...linesToSections(group.lines, group.heading));
  };
  for (const item of items) {
    const key = `${item.model}\u0000${item.section}`;
    if (group?.key !== key) {
      flush();
      const where = item.section || "General";
      const heading = manyModels
        ? `*${escapeMrkdwn(item.modelName)} › ${escapeMrkdwn(where)}*`
        : `*${escapeMrkdwn(where)}*`;
      group = { key, heading, lines: [] };
    }
    group.lines.push(itemLine(item, party));
  }
  flush();
  return { items, page: current, pages, total: all.length, blocks };
}

/** A select of the page's rows ("Show a responsibility…"); values carry model and row ids. */
export function rowSelect(
  items: ListItem[],
  actionId: string,
  valueFor: (item: ListItem) => string,
): types.StaticSelect | undefined {
  const options: types.PlainTextOption[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const value = valueFor(item);
    if (value.length > OPTION_VALUE_MAX || seen.has(value)) continue;
    seen.add(value);
    options.push(option(item.responsibility, value));
  }
  return options.length > 0 ? select(actionId, "Show a responsibility…", options) : undefined;
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

/** A list in a message: title, optional party filter, rows of one page, Previous/Next and a row picker. */
export function listMessage(options: ListMessageOptions): Message {
  const page = listPage(options.items, options.page, PER_PAGE.message, options.party);
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
  if (page.total === 0) blocks.push(section("_Nothing here._"));
  blocks.push(...page.blocks);
  const nav: types.ActionsBlockElement[] = [];
  if (page.page > 0)
    nav.push(button("← Previous", ACTION.pagePrev, encode({ src: options.source, pg: page.page - 1 })));
  if (page.page < page.pages - 1)
    nav.push(button("Next →", ACTION.pageNext, encode({ src: options.source, pg: page.page + 1 })));
  const picker = rowSelect(page.items, ACTION.rowPick, (item) =>
    JSON.stringify({ m: item.model, r: item.rowId }),
  );
  if (picker) nav.push(picker);
  const status =
    page.pages > 1 ? `Page ${page.page + 1} of ${page.pages} · ${page.total} rows` : `${page.total} rows`;
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
    items: rows.map((row) => itemFromRow(row, model, party)),
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
  const where = models.length > 0 ? ` (${listing(models.map(escapeMrkdwn))})` : "";
  return listMessage({
    title: `*What the ${escapeMrkdwn(party)} is responsible for*${where}`,
    source,
    items: answer.matches.map((match) => itemFromMatch(match, answer.party)),
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
    const parties = `Parties: ${listing(model.parties.map(escapeMrkdwn))}`;
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

/** Usage with examples, using the loaded models' own short names. */
export function helpMessage(catalogue: Catalogue, intro?: string): Message {
  const first = catalogue.models[0];
  const short = escapeMrkdwn(first?.aliases[0] ?? first?.id ?? "ovh");
  const party = escapeMrkdwn(first?.parties[first.parties.length > 1 ? 1 : 0] ?? "Customer");
  const lines = [
    "*Ask who owns something:* `/who-owns who patches the operating system?`",
    `*Within one model:* \`/who-owns ${short}: who manages access?\``,
    `*What a party does:* \`/who-owns what is the ${party} responsible for?\``,
    "*The models I know:* `/who-owns models`",
    `*Browse a model:* \`/who-owns browse ${short}\` (or one party's rows: \`/who-owns browse ${short} ${party}\`)`,
    "*Help:* `/who-owns help`",
  ];
  const blocks: Block[] = [];
  if (intro) blocks.push(section(intro));
  blocks.push(
    section(
      `*who-owns* answers “who owns this?” from published shared responsibility models.\n${lines.join("\n")}`,
    ),
  );
  blocks.push(
    context(
      "Mention me in a channel (`@who-owns who owns DPIAs?`) and I answer in the thread · DM me · or open my Home tab to browse.",
    ),
  );
  return {
    text: "How to ask who-owns: /who-owns &lt;question&gt;, /who-owns models, /who-owns browse &lt;model&gt;",
    blocks,
  };
}
