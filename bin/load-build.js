// Imports a module of the compiled build (dist/), or says how to make it when it is missing.
import { existsSync } from "node:fs";
import module from "node:module";

// Node 22.1+ keeps V8's compiled code between runs (in the OS temp folder): a faster second start.
module.enableCompileCache?.();

export async function loadBuild(path) {
  const url = new URL(`../dist/${path}`, import.meta.url);
  if (!existsSync(url)) {
    const root = new URL("..", import.meta.url).pathname;
    process.stderr.write(
      `who-owns: the compiled build is missing (dist/${path}). Run \`npm install\` or \`npm run build\` in ${root}\n`,
    );
    process.exit(2);
  }
  return import(url.href);
}
