// Holds every Web API call the fake Slack recorded against Slack's published OpenAPI description
// (../shared/slack/web-api.openapi.v2.json): the method exists and its required arguments are there.
// Skipped (returns no problems) when ../shared is absent, as in a plain clone.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ApiCall } from "./fake-slack.ts";

export const WEB_API_SPEC_PATH = resolve(
  import.meta.dirname,
  "../../../shared/slack/web-api.openapi.v2.json",
);

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
}
type Spec = { paths: Record<string, Record<string, { parameters?: Parameter[] }>> };

/** Methods newer than the published description (2.0 of 2019): Socket Mode's connection call. */
const NEWER_THAN_SPEC = new Set(["apps.connections.open"]);

let spec: Spec | undefined;
const loadSpec = (): Spec | undefined => {
  if (!spec && existsSync(WEB_API_SPEC_PATH))
    spec = JSON.parse(readFileSync(WEB_API_SPEC_PATH, "utf8")) as Spec;
  return spec;
};

export const webApiSpecAvailable = (): boolean => existsSync(WEB_API_SPEC_PATH);

/** "chat.update: missing required ts" for each call the spec does not allow; [] when all are fine. */
export function specProblems(calls: readonly ApiCall[]): string[] {
  const known = loadSpec();
  if (!known) return [];
  const problems: string[] = [];
  for (const call of calls) {
    if (NEWER_THAN_SPEC.has(call.method)) continue;
    const path = known.paths[`/${call.method}`];
    if (!path) {
      problems.push(`${call.method}: not a method of Slack's Web API`);
      continue;
    }
    const required = Object.values(path).flatMap((operation) =>
      (operation.parameters ?? []).filter((parameter) => parameter.required),
    );
    for (const parameter of required) {
      if (parameter.name === "token") {
        const auth = call.headers.authorization ?? "";
        if (!/^Bearer xox[bp]-/.test(auth) && typeof call.body.token !== "string")
          problems.push(`${call.method}: no token`);
      } else if (call.body[parameter.name] === undefined || call.body[parameter.name] === "") {
        problems.push(`${call.method}: missing required ${parameter.name}`);
      }
    }
  }
  return [...new Set(problems)];
}
