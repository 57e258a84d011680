// /who-owns end to end: the real app over HTTP, the real engine and shipped data, a fake Slack on loopback.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EXAMPLES } from "../../src/examples.ts";
import { DEFAULT_DATA_DIR } from "../../src/model/load.ts";
import { loadChannelDefaults } from "../../src/slack/channels.ts";
import { actionIds, Harness, textOf } from "../support/harness.ts";
import { visibleText } from "../support/visible.ts";

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
  it("answers privately with the card: owners and route first, the responsibility, notes, source", async () => {
    const body = await ask("how do I get an Analytical Platform account?");
    expect(body.response_type).toBe("ephemeral");
    const text = textOf(body);
    // Who and where first: the owners, then the route — the channel exists in this workspace, so a
    // clickable link found through conversations.list (paged), then the address.
    const first = (body.blocks as { type: string; text?: { text: string } }[]).find(
      (b) => b.type === "section",
    );
    expect(first?.text?.text).toBe(
      "*Analytical Platform and User* → ask in <#C0APSUPP01> or email <mailto:analytical_platform@digital.justice.gov.uk|analytical_platform@digital.justice.gov.uk>",
    );
    expect(h.fake.callsTo("conversations.list").length).toBeGreaterThan(1);
    // What the row says, with the model's name linking to the source document and its licence.
    expect(text).toMatch(
      /^“Creating Analytical Platform accounts” — <https:\/\/user-guidance\.analytical-platform\.service\.justice\.gov\.uk\/[^|]+\|MoJ Analytical Platform> › Onboarding and offboarding · Open Government Licence v3\.0 \(Crown copyright\)$/m,
    );
    // No grid of empty cells.
    expect(text).not.toMatch(/\n—/);
    // The notes keep what the first line does not say, with their bold as mrkdwn.
    expect(text).toContain("Users login");
    expect(text).toContain("*#analytical-platform-support*");
    expect(actionIds(body).slice(-3)).toEqual(["share", "feedback.up", "feedback.down"]);
    expect(String(body.text)).toContain("Creating Analytical Platform accounts");
    // Close alternatives (three backup rows score alike) come labelled, each with its own Show button, before
    // Share and feedback.
    const close = await ask("who is responsible for backups");
    expect(textOf(close)).toContain("Also close");
    const ids = actionIds(close);
    expect(ids.filter((id) => id.startsWith("row.")).length).toBeGreaterThan(0);
    expect(ids.slice(-3)).toEqual(["share", "feedback.up", "feedback.down"]);
  });

  it("spells out RACI letters in words", async () => {
    const body = await ask("who deploys patches");
    const text = textOf(body);
    expect(text).toContain("“Deploy patches, update softwares available on the service”");
    expect(text).toMatch(
      /^\*OVHcloud\* → see <https:\/\/community\.ovh\.com\/en\/\|community\.ovh\.com\/en>/m,
    );
    expect(text).toContain("*OVHcloud:* R does it, A signs off");
  });

  it("passes `<model>: question` to the engine, which keeps to that model", async () => {
    const body = await ask("ovh: who patches");
    const text = textOf(body);
    expect(visibleText(body)).toContain("OVHcloud Data Processing ›");
    expect(text).toContain("Deploy patches");
  });

  it("labels the general support route when the row names none", async () => {
    const body = await ask("who supports airflow");
    const text = textOf(body);
    expect(text).toContain("Managing and supporting the Airflow tool");
    expect(text).toContain("→ ask in <#C0APSUPP01> _(general support)_");
  });

  it("sends the asker to the person the notes name by role, not to general support", async () => {
    const text = textOf(await ask("who creates my MoJ Office 365 account"));
    expect(text).toContain("*User and Other MoJ Team* → ask your line manager");
    expect(text).not.toContain("general support");
  });

  it("answers the part of a message a model covers, and says which part it answered", async () => {
    const body = await ask("who keeps spark patched on ovh, and can I get admin rights on my laptop?");
    const text = textOf(body);
    expect(text).toContain(
      "This answers “who keeps spark patched on ovh”; I have no sure answer for the rest.",
    );
    expect(text).toContain("“Deploy patches, update softwares available on the service”");
  });

  it("says where a boundary model's item falls, and its caveat", async () => {
    const body = await ask("who upgrades the hub's cloud infrastructure");
    const text = textOf(body);
    expect(text).toContain("2i2c community hubs");
    expect(text).toMatch(/^\*2i2c\* · item \d+ — 2i2c's part of the list, from item 7$/m);
    expect(body.blocks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: "context",
          elements: expect.arrayContaining([
            expect.objectContaining({
              text: expect.stringMatching(
                /^_“In 2i2c's service model, .*However, for some communities.*”_$/s,
              ),
            }),
          ]),
        }),
      ]),
    );
  });

  it("says plainly when it is not sure, with the closest rows' owners and routes and Show buttons", async () => {
    const body = await ask("who looks after the platform widgets");
    const text = textOf(body);
    expect(text).toContain("I'm not sure who owns “who looks after the platform widgets”");
    // Each row's route, or the one route they share said once.
    expect(text).toMatch(/(→|For all of these,) (ask in|see|email) /);
    const shows = actionIds(body).filter((id) => id.startsWith("row."));
    expect(shows.length).toBeGreaterThan(0);
    expect(shows.length).toBeLessThanOrEqual(3);
    expect(String(body.text)).toMatch(/^I'm not sure/);
  });

  it("escapes what was typed: <!channel> never pings and arrives as text", async () => {
    const body = await ask("<!channel> who owns the user guidance");
    const shown = `${String(body.text)}\n${textOf(body)}`;
    expect(shown).not.toContain("<!channel>");
    expect(shown).toContain("You asked: “&lt;!channel&gt; who owns the user guidance”");
    // The mention was not part of the question the engine saw.
    expect(shown).toContain("“Owning the Analytical Platform User Guidance”");
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
    expect(visibleText(body)).toContain("MoJ Analytical Platform ›");
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
    expect(text).toContain(`/who-owns ${EXAMPLES.restartApp}`);
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
    expect(text).toMatch(/Page 1 of 4 · 38 rows/);
    // Ten rows, each with its own Show button.
    expect(actionIds(body).filter((id) => id.startsWith("row."))).toHaveLength(10);
    expect(actionIds(body)).toEqual(expect.arrayContaining(["page.party", "page.next"]));
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

  it("“what am I responsible for” outside a model's channel asks which platform, naming each side", async () => {
    const body = await ask("what am I responsible for?");
    const text = textOf(body);
    expect(text).toMatch(/^Which platform\?/);
    expect(text).toContain(
      "*Community* on 2i2c community hubs: “what is the Community responsible for on 2i2c community hubs?”",
    );
    expect(text).toContain("*Customer* on OVHcloud Data Processing");
    expect(String(body.text)).toMatch(/^Which platform\?/);
  });

  it("a party question lists the party's rows", async () => {
    const body = await ask("what is the Customer responsible for?");
    const text = textOf(body);
    expect(text).toContain("*What the Customer is responsible for* (OVHcloud Data Processing)");
    expect(text).toContain("Choose the service location");
  });
});
