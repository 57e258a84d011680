// How fresh an answer is: its source line gives the document's version, and for a model read from its URL,
// the day it was read. Rows owned from the text say so, with the document's sentence as the caveat.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importMarkdown, toModelYaml } from "../../src/import/index.ts";
import { CORPUS, HAS_SHARED, read } from "../import/helpers.ts";

const BIN = fileURLToPath(new URL("../../bin/who-owns.js", import.meta.url));
const SHIPPED = fileURLToPath(new URL("../../data/", import.meta.url));

function run(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 20_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the source line of an answer", () => {
  it("gives the document's version, in the terminal and in JSON", () => {
    const text = run(["ask", "who can restart my app?"]);
    expect(text.stdout).toContain(
      "Source: https://user-guidance.analytical-platform.service.justice.gov.uk/shared-responsibility-model.html (Open Government Licence v3.0 (Crown copyright); version moj-analytical-services/user-guidance@a21f91e3 (2023-06-20))",
    );
    const json = JSON.parse(run(["ask", "who can restart my app?", "--json"]).stdout);
    expect(json.matches[0].source).toEqual({
      file: "moj-analytical-platform.md",
      url: "https://user-guidance.analytical-platform.service.justice.gov.uk/shared-responsibility-model.html",
      licence: "Open Government Licence v3.0 (Crown copyright)",
      revision: "moj-analytical-services/user-guidance@a21f91e3 (2023-06-20)",
    });
  });

  it("gives the day the document was read, for a model read from its URL", () => {
    const data = mkdtempSync(join(tmpdir(), "who-owns-fresh-"));
    cpSync(SHIPPED, data, { recursive: true });
    const file = join(data, "models", "ovhcloud-data-processing.yml");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(
        /( {2}revision: .*\n)/,
        "$1  fetched: 2026-11-02\n  etag: '\"abc\"'\n",
      ),
    );
    const { code, stdout } = run(["ask", "OVH: who patches the service?", "--data", data]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /Source: .*; version ovh\/docs@e57b8f61 \(updated 2024-05-31\); read 2026-11-02\)/,
    );
    const json = JSON.parse(run(["ask", "OVH: who patches the service?", "--data", data, "--json"]).stdout);
    expect(json.matches[0].source).toMatchObject({ fetched: "2026-11-02" });
    expect(json.matches[0].source.etag).toBeUndefined();
  });
});

describe.skipIf(!HAS_SHARED)("an answer owned from the text", () => {
  it("names the owner as the area's sentence says, with the sentence as the caveat", () => {
    const data = mkdtempSync(join(tmpdir(), "who-owns-areas-"));
    cpSync(SHIPPED, data, { recursive: true });
    const { model } = importMarkdown(read(CORPUS, "2i2c/srm-current-areas.md"), { id: "twoi2c-areas" });
    writeFileSync(join(data, "models", "twoi2c-areas.yml"), toModelYaml(model));
    const { stdout } = run([
      "ask",
      "who operates the kubernetes cluster for our hub?",
      "--model",
      "twoi2c-areas",
      "--data",
      data,
    ]);
    // Who first, on the first line, with where the owner comes from.
    expect(stdout).toMatch(/^2i2c \(from the text: the document says so for the whole area\)/);
    expect(stdout).toContain(
      "Caveat: “Usually, 2i2c assumes responsibility for all of the above, though we are experimenting with ways to involve community members in our cloud operations.”",
    );
  });
});
