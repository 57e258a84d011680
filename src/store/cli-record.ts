// `who-owns ask --record`: the command line's questions recorded like Slack's (surface "cli"), into the
// store the settings name. Written after the answers are printed; a store that cannot be opened is said once.
import { userInfo } from "node:os";
import type { Answer } from "../answer/types.ts";
import { createStoreRecorder } from "./recorder.ts";
import { readStoreSettings } from "./settings.ts";
import { Store } from "./store.ts";

export async function recordCliAnswers(
  answers: readonly Answer[],
  err: (text: string) => void,
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  const { settings, problems } = readStoreSettings(env);
  if (!settings) {
    err(`who-owns: not recorded: ${problems.map((p) => `${p.setting}: ${p.problem}`).join("; ")}`);
    return;
  }
  if (!settings.enabled) return;
  let store: Store;
  try {
    store = await Store.open(settings);
  } catch (error) {
    err(`who-owns: not recorded: cannot open the store: ${(error as Error).message}`);
    return;
  }
  const recorder = createStoreRecorder(store, { warn: (msg) => err(`who-owns: ${msg}`), info() {} });
  const user = userInfo().username;
  for (const answer of answers) {
    const top = answer.matches[0];
    recorder.asked({
      surface: "cli",
      user,
      question: answer.query,
      answered: answer.answered,
      model: answer.answered ? top?.model : answer.model,
      rowId: answer.answered && answer.kind === "responsibility" ? top?.rowId : undefined,
      score: top?.score,
    });
  }
  await recorder.close();
  await store.close();
}
