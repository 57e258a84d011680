// who-owns diff OLD NEW: what changed between two versions of a model. Exit 0 no change, 1 changes, 2 error.
import { compareModels } from "../diff/compare.ts";
import { loadVersion } from "../diff/load.ts";
import { ordered, renderChanges } from "../diff/render.ts";

export async function diffCommand(
  [old, next]: string[],
  json: boolean,
  out: (text: string) => void,
): Promise<number> {
  if (!old || !next)
    throw new TypeError("diff needs two versions, e.g. who-owns diff data/models/x.yml page.html");
  const [a, b] = await Promise.all([loadVersion(old), loadVersion(next)]);
  const changes = ordered(compareModels(a, b).changes);
  out(
    json
      ? JSON.stringify({ old, new: next, changed: changes.length > 0, changes }, null, 2)
      : renderChanges(`${old} → ${next}`, changes),
  );
  return changes.length > 0 ? 1 : 0;
}
