// The engine, loaded through a cache of the parsed data: a shell loop asking the CLI one question per process,
// or a server (re)starting, would otherwise parse and validate every YAML file each time (about half of a CLI
// answer's time). The cache holds what loadCatalogue and loadLexicon return, serialised by V8, under a key made of the
// data files' bytes, the code that reads them and the Node version: any change to any of them is a miss, and
// a miss is the ordinary load (with its file:line errors; bad data is never cached). Like Node's own compile
// cache it lives in the OS temp folder, and any failure to read or write it only means the ordinary load.
import { createHash } from "node:crypto";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import { createEngine } from "../answer/create.ts";
import type { Engine } from "../answer/engine.ts";
import { loadCatalogue, modelFiles } from "../model/load.ts";
import type { Catalogue } from "../model/types.ts";
import { type Lexicon, loadLexicon } from "../search/lexicon.ts";

interface Parsed {
  catalogue: Catalogue;
  lexicon: Lexicon;
}

/** The folders whose code turns data files into a Catalogue and a Lexicon (compiled .js, or .ts under tsx). */
const READERS = ["../model/", "../search/"].map((folder) => fileURLToPath(new URL(folder, import.meta.url)));

export function defaultCacheDir(): string {
  let user = "user";
  try {
    user = String(userInfo().uid);
  } catch {
    // no user entry (some containers): one shared folder name is fine, entries are keyed by content
  }
  return join(tmpdir(), `who-owns-cache-${user}`);
}

/** A digest of everything the parsed data depends on; undefined when the data cannot even be listed. */
function cacheKey(dataDir: string): string | undefined {
  const hash = createHash("sha256").update(`who-owns engine cache 1\0${process.version}\0`);
  const add = (path: string) => hash.update(path).update("\0").update(readFileSync(path)).update("\0");
  try {
    for (const folder of READERS)
      for (const name of readdirSync(folder).sort()) if (/\.[jt]s$/.test(name)) add(join(folder, name));
    for (const path of modelFiles(dataDir)) add(path);
    add(join(dataDir, "synonyms.yml"));
    // phrasings.yml is optional: its absence is part of the key too.
    const phrasings = join(dataDir, "phrasings.yml");
    if (existsSync(phrasings)) add(phrasings);
    else hash.update("no phrasings.yml\0");
  } catch {
    return undefined;
  }
  // Each model's change log (data/changes/, written by `sync`) is part of what loadCatalogue returns.
  try {
    const changes = join(dataDir, "changes");
    for (const name of readdirSync(changes).sort()) if (name.endsWith(".md")) add(join(changes, name));
  } catch {
    // no change logs: never synced
  }
  return hash.digest("hex");
}

/**
 * The temp folder is shared with other users: only a real folder of this user's, which others cannot write
 * (as writeCache makes it), is trusted, so nobody else can plant data there.
 */
function trusted(dir: string): boolean {
  try {
    const stat = lstatSync(dir);
    const uid = process.getuid?.();
    return stat.isDirectory() && (uid === undefined || stat.uid === uid) && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

function readCache(dir: string, file: string): Parsed | undefined {
  if (!trusted(dir)) return undefined;
  try {
    const parsed = deserialize(readFileSync(file)) as Partial<Parsed>;
    return parsed.catalogue && parsed.lexicon ? (parsed as Parsed) : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(dir: string, file: string, parsed: Parsed): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!trusted(dir)) return;
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, serialize(parsed), { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // a read-only or full temp folder: the next call loads the ordinary way again
  }
}

/** The engine for `dataDir`, from the cache when the data and the code are unchanged since it was written. */
export function loadEngineCached(dataDir: string, cacheDir = defaultCacheDir()): Engine {
  const key = cacheKey(dataDir);
  const file = key ? join(cacheDir, `${key}.v8`) : undefined;
  const cached = file ? readCache(cacheDir, file) : undefined;
  if (cached) return createEngine(cached.catalogue, cached.lexicon);
  const parsed: Parsed = { catalogue: loadCatalogue(dataDir), lexicon: loadLexicon(dataDir) };
  if (file) writeCache(cacheDir, file, parsed);
  return createEngine(parsed.catalogue, parsed.lexicon);
}
