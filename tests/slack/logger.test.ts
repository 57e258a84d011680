// The log as operators read it: pino underneath, one JSON object a line, level words, secrets never written.
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/slack/logger.ts";

const SECRET = "abcdef0123456789abcdef0123456789";

function capture(level: "debug" | "info" = "info") {
  const lines: string[] = [];
  const logger = createLogger({ level, write: (line) => lines.push(line), secrets: [SECRET] });
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("the logger", () => {
  it("writes one JSON object a line: time, level as a word, name, message and the fields given", () => {
    const { logger, lines, records } = capture();
    logger.info("command", { sub: "ask", user: "U1" });
    logger.warn("Bolt", "says", 3);
    expect(lines.every((line) => !line.includes("\n"))).toBe(true);
    expect(records()).toEqual([
      {
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        level: "info",
        name: "who-owns",
        msg: "command",
        sub: "ask",
        user: "U1",
      },
      { time: expect.any(String), level: "warn", name: "who-owns", msg: "Bolt says 3" },
    ]);
  });

  it("never writes a token or the signing secret, wherever it appears", () => {
    const { logger, lines } = capture();
    logger.info("auth", { token: "xoxb-1234-5678-abcdef", header: `Bearer xapp-1-A0-123-abc` });
    logger.error(new Error(`signature check with ${SECRET} failed`));
    logger.warn(`retrying with xoxp-99-aa and ${SECRET}`);
    const text = lines.join("\n");
    expect(text).not.toMatch(/xox[a-z]-|xapp-/);
    expect(text).not.toContain(SECRET);
    // token, header; the error's msg, error and stack; the two in the warning
    expect(text.match(/\[redacted\]/g)).toHaveLength(7);
  });

  it("keeps debug lines (where question text goes) out unless LOG_LEVEL is debug", () => {
    const info = capture("info");
    info.logger.debug("question", { text: "who restarts apps" });
    expect(info.lines).toEqual([]);
    expect(info.logger.isDebug()).toBe(false);
    const debug = capture("debug");
    debug.logger.debug("question", { text: "who restarts apps" });
    expect(debug.records()).toEqual([expect.objectContaining({ level: "debug", text: "who restarts apps" })]);
  });

  it("gives an error its code and Slack's error name, and its stack at error level", () => {
    const { logger, records } = capture();
    const error = Object.assign(new Error("An API error occurred: channel_not_found"), {
      code: "slack_webapi_platform_error",
      data: { error: "channel_not_found" },
    });
    logger.error(error);
    expect(records()[0]).toMatchObject({
      level: "error",
      msg: "An API error occurred: channel_not_found",
      code: "slack_webapi_platform_error",
      slackError: "channel_not_found",
      stack: expect.stringContaining("Error: An API error occurred"),
    });
  });
});
