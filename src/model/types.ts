// The in-memory catalogue every other layer reads: models as loaded, with owners and routes worked out once.
import type { ChangeEntry } from "./changes.ts";

export interface Assignment {
  party: string;
  /** Normalised: RACI letters in R, A, C, I order, "✅", or "" for an empty cell. */
  role: string;
  /** The cell as published, when it differs from `role` (`AR`, `**RA**`, `✔`). */
  original?: string;
}

/** `person`: someone the asker has by role, not by name ("your line manager"). */
export type ContactType = "slack-channel" | "email" | "url" | "team" | "person";

export interface Contact {
  type: ContactType;
  /** `#channel-name`, an address, a URL, a team's name, or a person by role ("your line manager"). */
  value: string;
  /** For Slack channels: the workspace the notes name, e.g. "Justice Digital". */
  workspace?: string;
  /** Link text for URLs, when the notes give one. */
  label?: string;
}

/**
 * Where an answer's owners come from: the marks, the notes (no party marked), a list's boundary (2i2c's old
 * page), or the text: an area's sentence saying who owns it (2i2c's page by areas).
 */
export type OwnersFrom = "marks" | "notes" | "boundary" | "text";

export interface Row {
  /** Stable within a model: a slug of the responsibility. */
  id: string;
  modelId: string;
  /** Section path joined with " / ", as the source's headings read. */
  section: string;
  sectionPath: string[];
  item?: number;
  /** Verbatim from the source, typos included. */
  responsibility: string;
  /** One per party of the model, in the model's party order. */
  assignments: Assignment[];
  notes: string;
  owners: string[];
  ownersFrom: OwnersFrom;
  /** Parties the notes say are responsible, when that differs from the marks. */
  notesOwners?: string[];
  contacts: Contact[];
  /** For owners from the text: the document's sentence (and what qualifies it), shown as the caveat. */
  ownersCaveat?: string;
  /** 1-based line of the row in its model file, for lint messages. */
  line?: number;
}

export interface Source {
  file?: string;
  url: string;
  licence: string;
  revision?: string;
  /** ISO date the document was last read from its URL. */
  fetched?: string;
  etag?: string;
}

export interface Boundary {
  before: string;
  from: string;
  item: number;
  text: string;
  caveat?: string;
}

export interface Area {
  section: string;
  owners: string[];
  text: string;
  caveat?: string;
}

export interface Model {
  id: string;
  name: string;
  aliases: string[];
  source?: Source;
  parties: string[];
  support?: { text: string; contacts: Contact[] };
  boundary?: Boundary;
  areas?: Area[];
  rows: Row[];
  /** What `sync` changed, newest first (data/changes/<id>.md); empty when never synced. */
  changes?: ChangeEntry[];
  /** The model file it was loaded from. */
  file?: string;
}

export interface Catalogue {
  models: Model[];
}
