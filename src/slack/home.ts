// Publishing the Home tab for one user and one state (app_home_opened and every Home action).
import type { webApi } from "@slack/bolt";
import type { Answer } from "../answer/types.ts";
import { homeView } from "./blocks/home.ts";
import type { Services } from "./services.ts";
import type { HomeState } from "./values.ts";

/** Publishes the view; resolves with the answer it showed to the state's question, if it showed one. */
export async function publishHome(
  services: Services,
  client: webApi.WebClient,
  userId: string,
  state: HomeState,
  teamId?: string,
): Promise<Answer | undefined> {
  const ctx = await services.directory.names(client, teamId);
  let shown: Answer | undefined;
  const view = homeView(services.engine(), state, ctx, (answer) => {
    shown = answer;
  });
  // Admins (ADMIN_USER_IDS) see the store's Insights under the Home view, within Slack's 100 blocks.
  const insights = services.insights ? await services.insights(userId) : [];
  if (insights.length > 0 && view.blocks.length + insights.length <= 100) view.blocks.push(...insights);
  await services.call("views.publish", () => client.views.publish({ user_id: userId, view }));
  return shown;
}
