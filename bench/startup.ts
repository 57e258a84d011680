// Start-up, as ratios to `node -e 0` measured in the same run (so a busy machine slows both alike):
//   cli:    `node bin/who-owns.js ask "…"` from spawn to exit, the answer printed (target ≤ 5×);
//   server: `node bin/server.js` (HTTP mode, a fake Slack answering auth.test) from spawn to GET /healthz → 200
//           (target ≤ 10×).
// Rounds are interleaved (node, cli, server, node, cli, server…) and each figure is the median of its runs.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { FakeSlack } from "../tests/support/fake-slack.ts";
import { startServer } from "./app-process.ts";
import { round } from "./stats.ts";

const CLI = fileURLToPath(new URL("../bin/who-owns.js", import.meta.url));
export const STARTUP_TARGETS = { cli_ratio: 5, server_ratio: 10 } as const;

export interface StartupResult {
  runs: number;
  /** `node -e 0`: the floor every Node program pays. */
  node_ms: number;
  cli_ms: number;
  server_ms: number;
  cli_ratio: number;
  server_ratio: number;
  targets: typeof STARTUP_TARGETS;
  samples_ms: { node: number[]; cli: number[]; server: number[] };
}

/** ms from spawn to exit; rejects unless the exit status is `expected`. */
function timed(args: string[], env: NodeJS.ProcessEnv, expected = 0): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code === expected) resolve(performance.now() - started);
      else reject(new Error(`node ${args.join(" ")} exited ${code}: ${stderr.slice(0, 500)}`));
    });
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

export async function benchStartup({
  dataDir,
  runs = 7,
}: {
  dataDir?: string;
  runs?: number;
}): Promise<StartupResult> {
  const env = { ...process.env, NO_COLOR: "1", ...(dataDir ? { WHO_OWNS_DATA_DIR: dataDir } : {}) };
  const fake = await FakeSlack.start();
  const samples = { node: [] as number[], cli: [] as number[], server: [] as number[] };
  try {
    // One unmeasured round: the file system cache, the CLI's parsed-data cache and (Node 22+) the compile cache,
    // as every start after the first finds them.
    await timed(["-e", "0"], env);
    await timed([CLI, "ask", "who can restart my app?"], env);
    for (let run = 0; run < runs; run++) {
      samples.node.push(await timed(["-e", "0"], env));
      samples.cli.push(await timed([CLI, "ask", "who can restart my app?"], env));
      const server = await startServer({ apiUrl: fake.apiUrl, ...(dataDir ? { dataDir } : {}) });
      try {
        samples.server.push(await server.healthy());
      } finally {
        await server.stop();
      }
    }
  } finally {
    await fake.stop();
  }
  const node = median(samples.node);
  const cli = median(samples.cli);
  const server = median(samples.server);
  const ms = (values: number[]) => values.map((value) => round(value, 0));
  return {
    runs,
    node_ms: round(node, 0),
    cli_ms: round(cli, 0),
    server_ms: round(server, 0),
    cli_ratio: round(cli / node, 2),
    server_ratio: round(server / node, 2),
    targets: STARTUP_TARGETS,
    samples_ms: { node: ms(samples.node), cli: ms(samples.cli), server: ms(samples.server) },
  };
}
