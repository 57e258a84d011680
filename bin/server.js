#!/usr/bin/env node
// `npm start`: the Slack app, from the compiled build in dist/.
import { loadBuild } from "./load-build.js";

await loadBuild("server.js");
