// Every listener, registered in one place (as slack-samples/bolt-ts-starter-template lays them out).
import type { App } from "@slack/bolt";
import type { Services } from "../services.ts";
import * as actions from "./actions/index.ts";
import * as commands from "./commands/index.ts";
import * as events from "./events/index.ts";
import * as views from "./views/index.ts";

export const LISTENERS = { commands, events, actions, views } as const;

export function registerListeners(app: App, services: Services): void {
  for (const listener of Object.values(LISTENERS)) listener.register(app, services);
}
