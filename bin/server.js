#!/usr/bin/env node
// Starts the Slack app (npm start) from the TypeScript sources through tsx.
import { register } from "tsx/esm/api";

register();
await import("../src/server.ts");
