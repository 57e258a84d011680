// manifest.yml: valid against Slack's schema, and in agreement with the code — every command and event
// the listeners register is declared, nothing declared goes unheard, and the scopes are the ones used.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { App } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/slack/listeners/commands/index.ts";
import { BOT_EVENTS } from "../../src/slack/listeners/events/index.ts";
import { registerListeners } from "../../src/slack/listeners/index.ts";
import type { Services } from "../../src/slack/services.ts";
import { BOT_SCOPES, registerUninstall, UNINSTALL_EVENTS } from "../../src/store/oauth.ts";
import {
  type Manifest,
  PUBLISHED_SCHEMA_PATH,
  readManifest,
  SCHEMA_PATH,
  validateManifest,
} from "../support/manifest.ts";

interface Registrations {
  commands: string[];
  /** Event types listened to: a name, or a pattern one listener matches several by. */
  events: (string | RegExp)[];
  actions: string[];
  views: string[];
}

/** Registers every listener on a recording stand-in for Bolt's App and returns what was registered. */
function registrations(): Registrations {
  const seen: Registrations = { commands: [], events: [], actions: [], views: [] };
  const name = (value: unknown) => (value instanceof RegExp ? value.source : String(value));
  const recorder = {
    command: (command: unknown) => seen.commands.push(name(command)),
    event: (event: unknown) => seen.events.push(event instanceof RegExp ? event : String(event)),
    action: (action: unknown) => seen.actions.push(name(action)),
    view: (view: unknown) => seen.views.push(name(view)),
    message: () => {
      throw new Error("listen to messages through app.event('message') so the manifest check sees it");
    },
    shortcut: () => {
      throw new Error("shortcuts are not in the manifest");
    },
    options: () => {
      throw new Error("options loads are not in the manifest");
    },
    use: () => undefined,
  };
  registerListeners(recorder as unknown as App, {} as Services);
  registerUninstall(recorder as unknown as App, undefined, { info() {}, error() {} });
  return seen;
}

/** Slack's scope for each bot event and Web API method the app uses (none needed: views.*, auth.test). */
const EVENT_SCOPES: Record<string, string | undefined> = {
  app_mention: "app_mentions:read",
  "message.im": "im:history",
  app_home_opened: undefined,
  // No scope needed: sent to every app that subscribes.
  app_uninstalled: undefined,
  tokens_revoked: undefined,
};
const METHOD_SCOPES: Record<string, string | undefined> = {
  "chat.postMessage": "chat:write",
  "chat.postEphemeral": "chat:write",
  "conversations.list": "channels:read",
  "views.publish": undefined,
  "views.open": undefined,
};

/** Web API methods the Slack layer calls (`client.chat.postMessage(` …), read from the source. */
function methodsUsed(dir = "src/slack"): string[] {
  const found = new Set<string>();
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) for (const method of methodsUsed(path)) found.add(method);
    else if (path.endsWith(".ts"))
      for (const match of readFileSync(path, "utf8").matchAll(/\bclient\.(\w+)\.(\w+)\(/g))
        found.add(`${match[1]}.${match[2]}`);
  }
  return [...found].sort();
}

const listensTo = (listened: string | RegExp, type: string) =>
  typeof listened === "string" ? listened === type : listened.test(type);

/** Everything on which the manifest and the code disagree. */
function disagreements(manifest: Manifest, seen: Registrations): string[] {
  const problems: string[] = [];
  const declaredCommands = (manifest.features?.slash_commands ?? []).map((c) => c.command).sort();
  const heardCommands = [...new Set(seen.commands)].sort();
  for (const command of heardCommands)
    if (!declaredCommands.includes(command))
      problems.push(`command ${command} is listened to but not declared`);
  for (const command of declaredCommands)
    if (!heardCommands.includes(command)) problems.push(`command ${command} is declared but nobody listens`);

  const declaredEvents = manifest.settings?.event_subscriptions?.bot_events ?? [];
  const handled: string[] = [...BOT_EVENTS, ...UNINSTALL_EVENTS];
  for (const event of handled)
    if (!declaredEvents.includes(event)) problems.push(`event ${event} is handled but not subscribed`);
  for (const event of declaredEvents) {
    if (!handled.includes(event)) problems.push(`event ${event} is subscribed but not handled`);
    const type = event.split(".")[0] ?? event;
    if (!seen.events.some((listened) => listensTo(listened, type)))
      problems.push(`event ${event} is subscribed but no listener registers ${type}`);
  }
  for (const listened of seen.events)
    if (!declaredEvents.some((event) => listensTo(listened, event.split(".")[0] ?? event)))
      problems.push(`a listener registers ${String(listened)} but no such event is subscribed`);

  const interactive = seen.actions.length + seen.views.length > 0;
  if ((manifest.settings?.interactivity?.is_enabled ?? false) !== interactive)
    problems.push(`interactivity is ${interactive ? "used" : "unused"} but is_enabled says otherwise`);
  const home = manifest.features?.app_home;
  if ((home?.home_tab_enabled ?? false) !== declaredEvents.includes("app_home_opened"))
    problems.push("home_tab_enabled must go with app_home_opened");
  if ((home?.messages_tab_enabled ?? false) !== declaredEvents.includes("message.im"))
    problems.push("messages_tab_enabled must go with message.im");

  const scopes = manifest.oauth_config?.scopes?.bot ?? [];
  const needed = new Set<string>();
  if (heardCommands.length > 0) needed.add("commands");
  for (const event of declaredEvents) {
    if (!(event in EVENT_SCOPES)) problems.push(`no scope known for event ${event}: add it to EVENT_SCOPES`);
    const scope = EVENT_SCOPES[event];
    if (scope) needed.add(scope);
  }
  for (const method of methodsUsed()) {
    if (!(method in METHOD_SCOPES)) problems.push(`no scope known for ${method}: add it to METHOD_SCOPES`);
    const scope = METHOD_SCOPES[method];
    if (scope) needed.add(scope);
  }
  for (const scope of needed)
    if (!scopes.includes(scope)) problems.push(`scope ${scope} is needed but not requested`);
  for (const scope of scopes)
    if (!needed.has(scope)) problems.push(`scope ${scope} is requested but not used`);
  return problems;
}

describe("manifest.yml", () => {
  const manifest = readManifest();

  it(`validates against Slack's schema (${SCHEMA_PATH})`, () => {
    expect(validateManifest(manifest)).toEqual([]);
  });

  it("and the schema check does catch a broken manifest", () => {
    const broken = structuredClone(manifest) as Manifest & Record<string, unknown>;
    broken.display_information.name = "x".repeat(36);
    broken.settings = { ...broken.settings, unknown_setting: true } as Manifest["settings"];
    const errors = validateManifest(broken);
    expect(errors.join("\n")).toMatch(/display_information\/name/);
    expect(errors.join("\n")).toMatch(/additional/i);
  });

  it.skipIf(!existsSync(PUBLISHED_SCHEMA_PATH))("keeps Slack's schema as published (../shared)", () => {
    expect(JSON.parse(readFileSync(SCHEMA_PATH, "utf8"))).toEqual(
      JSON.parse(readFileSync(PUBLISHED_SCHEMA_PATH, "utf8")),
    );
  });

  it("npm run check:manifest passes from any folder, and fails naming the problem", () => {
    const tsx = createRequire(import.meta.url).resolve("tsx/cli");
    const script = fileURLToPath(new URL("./validate-manifest.ts", import.meta.url));
    const cwd = mkdtempSync(join(tmpdir(), "who-owns-manifest-"));
    const good = spawnSync(process.execPath, [tsx, script], { cwd, encoding: "utf8" });
    expect(good.stderr).toBe("");
    expect(good.status).toBe(0);
    const broken = join(cwd, "manifest.yml");
    writeFileSync(broken, "display_information:\n  name: who-owns\nsettings:\n  unknown_setting: true\n");
    const bad = spawnSync(process.execPath, [tsx, script, broken], { cwd, encoding: "utf8" });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/\/settings: must NOT have additional properties/);
  });

  it("declares what the app needs: bot user, /who-owns with a usage hint, both App Home tabs, Socket Mode", () => {
    expect(manifest.display_information.name).toBe("who-owns");
    expect(manifest.features?.bot_user?.display_name).toBe("who-owns");
    const command = manifest.features?.slash_commands?.find((c) => c.command === "/who-owns");
    expect(command?.usage_hint).toBeTruthy();
    expect(command?.description).toBeTruthy();
    expect(manifest.features?.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.settings?.socket_mode_enabled).toBe(true);
    expect(manifest.settings?.interactivity?.is_enabled).toBe(true);
    expect(manifest.oauth_config?.scopes?.bot).toEqual(
      expect.arrayContaining(["commands", "app_mentions:read", "chat:write", "im:history"]),
    );
  });

  it("agrees with the code: every command and event listened to is declared, nothing declared goes unheard", () => {
    const seen = registrations();
    expect(seen.commands).toEqual([...COMMANDS]);
    expect(seen.events.length).toBeGreaterThan(0);
    expect(disagreements(manifest, seen)).toEqual([]);
  });

  it("asks for the manifest's bot scopes when a workspace installs the app through OAuth", () => {
    expect([...BOT_SCOPES].sort()).toEqual([...(manifest.oauth_config?.scopes?.bot ?? [])].sort());
  });

  it("the agreement check notices an unheard event, an undeclared command and an unused scope", () => {
    const seen = registrations();
    const drifted = structuredClone(manifest);
    drifted.settings?.event_subscriptions?.bot_events?.push("reaction_added");
    drifted.features?.slash_commands?.splice(0, 1);
    drifted.oauth_config?.scopes?.bot?.push("users:read");
    const problems = disagreements(drifted, seen).join("\n");
    expect(problems).toContain("event reaction_added is subscribed but not handled");
    expect(problems).toContain("command /who-owns is listened to but not declared");
    expect(problems).toContain("scope users:read is requested but not used");
  });
});
