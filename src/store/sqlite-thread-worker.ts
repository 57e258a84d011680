// The SQLite writer thread (see sqlite-thread.ts): its own connection to the store's file, one transaction
// per batch it is sent, and a reply for each, so the app's thread never waits on the disk.
import { parentPort, workerData } from "node:worker_threads";
import SQLite from "better-sqlite3";
import { sqliteInsert } from "./bulk.ts";
import { SQLITE_PRAGMAS, type WriteReply, type WriteRequest } from "./sqlite-thread.ts";

const database = new SQLite((workerData as { file: string }).file);
for (const pragma of SQLITE_PRAGMAS) database.pragma(pragma);
const insert = sqliteInsert(database);

parentPort?.on("message", ({ id, rows }: WriteRequest) => {
  try {
    insert(rows);
    parentPort?.postMessage({ id } satisfies WriteReply);
  } catch (error) {
    parentPort?.postMessage({ id, error: (error as Error).message } satisfies WriteReply);
  }
});
