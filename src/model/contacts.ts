// Routes named in a row's notes: Slack channels (with their workspace), emails, links and teams.
import type { Contact } from "./types.ts";

/** Notes as plain sentences: markdown emphasis and <br> removed, links kept as their text. */
export function plainNotes(notes: string): string {
  return notes
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/\[([^\]]*)\]\(([^)\s]*)\)/g, "$1")
    .replace(/<(https?:\/\/[^>\s]+)>/g, "$1")
    .replace(/(\*\*|__)(.*?)\1/g, "$2")
    .replace(/[ \t]+/g, " ")
    .trim();
}

/** Splits plain text into sentences, so a workspace is tied to the channel of its own sentence. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

const CHANNEL = /(?<![\w&/])#([a-z0-9][a-z0-9._-]*[a-z0-9])/g;
const WORKSPACE = /\bon the ([A-Z][\w&' -]*?) (?:Slack )?workspace\b/;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const MARKDOWN_LINK = /\[([^\]]*)\]\((https?:\/\/[^)\s]+)\)/g;
const BARE_URL = /(?<![(<])\bhttps?:\/\/[^\s)>\]]+/g;
const AUTOLINK = /<(https?:\/\/[^>\s]+)>/g;
// A run of capitalised words (with & and bracketed initials) before "team": "Platforms & Architecture (P&A) Cyber team".
const NAMED_TEAM = /\b((?:[A-Z][\w&]*|&|\([A-Z&]+\))(?: (?:[A-Z][\w&]*|&|\([A-Z&]+\)))*) team\b/g;
// Bodies that share a duty are named without "team": "The Analytical Platform and Operations Engineering share …".
const SHARING_BODY = /\b([A-Z][\w&]*(?: [A-Z][\w&]*)*) share the responsibilit/g;

// Someone every asker has, named by role as where to go: "obtaining their credentials from their line managers".
const PERSON =
  /\b(?:from|ask|asking|contact|contacting|check with|speak to|talk to|go to) (?:your|their|his or her|the user's) (line manager|manager|team leader|team lead|supervisor)s?\b/gi;

const ARTICLES = /^(?:The|A|An)\s+/;

function trimUrl(url: string): string {
  return url.replace(/[.,;:]+$/, "");
}

/**
 * Extracts every route the notes name. Teams that are themselves parties of the model are left out:
 * the answer already names them as owners.
 */
export function extractContacts(notes: string, parties: readonly string[] = []): Contact[] {
  const contacts: Contact[] = [];
  const seen = new Set<string>();
  const add = (contact: Contact) => {
    const key = `${contact.type}:${contact.value.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    contacts.push(contact);
  };

  for (const match of plainNotes(notes).matchAll(PERSON))
    add({ type: "person", value: `your ${(match[1] ?? "").toLowerCase()}` });
  for (const match of notes.matchAll(MARKDOWN_LINK)) {
    add({ type: "url", value: trimUrl(match[2] ?? ""), label: match[1]?.trim() || undefined });
  }
  for (const match of notes.matchAll(AUTOLINK)) add({ type: "url", value: trimUrl(match[1] ?? "") });

  const plain = plainNotes(notes);
  for (const sentence of sentences(plain)) {
    const workspace = WORKSPACE.exec(sentence)?.[1];
    for (const match of sentence.matchAll(CHANNEL)) {
      add({ type: "slack-channel", value: `#${match[1]}`, ...(workspace ? { workspace } : {}) });
    }
  }
  for (const match of plain.matchAll(EMAIL)) add({ type: "email", value: match[0] });
  for (const match of plain.replace(EMAIL, "").matchAll(BARE_URL))
    add({ type: "url", value: trimUrl(match[0]) });

  const partyNames = new Set(parties.map((party) => party.toLowerCase()));
  const addTeam = (name: string) => {
    const bare = name.replace(ARTICLES, "");
    const short = bare.replace(/ team$/i, "");
    if (!short || partyNames.has(short.toLowerCase()) || partyNames.has(bare.toLowerCase())) return;
    add({ type: "team", value: bare });
  };
  for (const match of plain.matchAll(NAMED_TEAM)) addTeam(`${match[1]} team`);
  for (const match of plain.matchAll(SHARING_BODY)) addTeam(match[1] ?? "");
  return contacts;
}
