// Escaping and the text we build: nothing a user or the data says can become a mention or a link we did not make.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  escapeMrkdwn,
  link,
  mailto,
  notesToMrkdwn,
  questionFromSlack,
  truncateMrkdwn,
  truncatePlain,
  typedQuestion,
} from "../../src/slack/text.ts";
import { unsafeMrkdwn } from "../support/block-kit.ts";

describe("escapeMrkdwn", () => {
  it("escapes &, < and >", () => {
    expect(escapeMrkdwn("a & b <!channel> <@U1> c > d")).toBe(
      "a &amp; b &lt;!channel&gt; &lt;@U1&gt; c &gt; d",
    );
  });

  it("leaves nothing Slack would parse as a control sequence, whatever the input", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(unsafeMrkdwn(escapeMrkdwn(text))).toBeUndefined();
      }),
    );
  });
});

describe("questions from Slack", () => {
  it("strips the bot's mention and Slack markup for the engine", () => {
    expect(questionFromSlack("<@UBOT> who owns &amp; patches <!here>?", "UBOT")).toBe("who owns & patches ?");
    expect(questionFromSlack("<@UBOT|who-owns>: who patches", "UBOT")).toBe("who patches");
    expect(questionFromSlack("ask in <#C123|analytical-platform-support>", "UBOT")).toBe(
      "ask in #analytical-platform-support",
    );
    expect(questionFromSlack("see <https://example.com|the docs>")).toBe("see the docs");
  });

  it("keeps what was typed, literally, for echoing", () => {
    expect(typedQuestion("<@UBOT> who owns &lt;!channel&gt; &amp; more", "UBOT")).toBe(
      "who owns <!channel> & more",
    );
  });
});

describe("notesToMrkdwn", () => {
  it("turns <br> into line breaks and **bold** into *bold*", () => {
    expect(notesToMrkdwn("One.<br><br>Two in **#support** on **Justice Digital**")).toBe(
      "One.\n\nTwo in *#support* on *Justice Digital*",
    );
  });

  it("turns markdown links and autolinks into links it builds, with escaped labels", () => {
    expect(notesToMrkdwn("See [the <guide> & more](https://example.com/a?b=1&c=2) or <https://x.org/>")).toBe(
      "See <https://example.com/a?b=1&amp;c=2|the &lt;guide&gt; &amp; more> or <https://x.org/|https://x.org/>",
    );
  });

  it("cannot be made to mention anyone or link anywhere unsafe", () => {
    const out = notesToMrkdwn("Hi <!channel> <@U123> <!subteam^S1> [click](javascript:alert(1)) <#C1|x>");
    expect(unsafeMrkdwn(out)).toBeUndefined();
    expect(out).toContain("&lt;!channel&gt;");
    expect(out).toContain("click (javascript:alert(1))");
  });

  it("is safe for any text", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            "<",
            ">",
            "&",
            "!",
            "@",
            "[",
            "]",
            "(",
            ")",
            "*",
            "h",
            "t",
            "p",
            "s",
            ":",
            "/",
            "|",
            " ",
            "b",
            "r",
          ),
        }),
        (text) => {
          expect(unsafeMrkdwn(notesToMrkdwn(text))).toBeUndefined();
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("links", () => {
  it("builds <url|label> only for http(s) URLs", () => {
    expect(link("https://example.com", "Ex <1>")).toBe("<https://example.com|Ex &lt;1&gt;>");
    expect(link("javascript:alert(1)", "x")).toBe("x (javascript:alert(1))");
    expect(link("https://a.b/<!channel>", "x")).toBe("x (https://a.b/&lt;!channel&gt;)");
  });

  it("builds mailto links for addresses only", () => {
    expect(mailto("dataprotection@justice.gov.uk")).toBe(
      "<mailto:dataprotection@justice.gov.uk|dataprotection@justice.gov.uk>",
    );
    expect(mailto("not an <address>")).toBe("not an &lt;address&gt;");
  });
});

describe("truncation", () => {
  it("never splits an entity or a link", () => {
    const text = `${"x".repeat(95)}&amp;<https://example.com|label> tail`;
    for (let max = 90; max < text.length; max += 1) {
      const cut = truncateMrkdwn(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(unsafeMrkdwn(cut)).toBeUndefined();
      expect(cut).not.toMatch(/&(?:a|am|amp|l|lt|g|gt)?…$/);
    }
  });

  it("holds any escaped text within the limit", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 2, max: 80 }), (text, max) => {
        const cut = truncateMrkdwn(escapeMrkdwn(text), max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(unsafeMrkdwn(cut)).toBeUndefined();
      }),
    );
  });

  it("cuts plain text by characters, not UTF-16 units", () => {
    expect(Array.from(truncatePlain("👍".repeat(100), 75))).toHaveLength(75);
  });
});
