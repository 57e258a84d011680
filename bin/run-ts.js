#!/usr/bin/env node
// Runs any TypeScript entry point of the project (bench, scripts) through tsx.
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error("usage: run-ts.js <file.ts> [args…]");
  process.exit(2);
}
register();
process.argv = [process.argv[0] ?? "node", entry, ...rest];
await import(pathToFileURL(entry).href);
