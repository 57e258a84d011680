// The one dependency the Slack app is given to learn from use. Every call returns at once: the answer has
// already been sent, and the record is written behind it, in batches. If the store is slow or down,
// answers go on, one warning is logged, records wait in a bounded buffer and are written when it is back.
import { v7 as timeOrderedId } from "uuid";
import type { RecordColumns, Surface } from "./schema.ts";
import type { Store, StoredRecord } from "./store.ts";

/** What every event says of where it came from and what it was about. */
export interface EventContext {
  surface: Surface;
  team?: string | undefined;
  user?: string | undefined;
  question?: string | undefined;
  /** The row answered (or, unanswered, the model the question was asked within). */
  model?: string | undefined;
  rowId?: string | undefined;
}

export interface AskedEvent extends EventContext {
  channel?: string | undefined;
  question: string;
  answered: boolean;
  score?: number | undefined;
}

export interface ChosenEvent extends EventContext {
  choice: "row" | "owners";
}

export interface VotedEvent extends EventContext {
  vote: "up" | "down";
}

export interface CommentedEvent extends EventContext {
  comment: string;
}

export interface Recorder {
  asked(event: AskedEvent): void;
  chosen(event: ChosenEvent): void;
  voted(event: VotedEvent): void;
  commented(event: CommentedEvent): void;
}

/** Records nothing (STORE=off, and the default for tests and the CLI). */
export const NO_RECORDER: Recorder = { asked() {}, chosen() {}, voted() {}, commented() {} };

interface Logger {
  warn(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
}

export interface StoreRecorderOptions {
  /** Records held while the store is down; the oldest are dropped beyond this (default 50,000). */
  maxPending?: number;
  /** How long after a failed write to try again (default 2 s). */
  retryMs?: number;
  /** Records per transaction (default 500). */
  batch?: number;
}

export interface StoreRecorder extends Recorder {
  /** Resolves when everything recorded so far is written (or has failed once). For tests and shutdown. */
  flush(): Promise<void>;
  /** Writes what is pending (bounded wait), then stops. */
  close(timeoutMs?: number): Promise<void>;
  readonly pending: number;
  readonly healthy: boolean;
}

const MAX_TEXT = 2000;
/**
 * How long records gather before one transaction writes them: under load, fewer and larger writes cost the
 * app less per answer (each write is a round of messages to the writer thread or the database).
 */
const GATHER_MS = 200;
const text = (value: string | undefined) => (value === undefined ? null : value.slice(0, MAX_TEXT));

export function createStoreRecorder(
  store: Store,
  logger: Logger,
  options: StoreRecorderOptions = {},
): StoreRecorder {
  const maxPending = options.maxPending ?? 50_000;
  const retryMs = options.retryMs ?? 2000;
  const batchSize = options.batch ?? 500;
  const { recordDmText } = store.settings;
  let pending: StoredRecord[] = [];
  let dropped = 0;
  let down = false;
  let writing: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const schedule = (delay: number) => {
    if (timer || writing || closed) return;
    timer = setTimeout(() => {
      timer = undefined;
      void drain();
    }, delay);
    timer.unref();
  };

  async function drain(): Promise<void> {
    if (writing) return writing;
    writing = (async () => {
      while (pending.length > 0) {
        const batch = pending.slice(0, batchSize);
        try {
          await store.write(batch);
        } catch (error) {
          if (!down) {
            down = true;
            logger.warn("store unavailable: answers go on, records are kept and retried", {
              store: store.where,
              error: (error as Error).message,
            });
          }
          return;
        }
        pending = pending.slice(batch.length);
        if (down) {
          down = false;
          logger.info("store back: recording resumed", { store: store.where, dropped });
          dropped = 0;
        }
      }
    })().finally(() => {
      writing = undefined;
      if (pending.length > 0) schedule(retryMs);
    });
    return writing;
  }

  const push = (record: StoredRecord) => {
    if (closed) return;
    pending.push(record);
    if (pending.length > maxPending) {
      dropped += pending.length - maxPending;
      pending = pending.slice(pending.length - maxPending);
    }
    // A short delay gathers a burst of answers into one transaction; while down, the retry timer waits.
    if (!down) schedule(GATHER_MS);
  };

  /**
   * What every record holds: when, where, whose (hashed), the question unless it is a DM's kept out, and the
   * row it was about (`rowId`: an unanswered question names none).
   */
  const base = (event: EventContext, rowId = event.rowId): RecordColumns => ({
    // Time-ordered (UUID v7): each record's key lands at the end of the primary key's index, not at a random
    // page of it, so writing a batch touches few pages (about a quarter less of the writer's time on SQLite).
    id: timeOrderedId(),
    at: Date.now(),
    surface: event.surface,
    team: event.team ?? null,
    user_hash: store.hashUser(event.team, event.user),
    question: event.surface !== "dm" || recordDmText ? text(event.question) : null,
    model: event.model ?? null,
    row_id: rowId ?? null,
  });

  return {
    get pending() {
      return pending.length;
    },
    get healthy() {
      return !down;
    },
    asked(event) {
      push({
        table: "questions",
        row: {
          ...base(event, event.answered ? event.rowId : undefined),
          channel: event.surface === "dm" ? null : (event.channel ?? null),
          answered: event.answered ? 1 : 0,
          score: event.score ?? null,
        },
      });
    },
    chosen(event) {
      push({
        table: "choices",
        row: {
          ...base(event),
          choice: event.choice,
        },
      });
    },
    voted(event) {
      push({
        table: "feedback",
        row: {
          ...base(event),
          vote: event.vote,
          comment: null,
        },
      });
    },
    commented(event) {
      push({
        table: "feedback",
        row: {
          ...base(event),
          vote: null,
          comment: text(event.comment),
        },
      });
    },
    async flush() {
      if (timer) {
        clearTimeout(timer);
        timer = undefined;
      }
      await drain();
    },
    async close(timeoutMs = 3000) {
      const done = this.flush();
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
      closed = true;
      if (timer) clearTimeout(timer);
    },
  };
}
