// SQLite writes on a thread of their own. better-sqlite3 is synchronous: a batch written on the app's
// thread holds every answer behind it for as long as the disk takes (measured: 0.72× the req/s of
// recording off). Its docs recommend a worker thread for that: the thread opens its own connection to
// the same file (WAL: the app's reads and the CLI go on beside it) and writes each batch it is sent.
import { Worker } from "node:worker_threads";
import type { BulkWriter, Rows } from "./bulk.ts";

/** Both connections (the app's, for reads and migrations, and the writer's) use the same settings. */
export const SQLITE_PRAGMAS = [
  // WAL: readers never block the writer, and a CLI run (gaps, purge) can read while the app writes.
  "journal_mode = WAL",
  "busy_timeout = 5000",
  "synchronous = NORMAL",
];

/** What the writer thread is sent, and what it answers. */
export type WriteRequest = { id: number; rows: Rows };
export type WriteReply = { id: number; error?: string };

/** The writer thread, started from the compiled build, or through tsx when running from the sources. */
function startWorker(file: string): Worker {
  const self = new URL(import.meta.url);
  const entry = new URL(
    self.pathname.endsWith(".ts") ? "./sqlite-thread-worker.ts" : "./sqlite-thread-worker.js",
    self,
  );
  if (entry.pathname.endsWith(".js")) return new Worker(entry, { workerData: { file } });
  // Tests and the bench run the .ts sources; a worker does not inherit tsx's loader on Node 20.
  const tsx = import.meta.resolve("tsx/esm/api");
  const load = `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(self.href)}))`;
  return new Worker(load, { eval: true, workerData: { file } });
}

/** A BulkWriter that hands each batch to the writer thread (started on the first write). */
export function sqliteThreadWriter(file: string): BulkWriter {
  let worker: Worker | undefined;
  let next = 0;
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  const failAll = (error: Error) => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };

  const started = (): Worker => {
    if (worker) return worker;
    const thread = startWorker(file);
    // The thread must not keep the process alive: close() ends it, and an exit without close() is fine.
    thread.unref();
    thread.on("message", (reply: WriteReply) => {
      const entry = waiting.get(reply.id);
      if (!entry) return;
      waiting.delete(reply.id);
      if (reply.error === undefined) entry.resolve();
      else entry.reject(new Error(reply.error));
    });
    // A thread that dies fails what it held (the recorder keeps those records and retries on a new one).
    thread.on("error", (error) => failAll(error));
    thread.on("exit", (code) => {
      if (worker === thread) worker = undefined;
      failAll(new Error(`the SQLite writer thread exited (${code})`));
    });
    worker = thread;
    return thread;
  };

  return {
    write(rows) {
      const id = ++next;
      const thread = started();
      return new Promise<void>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        thread.postMessage({ id, rows } satisfies WriteRequest);
      });
    },
    async close() {
      const thread = worker;
      worker = undefined;
      if (thread) await thread.terminate();
    },
  };
}
