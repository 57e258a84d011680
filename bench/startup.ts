// Startup: from spawning `node bin/server.js` (HTTP mode, a fake Slack answering auth.test) to GET /healthz → 200.
import { FakeSlack } from "../tests/support/fake-slack.ts";
import { startServer } from "./app-process.ts";
import { round } from "./stats.ts";

export interface StartupResult {
  runs: number;
  median_ms: number;
  min_ms: number;
  max_ms: number;
  samples_ms: number[];
}

export async function benchStartup({ dataDir, runs = 5 }: { dataDir?: string; runs?: number }) {
  const fake = await FakeSlack.start();
  const samples: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const server = await startServer({ apiUrl: fake.apiUrl, ...(dataDir ? { dataDir } : {}) });
      try {
        samples.push(await server.healthy());
      } finally {
        await server.stop();
      }
    }
  } finally {
    await fake.stop();
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    runs,
    median_ms: round(sorted[Math.floor(sorted.length / 2)] ?? Number.NaN, 0),
    min_ms: round(sorted[0] ?? Number.NaN, 0),
    max_ms: round(sorted[sorted.length - 1] ?? Number.NaN, 0),
    samples_ms: samples.map((sample) => round(sample, 0)),
  } satisfies StartupResult;
}
