// Every example question the product shows is read from where it is shown (help, Home tab, greeting,
// manifest, the offline hints of `npm start` and the CLI, the README), must come from src/examples.ts,
// and must get a sensible answer from the engine as it is today.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadEngine } from "../../src/answer/load.ts";
import { ALL_EXAMPLES, EXAMPLES, NOTHING_TO_FIND } from "../../src/examples.ts";
import { introMessage, NO_CHANNELS } from "../../src/slack/blocks/answer.ts";
import { helpMessage } from "../../src/slack/blocks/catalogue.ts";
import { homeView, initialHomeState } from "../../src/slack/blocks/home.ts";
import { decodeEntities } from "../../src/slack/text.ts";
import { readManifest } from "../support/manifest.ts";
import { visibleText } from "../support/visible.ts";

const engine = loadEngine();
const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
/** Not questions: subcommands, and usage placeholders like `ask "<question>"` or `ask "…"`. */
const SUBCOMMANDS = /^(?:models|help|what changed|browse\b.*|<[^>]*>|…)$/;

/** The row each example must lead to (or, for the party question, the party). */
const EXPECTED: Record<string, { row?: string; party?: string }> = {
  [EXAMPLES.restartApp]: { row: "Application restarts" },
  [EXAMPLES.deployPatches]: { row: "Deploy patches, update softwares available on the service" },
  [EXAMPLES.rPackages]: { row: "Managing and supporting R packages" },
  [EXAMPLES.hubUpgrades]: { row: "Performing upgrades and improvements to the hub's cloud infrastructure" },
  [EXAMPLES.withinModel]: { row: "Deploy patches, update softwares available on the service" },
  [EXAMPLES.party]: { party: "Customer" },
  [EXAMPLES.mention]: {
    row: "Completing and/or facilitating the completion of a Data Protection Impact Assessment (DPIA)",
  },
};

const questionsIn = (text: string, pattern: RegExp): string[] =>
  [...decodeEntities(text).matchAll(pattern)]
    .map((found) => (found[1] ?? "").trim())
    .filter((q) => !SUBCOMMANDS.test(q));

const run = (script: string, args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, [root(script), ...args], {
    encoding: "utf8",
    env,
    cwd: root("tests"),
    timeout: 20_000,
  });

/** Where each surface shows examples, read from what it actually shows. */
const SHOWN: Record<string, () => string[]> = {
  "/who-owns help": () =>
    questionsIn(visibleText(helpMessage(engine.catalogue)), /[/@]who-owns ([^`\n]+?)(?=`|$)/gm),
  "the Home tab": () => {
    const view = homeView(engine, initialHomeState(), NO_CHANNELS);
    const json = JSON.stringify(view);
    return [
      ...questionsIn(json, /"placeholder":\{"type":"plain_text","text":"e\.g\. ([^"]+)"/g),
      ...questionsIn(json, /"action_id":"home\.example\.\d+","value":"([^"]+)"/g),
    ];
  },
  "the greeting": () =>
    questionsIn(visibleText(introMessage("hi", { ctx: NO_CHANNELS, place: "reply" })), /^• (.+)$/gm),
  "the manifest's usage hint": () =>
    (readManifest().features?.slash_commands?.[0]?.usage_hint ?? "")
      .split("|")
      .map((part) => part.trim())
      .filter((q) => !SUBCOMMANDS.test(q)),
  "npm start without settings": () => {
    const result = run("bin/server.js", [], { PATH: process.env.PATH ?? "" });
    expect(result.status).toBe(2);
    return questionsIn(result.stderr, /ask "([^"]+)"/g);
  },
  "who-owns --help": () =>
    questionsIn(
      run("bin/who-owns.js", ["--help"], { PATH: process.env.PATH ?? "" }).stdout,
      /ask "([^"]+)"/g,
    ),
  "README.md": () =>
    questionsIn(readFileSync(root("README.md"), "utf8"), /(?:ask|printf '%s\\n') "([^"]+)"/g),
  ".env.example": () => questionsIn(readFileSync(root(".env.example"), "utf8"), /ask "([^"]+)"/g),
};

describe("example questions", () => {
  for (const [where, read] of Object.entries(SHOWN)) {
    it(`${where}: every example shown comes from src/examples.ts`, () => {
      const shown = read();
      expect(shown.length).toBeGreaterThan(0);
      for (const question of shown) expect([...ALL_EXAMPLES, NOTHING_TO_FIND]).toContain(question);
    });
  }

  for (const question of ALL_EXAMPLES) {
    it(`“${question}” is answered with a sensible row`, () => {
      const expected = EXPECTED[question];
      if (!expected) throw new Error(`no expectation for the example “${question}”: add one`);
      const answer = engine.ask(question);
      expect(answer.answered).toBe(true);
      if (expected.party) expect(answer).toMatchObject({ kind: "party", party: expected.party });
      else expect(answer.matches[0]?.responsibility).toBe(expected.row);
    });
  }

  it(`“${NOTHING_TO_FIND}” finds nothing, so it gets an introduction rather than a route`, () => {
    expect(engine.ask(NOTHING_TO_FIND)).toMatchObject({ answered: false, matches: [] });
  });
});
