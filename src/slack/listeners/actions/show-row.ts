// "Show" on a close row, an alternative or a list row: that row's full card, privately.
import { clickSurface } from "../../../store/slack.ts";
import { rowCard } from "../../blocks/answer.ts";
import { safeRespond } from "../../calls.ts";
import { type ActionHandler, carriedRow, threadOf } from "./support.ts";

export const showRow: ActionHandler = async ({ action, body, client, respond, context }, services) => {
  const carriedMatch = await carriedRow(action, respond, services, "row");
  if (!carriedMatch) return;
  const { ref, match } = carriedMatch;
  const ctx = await services.directory.names(client, context.teamId ?? body.team?.id);
  const threadTs = ref.t ?? threadOf(body);
  const card = rowCard(match, {
    ctx,
    place: "ephemeral",
    ...(body.channel?.id ? { here: body.channel.id } : {}),
    ...(ref.q ? { query: ref.q } : {}),
    ...(threadTs ? { threadTs } : {}),
  });
  await safeRespond(
    respond,
    { response_type: "ephemeral", replace_original: false, ...card },
    services.logger,
    "row",
  );
  services.logger.info("row shown", { user: body.user.id, model: match.model, row: match.rowId });
  services.recorder.chosen({
    surface: clickSurface(body),
    team: context.teamId ?? body.team?.id,
    user: body.user.id,
    question: ref.q,
    model: match.model,
    rowId: match.rowId,
    choice: "row",
  });
};
