// The Dockerfile cannot be built here (no image builder on these machines), so it is held to what can be
// checked: it runs only commands package.json defines, copies files that exist, and runs the compiled build
// as a non-root user on an official Node LTS image that package.json's engines allow.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url);
const dockerfile = readFileSync(new URL("Dockerfile", root), "utf8");
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as {
  scripts: Record<string, string>;
  engines: { node: string };
};

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
function instructions(text: string): Instruction[] {
  return text
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const [keyword = "", ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(" ") };
    });
}

const all = instructions(dockerfile);
const of = (keyword: string) => all.filter((instruction) => instruction.keyword === keyword);
/** npm's own commands the image may use; anything else must be `npm run <a script package.json defines>`. */
const NPM_BUILTINS = new Set(["ci", "cache"]);

describe("Dockerfile", () => {
  it("runs only npm commands and scripts that package.json defines", () => {
    const commands = of("RUN").flatMap(({ args }) => args.split("&&").map((command) => command.trim()));
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) {
      const [tool, verb, script] = command.split(/\s+/);
      expect(tool, command).toBe("npm");
      if (verb === "run") expect(Object.keys(pkg.scripts), command).toContain(script);
      else expect(NPM_BUILTINS.has(verb ?? ""), command).toBe(true);
    }
    expect(commands).toContain("npm run build");
  });

  it("starts what `npm start` starts, the compiled server, as JSON exec form", () => {
    const [cmd] = of("CMD");
    const argv = JSON.parse(cmd?.args ?? "[]") as string[];
    expect(argv.join(" ")).toBe(pkg.scripts.start);
    const entry = argv[1] ?? "";
    expect(existsSync(new URL(entry, root)), entry).toBe(true);
    expect(readFileSync(new URL(entry, root), "utf8")).toContain('loadBuild("server.js")');
  });

  it("copies only files that exist, and the build from the build stage", () => {
    for (const { args } of of("COPY")) {
      const parts = args.split(/\s+/);
      if (parts[0]?.startsWith("--from=")) {
        expect(parts[1]).toBe("/app/dist");
        continue;
      }
      for (const source of parts.slice(0, -1)) expect(existsSync(new URL(source, root)), source).toBe(true);
    }
  });

  it("uses the official Node image at an LTS (even) major the engines field allows, and a non-root user", () => {
    const floor = Number(/>=\s*(\d+)/.exec(pkg.engines.node)?.[1]);
    for (const { args } of of("FROM")) {
      const major = Number(/^node:(\d+)-slim\b/.exec(args)?.[1]);
      expect(major % 2, args).toBe(0);
      expect(major, args).toBeGreaterThanOrEqual(floor);
    }
    const userAt = all.findIndex(({ keyword }) => keyword === "USER");
    const cmdAt = all.findIndex(({ keyword }) => keyword === "CMD");
    expect(all[userAt]?.args).toBe("node");
    expect(userAt).toBeGreaterThan(all.findLastIndex(({ keyword }) => keyword === "FROM"));
    expect(userAt).toBeLessThan(cmdAt);
  });

  it("checks health on the port the app serves /healthz on", () => {
    const [health] = of("HEALTHCHECK");
    expect(health?.args).toContain("/healthz");
    expect(health?.args).toMatch(/HEALTH_PORT/);
    expect(health?.args).toMatch(/process\.env\.PORT/);
  });
});
