// Vitest global setup: compile src/ to dist/ before any test runs, so the tests that start the real
// processes (bin/who-owns.js, bin/server.js) run the code as it is now, not an older build. Incremental:
// a build with nothing changed takes about a second.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { stdio: "inherit" });
}
