// Previous/Next, a model's Browse button and the party filter of a list in a message: the page replaced in place.
import { browseMessage, partyMessage } from "../../blocks/catalogue.ts";
import type { Message } from "../../blocks/common.ts";
import { safeRespond } from "../../calls.ts";
import { decode, pageRefSchema } from "../../values.ts";
import { type ActionHandler, carried, GONE, tellPrivately } from "./support.ts";

export const page: ActionHandler = async ({ action, body, respond }, services) => {
  const ref = decode(pageRefSchema, carried(action));
  const engine = services.engine();
  if (!ref) {
    await tellPrivately(respond, GONE, services, "page");
    return;
  }
  let message: Message | undefined;
  if (ref.src.k === "b") {
    const { m, p } = ref.src;
    const model = engine.catalogue.models.find((candidate) => candidate.id === m);
    if (model) {
      const party = p && model.parties.includes(p) ? p : undefined;
      message = browseMessage(model, engine.browse(model.id, party), ref.pg, party);
    }
  } else {
    const { q, pm, mo } = ref.src;
    const answer = engine.ask(q, { ...(pm ? { preferModel: pm } : {}), ...(mo ? { model: mo } : {}) });
    if (answer.kind === "party" && answer.answered) message = partyMessage(answer, ref.src, ref.pg);
  }
  if (!message) {
    await tellPrivately(respond, GONE, services, "page");
    return;
  }
  await safeRespond(
    respond,
    // Replacing keeps the message where it was (private or in a thread): no response_type.
    { replace_original: true, ...message },
    services.logger,
    "page",
  );
  services.logger.info("page shown", { user: body.user.id, source: ref.src.k, page: ref.pg });
};
