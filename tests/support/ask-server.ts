// `/who-owns <text>` to a server running as its own process (bin/server.js), signed as Slack signs it;
// resolves with the text of the answer the fake Slack received on the response URL.
import { expect } from "vitest";
import { type FakeSlack, slashCommandFields } from "./fake-slack.ts";
import { textOf } from "./harness.ts";
import { postToApp } from "./signing.ts";

export async function askServer(fake: FakeSlack, port: number, text: string, id: string): Promise<string> {
  const form = new URLSearchParams(
    slashCommandFields({ text, responseUrl: fake.responseUrl(id), triggerId: `${id}.fake` }),
  );
  const post = await postToApp(
    `http://127.0.0.1:${port}/slack/events`,
    form.toString(),
    "application/x-www-form-urlencoded",
  );
  expect(post.status).toBe(200);
  const answer = await fake.waitForResponse(id, undefined, { timeoutMs: 15_000 });
  return textOf(answer.body);
}
