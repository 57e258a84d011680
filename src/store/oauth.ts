// Several workspaces: Slack's OAuth install flow through Bolt's own installer (HTTP mode: /slack/install,
// /slack/oauth_redirect, state signed with SLACK_STATE_SECRET and checked against its cookie), with the
// installations kept in the store; uninstalling deletes that workspace's tokens. Without SLACK_CLIENT_ID the
// app runs on the single SLACK_BOT_TOKEN as before.
import type { App, AppOptions, webApi } from "@slack/bolt";
import type { Config } from "../config.ts";
import type { StoredInstallations } from "./installations.ts";

/** The bot scopes an install asks for: the manifest's (a test keeps them equal). */
export const BOT_SCOPES = ["commands", "app_mentions:read", "chat:write", "im:history", "channels:read"];

export const INSTALL_PATH = "/slack/install";
export const REDIRECT_PATH = "/slack/oauth_redirect";

/** Events that remove an installation; the manifest subscribes to them. */
export const UNINSTALL_EVENTS = ["app_uninstalled", "tokens_revoked"] as const;

/** How the app gets its tokens: the one SLACK_BOT_TOKEN, or each workspace's installation from the store. */
export function authOptions(
  config: Config,
  installations: StoredInstallations | undefined,
  clientOptions: webApi.WebClientOptions,
): Pick<
  AppOptions,
  "token" | "clientId" | "clientSecret" | "stateSecret" | "scopes" | "installationStore" | "installerOptions"
> {
  if (config.mode !== "http" || !config.oauth) return { token: config.botToken };
  if (!installations) {
    throw new Error("installing through OAuth (SLACK_CLIENT_ID) needs the store: unset STORE=off");
  }
  return {
    clientId: config.oauth.clientId,
    clientSecret: config.oauth.clientSecret,
    stateSecret: config.oauth.stateSecret,
    scopes: BOT_SCOPES,
    installationStore: installations,
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      stateVerification: true,
      // oauth.v2.access goes where every other call goes (GovSlack, a proxy, the tests' fake).
      clientOptions: {
        ...(clientOptions.slackApiUrl ? { slackApiUrl: clientOptions.slackApiUrl } : {}),
        timeout: 10_000,
      },
    },
  };
}

interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** app_uninstalled and tokens_revoked (bot tokens): that workspace's installation is deleted. */
export function registerUninstall(
  bolt: App,
  installations: StoredInstallations | undefined,
  logger: Logger,
): void {
  const forget = async (
    why: string,
    context: {
      teamId?: string | undefined;
      enterpriseId?: string | undefined;
      isEnterpriseInstall?: boolean | undefined;
    },
  ) => {
    try {
      const deleted = installations
        ? await installations.forget({
            teamId: context.teamId,
            enterpriseId: context.enterpriseId,
            isEnterpriseInstall: context.isEnterpriseInstall ?? false,
          })
        : 0;
      logger.info(why, { team: context.teamId, enterprise: context.enterpriseId, deleted });
    } catch (error) {
      logger.error("deleting an installation failed", {
        why,
        team: context.teamId,
        error: (error as Error).message,
      });
    }
  };
  bolt.event("app_uninstalled", async ({ context }) => forget("app uninstalled", context));
  bolt.event("tokens_revoked", async ({ event, context }) => {
    if ((event.tokens.bot ?? []).length > 0) await forget("bot token revoked", context);
  });
}
