// CI check: manifest.yml against Slack's published schema.
//   npx tsx tests/slack/validate-manifest.ts [manifest.yml] [schema.json]
// Exits 0 when valid, 1 listing every error, 2 when a file is missing.
import { existsSync } from "node:fs";
import { MANIFEST_PATH, readManifest, SCHEMA_PATH, validateManifest } from "../support/manifest.ts";

const [manifestPath = MANIFEST_PATH, schemaPath = SCHEMA_PATH] = process.argv.slice(2);
for (const path of [manifestPath, schemaPath]) {
  if (!existsSync(path)) {
    console.error(`validate-manifest: ${path} not found`);
    process.exit(2);
  }
}
const errors = validateManifest(readManifest(manifestPath), schemaPath);
if (errors.length > 0) {
  console.error(`${manifestPath} does not match Slack's manifest schema (${schemaPath}):`);
  for (const error of errors) console.error(`  ${error}`);
  process.exit(1);
}
console.log(`${manifestPath}: valid against ${schemaPath}`);
