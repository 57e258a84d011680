// The check the e2e harness runs on every recorded Web API call, shown to catch what it is meant to catch.
import { describe, expect, it } from "vitest";
import type { ApiCall } from "../support/fake-slack.ts";
import { specProblems, webApiSpecAvailable } from "../support/web-api-spec.ts";

const call = (
  method: string,
  body: Record<string, unknown>,
  authorization = "Bearer xoxb-1-2-x",
): ApiCall => ({
  method,
  body,
  headers: { authorization },
  status: 200,
  reply: { ok: true },
});

describe.skipIf(!webApiSpecAvailable())("Web API calls against Slack's published spec", () => {
  it("accepts the calls the app makes, with their required arguments", () => {
    expect(
      specProblems([
        call("chat.postMessage", { channel: "C1", text: "hi" }),
        call("chat.postEphemeral", { channel: "C1", user: "U1", text: "hi" }),
        call("views.publish", { user_id: "U1", view: { type: "home", blocks: [] } }),
        call("views.open", { trigger_id: "1.x", view: { type: "modal", blocks: [] } }),
        call("conversations.list", { limit: 200 }),
        call("auth.test", {}),
      ]),
    ).toEqual([]);
  });

  it("names a method Slack does not have, a missing required argument and a missing token", () => {
    expect(
      specProblems([
        call("chat.postMesage", { channel: "C1" }),
        call("chat.postEphemeral", { channel: "C1", text: "hi" }),
        call("views.publish", { user_id: "U1", view: {} }, ""),
      ]),
    ).toEqual([
      "chat.postMesage: not a method of Slack's Web API",
      "chat.postEphemeral: missing required user",
      "views.publish: no token",
    ]);
  });
});
