// Every example question the product shows (help, Home tab, the greeting, the manifest's usage hint, the
// server's offline hint, the README): one list, so a test can check that each still gets a good answer.

export const EXAMPLES = {
  restartApp: "who restarts my app on the AP?",
  deployPatches: "who deploys patches on OVH?",
  rPackages: "who supports R packages?",
  hubUpgrades: "who upgrades the hub's cloud infrastructure?",
  withinModel: "ovh: who deploys patches?",
  party: "what is the Customer responsible for?",
  mention: "who do I ask about a DPIA?",
} as const;

/** Three questions that work, one per model, for the greeting and the Home tab's start section. */
export const START_QUESTIONS: readonly string[] = [
  EXAMPLES.restartApp,
  EXAMPLES.deployPatches,
  EXAMPLES.hubUpgrades,
];

/** The question the offline hints suggest (`npm start` without Slack, the CLI's usage, .env.example). */
export const OFFLINE_HINT = `npx who-owns ask "${EXAMPLES.restartApp}"`;

/** What the README shows as a question nothing covers: answered with an introduction, never a route. */
export const NOTHING_TO_FIND = "who is my line manager?";

/** Every example question, for the test that asks each one. */
export const ALL_EXAMPLES: readonly string[] = Object.values(EXAMPLES);
