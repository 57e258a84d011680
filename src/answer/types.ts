// The one Answer every surface (Slack, terminal, JSON) renders. Nothing here knows how it was searched.
import type { Assignment, Contact, OwnersFrom } from "../model/types.ts";

export interface Match {
  /** Model id. */
  model: string;
  modelName: string;
  /** Row id within the model (stable slug), for buttons and links back to the row. */
  rowId: string;
  section: string;
  item?: number;
  responsibility: string;
  assignments: Assignment[];
  owners: string[];
  ownersFrom: OwnersFrom;
  /** Parties the notes call responsible when the marks disagree: show both. */
  notesOwners?: string[];
  contacts: Contact[];
  /** True when the channels, addresses and links in `contacts` are the model's general support route, because
   * the row names none (teams the row names stay beside it). */
  contactsFromSupport?: boolean;
  notes: string;
  /** The list's boundary sentence and caveat, for models whose owners come from a boundary. */
  caveat?: string;
  /** Where a numbered list changes hands, for models whose owners come from a boundary. */
  boundary?: { before: string; from: string; item: number; caveat?: string };
  /** Where the row comes from and how fresh it is: the document's revision and the day it was last read. */
  source?: { url: string; licence: string; file?: string; revision?: string; fetched?: string };
  /** 0..1, higher is better. */
  score: number;
}

export type AnswerKind =
  /** A responsibility was found (answered: true), or only close rows were (answered: false). */
  | "responsibility"
  /** "What is the Customer responsible for?": the matches are that party's rows. */
  | "party";

export interface WhichParty {
  model: string;
  modelName: string;
  party: string;
  /** A question that lists the party's rows in that model. */
  question: string;
}

export interface SupportRoute {
  model: string;
  modelName: string;
  text: string;
  contacts: Contact[];
}

export interface Answer {
  query: string;
  answered: boolean;
  kind: AnswerKind;
  /** Best first. When answered, matches[0] is the answer and the rest are alternatives. */
  matches: Match[];
  /** The model the question named or was asked within, if any. */
  model?: string;
  /** The party a party question asked about. */
  party?: string;
  /** A party question kept to part of the document: the headings of the sections its words named. */
  sections?: string[];
  /**
   * "What am I responsible for?" with no model named or known from the channel: each model's customer side,
   * and the question that lists its rows, to ask instead (not answered).
   */
  which?: WhichParty[];
  /** A message asking several things, one of them answered: the part this answers. */
  part?: string;
  /** True when the runner-up scores nearly as well as the top match: offer it as well. */
  ambiguous: boolean;
  /** 0..1: how sure the engine is of the top match (a party list: 1). `answered` is this against a threshold. */
  confidence?: number;
  /** General support routes, for unanswered questions (or to back up a row that names none). */
  support: SupportRoute[];
}
