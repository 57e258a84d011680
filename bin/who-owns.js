#!/usr/bin/env node
// The command line, from the compiled build in dist/ (made by `npm install` through `prepare`, or `npm run build`).
import { loadBuild } from "./load-build.js";

const { run } = await loadBuild("cli/main.js");
process.exitCode = await run(process.argv.slice(2));
