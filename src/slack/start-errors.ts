// Why `npm start` could not connect to Slack, in words that say which setting to look at.
import type { Config } from "../config.ts";
import { OFFLINE_HINT } from "../examples.ts";

/** Slack's answers to auth.test / apps.connections.open that mean a token setting is wrong. */
const TOKEN_ERRORS = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
]);

const SLACK_API_URL = "https://slack.com/api/";
const OFFLINE = `Without Slack, ask offline: ${OFFLINE_HINT}`;

interface StartError {
  code?: string;
  message?: string;
  data?: { error?: string };
  original?: { message?: string; code?: string; cause?: { code?: string; message?: string } };
}

export interface StartFailure {
  /** 2: a setting is wrong; 1: anything else. */
  exitCode: 1 | 2;
  message: string;
}

/** The message for an error thrown by app.start(). */
export function describeStartError(error: unknown, config: Config): StartFailure {
  const failure = (error ?? {}) as StartError;
  const slackCode = failure.data?.error;
  if (slackCode && TOKEN_ERRORS.has(slackCode)) {
    const which = config.mode === "socket" ? "SLACK_BOT_TOKEN or SLACK_APP_TOKEN" : "SLACK_BOT_TOKEN";
    return {
      exitCode: 2,
      message: `who-owns cannot connect to Slack: Slack refused ${which} (${slackCode}). Put a current token of this app there (see .env.example).\n${OFFLINE}`,
    };
  }
  // The Web API client's "A request error occurred": no HTTP answer at all (DNS, refused, TLS, proxy).
  if (failure.code === "slack_webapi_request_error") {
    const url = config.apiUrl ?? SLACK_API_URL;
    const cause =
      failure.original?.cause?.code ?? failure.original?.cause?.message ?? failure.original?.message;
    const setting = config.apiUrl
      ? `SLACK_API_URL is set to ${url}: check it is Slack's Web API (or your proxy to it), or unset it to use ${SLACK_API_URL}`
      : `SLACK_API_URL is unset, so ${SLACK_API_URL} is used: check this machine can reach it (network, firewall, HTTPS proxy), or set SLACK_API_URL to your proxy or GovSlack's https://slack-gov.com/api/`;
    return {
      exitCode: 1,
      message: `who-owns cannot connect to Slack: no answer from ${new URL(url).host}${cause ? ` (${cause})` : ""}.\n${setting}.\nThe tokens (SLACK_BOT_TOKEN${config.mode === "socket" ? ", SLACK_APP_TOKEN" : ""}) are checked once Slack answers.\n${OFFLINE}`,
    };
  }
  return { exitCode: 1, message: `who-owns could not start: ${failure.message ?? String(error)}` };
}
