// The tables of the store, as Kysely sees them. Times are milliseconds since the epoch (bigint), so the
// same comparisons work on SQLite and PostgreSQL; booleans are 0/1 for the same reason.

export type Surface = "slash" | "mention" | "dm" | "home" | "cli";

/** What every record holds: when, where, whose (hashed), what was asked, and the row it was about. */
export interface RecordColumns {
  id: string;
  at: number;
  surface: Surface;
  team: string | null;
  /** A keyed hash of the asker (never the Slack user id). */
  user_hash: string | null;
  /** What was asked: deleted after QUESTION_RETENTION_DAYS, never kept for DMs when RECORD_DM_TEXT=false. */
  question: string | null;
  /** The model answered from, or the one the question was asked within when unanswered. */
  model: string | null;
  row_id: string | null;
}

export interface QuestionsTable extends RecordColumns {
  channel: string | null;
  answered: number;
  score: number | null;
}

export interface ChoicesTable extends RecordColumns {
  /** "row": an alternative row was opened; "owners": "Ask the owners" was chosen. */
  choice: "row" | "owners";
}

export interface FeedbackTable extends RecordColumns {
  /** 👍 or 👎; null for the comment typed in the modal after a 👎 (so it is not counted twice). */
  vote: "up" | "down" | null;
  comment: string | null;
}

export interface InstallationsTable {
  /** "E<enterprise id>" for an org-wide install, "T<team id>" for a workspace. */
  id: string;
  team_id: string | null;
  enterprise_id: string | null;
  /** Bolt's Installation object, as JSON. */
  data: string;
  updated_at: number;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface Database {
  questions: QuestionsTable;
  choices: ChoicesTable;
  feedback: FeedbackTable;
  installations: InstallationsTable;
  settings: SettingsTable;
}
