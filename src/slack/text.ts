// Text into and out of Slack: escaping for mrkdwn, the links we build ourselves, and questions as typed.

/** Escapes the three characters Slack's mrkdwn treats as control characters. Apply to every user or data string. */
export function escapeMrkdwn(text: string): string {
  // Most text has none of them: three searches cost less than three replacements.
  if (text.indexOf("&") < 0 && text.indexOf("<") < 0 && text.indexOf(">") < 0) return text;
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Undoes Slack's own escaping of a message's text (`&amp;`, `&lt;`, `&gt;`). */
export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/**
 * A message's text as a question for the engine: mentions of the bot removed, Slack's markup
 * (`<@U…>`, `<#C…|name>`, `<!here>`, `<https://…|label>`) reduced to words, entities decoded.
 */
export function questionFromSlack(text: string, botUserId?: string): string {
  let out = text;
  if (botUserId) out = out.replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, "g"), " ");
  out = out
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, "#$1")
    .replace(/<#([A-Z0-9]+)>/g, " ")
    .replace(/<@[A-Z0-9]+\|([^>]*)>/g, "@$1")
    .replace(/<@[A-Z0-9]+>/g, " ")
    .replace(/<![^>]*>/g, " ")
    .replace(/<((?:https?|mailto):[^|>]*)\|([^>]*)>/g, "$2")
    .replace(/<((?:https?|mailto):[^>]*)>/g, "$1");
  return decodeEntities(out)
    .replace(/^[\s,:;.!-]+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A question as the person typed it, for echoing back ("You asked: …"): the bot's mention removed and
 * entities decoded, everything else kept literally. Escape it before it goes into mrkdwn.
 */
export function typedQuestion(text: string, botUserId?: string): string {
  let out = text;
  if (botUserId) out = out.replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, "g"), " ");
  return decodeEntities(out)
    .replace(/^[\s,:;-]+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** True for an absolute http(s) URL we are willing to put inside `<…>`. */
export function isSafeUrl(url: string): boolean {
  return /^https?:\/\/[^\s<>|"]+$/i.test(url);
}

/** `<url|label>` with the label escaped, or the escaped text when the URL is not one we can link safely. */
export function link(url: string, label?: string): string {
  const text = escapeMrkdwn(label?.trim() || url);
  if (!isSafeUrl(url)) return label ? `${text} (${escapeMrkdwn(url)})` : text;
  return `<${url.replace(/&/g, "&amp;")}|${text}>`;
}

/** `<mailto:x|x>` for an address that is one, else the escaped text. */
export function mailto(address: string): string {
  if (!/^[^\s<>|@]+@[^\s<>|@]+\.[^\s<>|@]+$/.test(address)) return escapeMrkdwn(address);
  const escaped = escapeMrkdwn(address);
  return `<mailto:${escaped}|${escaped}>`;
}

const PLACEHOLDER = /\uE000(\d+)\uE001/g;

/**
 * A row's notes (markdown as published) as mrkdwn: `<br>` to line breaks, **bold** to *bold*,
 * [label](url) and <https://…> to links we build; everything else escaped.
 */
export function notesToMrkdwn(notes: string): string {
  if (!notes) return "";
  // A row's notes come back with every answer that shows it: converted once (a dozen patterns each time).
  const remembered = mrkdwnOfNotes.get(notes);
  if (remembered !== undefined) return remembered;
  if (mrkdwnOfNotes.size >= NOTES_REMEMBERED) mrkdwnOfNotes.clear();
  const mrkdwn = convertNotes(notes);
  mrkdwnOfNotes.set(notes, mrkdwn);
  return mrkdwn;
}

/** More distinct notes than any catalogue has rows with notes: the memo is cleared past it, never grows. */
const NOTES_REMEMBERED = 5000;
const mrkdwnOfNotes = new Map<string, string>();

function convertNotes(notes: string): string {
  const links: string[] = [];
  const keep = (rendered: string) => `\uE000${links.push(rendered) - 1}\uE001`;
  const text = notes
    .replace(/[\uE000\uE001]/g, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/\[([^\]]*)\]\(([^)\s]+)\)/g, (_all, label: string, url: string) => keep(link(url, label)))
    .replace(/<(https?:\/\/[^>\s]+)>/g, (_all, url: string) => keep(link(url)));
  return escapeMrkdwn(text)
    .replace(/\*\*(.+?)\*\*/g, "*$1*")
    .replace(/__(.+?)__/g, "_$1_")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(PLACEHOLDER, (_all, index: string) => links[Number(index)] ?? "")
    .trim();
}

/**
 * Cuts mrkdwn to at most `max` characters, ending in "…", without splitting an entity (`&amp;`)
 * or a link (`<…>`), so a cut can never leave half a control sequence behind.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  const open = text.lastIndexOf("<", cut);
  if (open !== -1 && text.indexOf(">", open) >= cut) cut = open;
  const amp = text.lastIndexOf("&", cut);
  if (amp !== -1 && amp > cut - 6 && !/^&(?:amp|lt|gt);/.test(text.slice(amp, cut))) {
    const end = text.indexOf(";", amp);
    if (end === -1 || end >= cut) cut = amp;
  }
  return `${text.slice(0, cut).trimEnd()}…`;
}

/** Cuts plain text (button labels, option text) to `max` characters, ending in "…". */
export function truncatePlain(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  // No more UTF-16 units than `max` is no more characters either.
  if (clean.length <= max) return clean;
  // Without surrogate pairs, a character is a UTF-16 unit: cut the string itself.
  if (!/[\uD800-\uDFFF]/.test(clean)) return `${clean.slice(0, max - 1).trimEnd()}…`;
  const chars = Array.from(clean);
  if (chars.length <= max) return clean;
  return `${chars
    .slice(0, max - 1)
    .join("")
    .trimEnd()}…`;
}
