#!/usr/bin/env node
// The command line, from the compiled build in dist/ (made by `npm install` through `prepare`, or `npm run build`).
import { loadBuild } from "./load-build.js";

const { main } = await loadBuild("cli/main.js");
process.exitCode = await main(process.argv.slice(2));
