// /who-owns end to end: the real app over HTTP, the real engine and shipped data, a fake Slack on loopback.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_DATA_DIR } from "../../src/model/load.ts";
import { loadChannelDefaults } from "../../src/slack/channels.ts";
import { actionIds, Harness, textOf } from "../support/harness.ts";

let h: Harness;

beforeAll(async () => {
  h = await Harness.start({ channelDefaults: loadChannelDefaults(DEFAULT_DATA_DIR) });
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(() => h.reset());
afterEach(() => h.expectValidPayloads());

async function ask(text: string, options: Parameters<Harness["command"]>[1] = {}) {
  const { post, responseId } = await h.command(text, options);
  expect(post.status).toBe(200);
  // Acked at once with an empty body: the answer goes through the response URL.
  expect(post.text).toBe("");
  const response = await h.fake.waitForResponse(responseId);
  return response.body;
}

describe("/who-owns <question>", () => {
  it("answers privately with the card: responsibility, model and section, owners, roles, route, notes, source", async () => {
    const body = await ask("how do I get an Analytical Platform account?");
    expect(body.response_type).toBe("ephemeral");
    const text = textOf(body);
    expect(text).toContain("*Creating Analytical Platform accounts*");
    expect(text).toContain("MoJ Analytical Platform › Onboarding and offboarding");
    expect(text).toContain("*Owners:* Analytical Platform and User");
    expect(text).toContain("*Other MoJ Team*\n—");
    // The channel exists in this workspace: a clickable link, found through conversations.list (paged).
    expect(text).toContain("<#C0APSUPP01>");
    expect(h.fake.callsTo("conversations.list").length).toBeGreaterThan(1);
    expect(text).toContain(
      "<mailto:analytical_platform@digital.justice.gov.uk|analytical_platform@digital.justice.gov.uk>",
    );
    expect(text).toContain("*Notes*\nUsers login");
    expect(text).toContain("*#analytical-platform-support*");
    expect(text).toMatch(
      /Source: <https:\/\/user-guidance\.analytical-platform\.service\.justice\.gov\.uk\/[^|]+\|/,
    );
    expect(actionIds(body)).toEqual(expect.arrayContaining(["share", "feedback.up", "feedback.down"]));
    expect(String(body.text)).toContain("Creating Analytical Platform accounts");
  });

  it("shows RACI letters with what they mean", async () => {
    const body = await ask("who deploys patches");
    const text = textOf(body);
    expect(text).toContain("*Deploy patches, update softwares available on the service*");
    expect(text).toContain("*Owner:* OVHcloud");
    expect(text).toMatch(/\*OVHcloud\*\n\*RA\* — does it, answers for it/);
    expect(text).toMatch(/\*Customer\*\n(—|\*[RACI]+\* — )/);
  });

  it("passes `<model>: question` to the engine, which keeps to that model", async () => {
    const body = await ask("ovh: who patches");
    const text = textOf(body);
    expect(text).toContain("OVHcloud Data Processing ›");
    expect(text).toContain("Deploy patches");
  });

  it("labels the general support route when the row names none", async () => {
    const body = await ask("who supports airflow");
    const text = textOf(body);
    expect(text).toContain("Managing and supporting the Airflow tool");
    expect(text).toContain("the general support route");
    expect(text).toContain("<#C0APSUPP01>");
  });

  it("shows the caveat of a boundary model", async () => {
    const body = await ask("who upgrades the hub's cloud infrastructure");
    const text = textOf(body);
    expect(text).toContain("2i2c community hubs");
    expect(text).toContain("*Owner:* 2i2c");
    expect(body.blocks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: "context",
          elements: [expect.objectContaining({ text: expect.stringMatching(/^_.*7.*_$/s) })],
        }),
      ]),
    );
  });

  it("says plainly when it does not know, with the closest rows as buttons and the support routes", async () => {
    const body = await ask("who looks after the platform widgets");
    const text = textOf(body);
    expect(text).toContain("I couldn't find who owns “who looks after the platform widgets”");
    expect(text).toContain("*Where to ask instead*");
    expect(text).toContain("*MoJ Analytical Platform:*");
    expect(actionIds(body).filter((id) => id.startsWith("row."))).not.toHaveLength(0);
    expect(String(body.text)).toMatch(/^I couldn't find/);
  });

  it("escapes what was typed: <!channel> never pings and arrives as text", async () => {
    const body = await ask("<!channel> who owns the user guidance");
    const shown = `${String(body.text)}\n${textOf(body)}`;
    expect(shown).not.toContain("<!channel>");
    expect(shown).toContain("You asked: “&lt;!channel&gt; who owns the user guidance”");
    // The mention was not part of the question the engine saw.
    expect(shown).toContain("*Owning the Analytical Platform User Guidance*");
  });

  it("escapes &, < and > and Slack's own markup in what is echoed", async () => {
    const body = await ask("who owns <@U999> & <script> <!here>");
    const shown = `${String(body.text)}\n${textOf(body)}`;
    expect(shown).not.toMatch(/<@U999>|<script>|<!here>/);
    expect(shown).toContain("&lt;@U999&gt; &amp; &lt;script&gt; &lt;!here&gt;");
  });

  it("in a channel with a default model, ranks that model first", async () => {
    const body = await ask("who manages access", {
      channel: "C0APSUPP01",
      channelName: "analytical-platform-support",
    });
    expect(textOf(body)).toContain("MoJ Analytical Platform ›");
    const record = await h.waitForLog("command answered", (r) => r.channel === "C0APSUPP01");
    expect(record.preferModel).toBe("moj-analytical-platform");
  });

  it("logs what happened without the question's text or any token", async () => {
    await ask("who owns the secret project zebra");
    const lines = h.logLines.join("\n");
    expect(lines).not.toContain("zebra");
    expect(lines).not.toMatch(/xoxb-|xapp-/);
    const record = await h.waitForLog("command answered");
    expect(record).toMatchObject({ level: "info", sub: "ask", user: "U0ASKER01", channel: "C0GENERAL1" });
  });
});

describe("/who-owns subcommands", () => {
  it("alone gives usage with examples", async () => {
    const body = await ask("");
    const text = textOf(body);
    expect(text).toContain("/who-owns who patches the operating system?");
    expect(text).toContain("/who-owns models");
    expect(text).toContain("/who-owns browse");
    expect(body.response_type).toBe("ephemeral");
  });

  it("help gives usage", async () => {
    const body = await ask("help");
    expect(textOf(body)).toContain("*who-owns* answers");
  });

  it("models lists every model with a Browse button", async () => {
    const body = await ask("models");
    const text = textOf(body);
    for (const name of ["MoJ Analytical Platform", "OVHcloud Data Processing", "2i2c community hubs"])
      expect(text).toContain(name);
    expect(actionIds(body).filter((id) => id.startsWith("page.open."))).toHaveLength(3);
  });

  it("browse <model> lists its sections and rows with owners, paginated", async () => {
    const body = await ask("browse ovh");
    const text = textOf(body);
    expect(text).toContain("*OVHcloud Data Processing* — Every responsibility");
    expect(text).toContain("• Choose the service location — *Customer*");
    expect(text).toMatch(/Page 1 of 2 · 38 rows/);
    expect(actionIds(body)).toEqual(expect.arrayContaining(["page.party", "page.next", "row.pick"]));
    expect(actionIds(body)).not.toContain("page.prev");
  });

  it("browse <model> <party> lists that party's rows", async () => {
    const body = await ask("browse ap user");
    const text = textOf(body);
    expect(text).toContain("What the User is responsible for");
    expect(text).toContain("Creating GitHub account credentials");
    expect(text).not.toContain("Owning the Analytical Platform User Guidance");
  });

  it("browse without a model lists the models", async () => {
    const body = await ask("browse");
    expect(textOf(body)).toContain("*The models I know*");
  });

  it("browse of an unknown model says so", async () => {
    const body = await ask("browse narnia");
    expect(textOf(body)).toContain("I don't know a model called “narnia”");
  });

  it("a party question lists the party's rows", async () => {
    const body = await ask("what is the Customer responsible for?");
    const text = textOf(body);
    expect(text).toContain("*What the Customer is responsible for* (OVHcloud Data Processing)");
    expect(text).toContain("Choose the service location");
  });
});
