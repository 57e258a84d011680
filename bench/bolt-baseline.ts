// The yardstick for the HTTP bench: a bare Bolt app in HTTP mode that acknowledges `/who-owns` and posts a
// fixed text to its response URL — what Bolt itself costs per command, with no engine and no card. Started by
// bench/http.ts exactly like who-owns (same environment, same fake Slack, same signed requests).
import { App, LogLevel } from "@slack/bolt";

const env = process.env;
const app = new App({
  token: env.SLACK_BOT_TOKEN,
  signingSecret: env.SLACK_SIGNING_SECRET ?? "",
  clientOptions: { slackApiUrl: env.SLACK_API_URL },
  logLevel: LogLevel.WARN,
  processBeforeResponse: false,
  customRoutes: [
    {
      path: "/healthz",
      method: ["GET"],
      handler: (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"status":"ok"}');
      },
    },
  ],
});

app.command("/who-owns", async ({ ack, respond }) => {
  await ack();
  await respond({ response_type: "ephemeral", text: "A fixed answer: the Analytical Platform owns this." });
});

await app.start(Number(env.PORT));
process.once("SIGTERM", () => {
  app.stop().then(() => process.exit(0));
});
