// manifest.yml against Slack's published JSON Schema (Ajv, strict: false, with ajv-formats).
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export const MANIFEST_PATH = resolve(ROOT, "manifest.yml");
/** Slack's schema, kept in the project (MIT: see manifest.schema.LICENSE beside it), so a plain clone checks. */
export const SCHEMA_PATH = resolve(ROOT, "tests/slack/manifest.schema.json");
/** Where CI's ../shared keeps Slack's published copy: the kept one must not drift from it. */
export const PUBLISHED_SCHEMA_PATH = resolve(ROOT, "../shared/slack/manifest.schema.1.0.0.json");

export interface Manifest {
  display_information: { name: string };
  features?: {
    app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean };
    bot_user?: { display_name: string };
    slash_commands?: { command: string; description: string; usage_hint?: string; url?: string }[];
  };
  oauth_config?: { scopes?: { bot?: string[] } };
  settings?: {
    event_subscriptions?: { bot_events?: string[]; request_url?: string };
    interactivity?: { is_enabled: boolean };
    socket_mode_enabled?: boolean;
  };
}

export function readManifest(path = MANIFEST_PATH): Manifest {
  return parse(readFileSync(path, "utf8")) as Manifest;
}

const compiled = new Map<string, ValidateFunction>();

function validator(schemaPath: string): ValidateFunction {
  let validate = compiled.get(schemaPath);
  if (!validate) {
    const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as Record<string, unknown>;
    const ajv = new Ajv({ strict: false, allErrors: true });
    // ajv-formats is CommonJS: its default export arrives wrapped under tsx/vitest.
    const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
      addFormatsModule) as (ajv: Ajv) => Ajv;
    addFormats(ajv);
    validate = ajv.compile(schema);
    compiled.set(schemaPath, validate);
  }
  return validate;
}

/** Schema errors as "path: message" lines; empty when the manifest is valid. */
export function validateManifest(manifest: unknown, schemaPath = SCHEMA_PATH): string[] {
  const validate = validator(schemaPath);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map(
    (error) =>
      `${error.instancePath || "(root)"}: ${error.message ?? "invalid"} ${JSON.stringify(error.params)}`,
  );
}
