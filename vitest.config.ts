import { existsSync } from "node:fs";
import { defineConfig } from "vitest/config";

// The importer's corpus tests read ../shared/corpus, which sits beside the checkout in CI but not in a plain
// clone; there they are left out (and said so), so `npm test` works anywhere.
const hasCorpus = existsSync(new URL("../shared/corpus/INDEX.md", import.meta.url));
if (!hasCorpus) console.warn("who-owns tests: ../shared/corpus is absent; the corpus import tests are skipped.");

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/support/build.ts"],
    exclude: hasCorpus ? [] : ["tests/import/corpus.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
