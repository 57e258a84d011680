// The one checker of Block Kit's limits and of our escaping rules, applied to every payload the tests record.
// Builders truncate and paginate so that this finds nothing; a violation here is a bug in a builder.
import { LIMITS } from "../../src/slack/blocks/limits.ts";

export type Surface = "message" | "home" | "modal";

export interface Violation {
  /** Where in the payload, e.g. "blocks[3].fields[1].text". */
  path: string;
  rule: string;
  message: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Characters as Slack counts them (code points, near enough). */
const length = (text: string) => Array.from(text).length;

/**
 * The `<…>` sequences a mrkdwn string may contain: only the ones we build (`<#C…>`, `<@U…>`,
 * `<mailto:…|…>`, `<https://…|…>`). Anything else — `<!channel>`, `<!here>`, a stray `<` — means
 * user or data text reached Slack unescaped.
 */
export function unsafeMrkdwn(text: string): string | undefined {
  const stray = text.replace(
    /<(?:#[CG][A-Z0-9]+|@[UW][A-Z0-9]+|mailto:[^<>|\s]+\|[^<>]*|https?:\/\/[^<>|\s]+(?:\|[^<>]*)?)>/g,
    "",
  );
  const bad = /[<>]/.exec(stray);
  if (!bad) return undefined;
  const start = Math.max(0, bad.index - 10);
  return stray.slice(start, bad.index + 20);
}

class Checker {
  readonly violations: Violation[] = [];
  private readonly actionIds = new Map<string, string>();
  private readonly blockIds = new Map<string, string>();

  fail(path: string, rule: string, message: string): void {
    this.violations.push({ path, rule, message });
  }

  max(path: string, value: unknown, limit: number, rule: string): void {
    if (typeof value === "string" && length(value) > limit)
      this.fail(path, rule, `${length(value)} characters, the limit is ${limit}`);
  }

  textObject(
    path: string,
    value: unknown,
    options: { limit: number; plainOnly?: boolean; rule: string },
  ): void {
    if (!isObject(value)) {
      this.fail(path, "text-object", "expected a text object");
      return;
    }
    const type = value.type;
    if (type !== "plain_text" && type !== "mrkdwn") {
      this.fail(path, "text-object", `unknown text type ${JSON.stringify(type)}`);
      return;
    }
    if (options.plainOnly && type !== "plain_text") this.fail(path, "plain-text", "must be plain_text");
    if (typeof value.text !== "string" || value.text.length === 0) {
      this.fail(`${path}.text`, "text-empty", "text must be a non-empty string");
      return;
    }
    this.max(`${path}.text`, value.text, options.limit, options.rule);
    if (type === "mrkdwn") this.mrkdwn(`${path}.text`, value.text);
  }

  mrkdwn(path: string, text: string): void {
    const bad = unsafeMrkdwn(text);
    if (bad !== undefined)
      this.fail(path, "unescaped-mrkdwn", `unescaped < or > near ${JSON.stringify(bad)}`);
  }

  actionId(path: string, element: Json): void {
    const id = element.action_id;
    if (id === undefined) return;
    if (typeof id !== "string" || id.length === 0) {
      this.fail(`${path}.action_id`, "action-id", "must be a non-empty string");
      return;
    }
    this.max(`${path}.action_id`, id, LIMITS.actionId, "action-id-length");
    const seen = this.actionIds.get(id);
    if (seen) this.fail(`${path}.action_id`, "action-id-unique", `"${id}" is also used at ${seen}`);
    else this.actionIds.set(id, path);
  }

  option(path: string, option: unknown): void {
    if (!isObject(option)) {
      this.fail(path, "option", "expected an option object");
      return;
    }
    this.textObject(`${path}.text`, option.text, { limit: LIMITS.optionText, rule: "option-text-length" });
    if (typeof option.value !== "string" || option.value.length === 0)
      this.fail(`${path}.value`, "option-value", "must be a non-empty string");
    this.max(`${path}.value`, option.value, LIMITS.optionValue, "option-value-length");
    if (option.description !== undefined)
      this.textObject(`${path}.description`, option.description, {
        limit: LIMITS.optionText,
        rule: "option-description-length",
      });
  }

  element(path: string, element: unknown): void {
    if (!isObject(element)) {
      this.fail(path, "element", "expected an element object");
      return;
    }
    this.actionId(path, element);
    switch (element.type) {
      case "button": {
        this.textObject(`${path}.text`, element.text, {
          limit: LIMITS.buttonText,
          plainOnly: true,
          rule: "button-text-length",
        });
        this.max(`${path}.value`, element.value, LIMITS.buttonValue, "button-value-length");
        this.max(`${path}.url`, element.url, LIMITS.url, "url-length");
        if (element.style !== undefined && element.style !== "primary" && element.style !== "danger")
          this.fail(`${path}.style`, "button-style", `unknown style ${JSON.stringify(element.style)}`);
        break;
      }
      case "static_select": {
        if (element.placeholder !== undefined)
          this.textObject(`${path}.placeholder`, element.placeholder, {
            limit: LIMITS.placeholder,
            plainOnly: true,
            rule: "placeholder-length",
          });
        const options = element.options;
        if (!Array.isArray(options) || options.length === 0) {
          if (!Array.isArray(element.option_groups))
            this.fail(`${path}.options`, "options", "a select needs options");
          break;
        }
        if (options.length > LIMITS.options)
          this.fail(
            `${path}.options`,
            "options-count",
            `${options.length} options, the limit is ${LIMITS.options}`,
          );
        const values = new Set<string>();
        options.forEach((option, index) => {
          this.option(`${path}.options[${index}]`, option);
          if (isObject(option) && typeof option.value === "string") {
            if (values.has(option.value))
              this.fail(
                `${path}.options[${index}].value`,
                "option-value-unique",
                `"${option.value}" repeats`,
              );
            values.add(option.value);
          }
        });
        if (element.initial_option !== undefined) {
          const initial = element.initial_option;
          const found =
            isObject(initial) &&
            options.some(
              (option) =>
                isObject(option) &&
                option.value === initial.value &&
                JSON.stringify(option.text) === JSON.stringify(initial.text),
            );
          if (!found)
            this.fail(`${path}.initial_option`, "initial-option", "must be one of the options, exactly");
        }
        break;
      }
      case "overflow": {
        const options = element.options;
        if (!Array.isArray(options) || options.length < 1 || options.length > 5)
          this.fail(`${path}.options`, "overflow-options", "an overflow menu takes 1 to 5 options");
        else
          for (const [index, option] of options.entries()) this.option(`${path}.options[${index}]`, option);
        break;
      }
      case "plain_text_input": {
        if (element.placeholder !== undefined)
          this.textObject(`${path}.placeholder`, element.placeholder, {
            limit: LIMITS.placeholder,
            plainOnly: true,
            rule: "placeholder-length",
          });
        const maxLength = typeof element.max_length === "number" ? element.max_length : LIMITS.inputMaxLength;
        if (maxLength > LIMITS.inputMaxLength)
          this.fail(`${path}.max_length`, "input-max-length", `at most ${LIMITS.inputMaxLength}`);
        this.max(`${path}.initial_value`, element.initial_value, maxLength, "input-initial-value-length");
        break;
      }
      case "image":
        if (typeof element.image_url !== "string") this.fail(`${path}.image_url`, "image", "needs image_url");
        this.max(`${path}.alt_text`, element.alt_text, 2000, "alt-text-length");
        break;
      default:
        this.fail(`${path}.type`, "element-type", `unchecked element type ${JSON.stringify(element.type)}`);
    }
  }

  block(path: string, block: unknown): void {
    if (!isObject(block)) {
      this.fail(path, "block", "expected a block object");
      return;
    }
    if (block.block_id !== undefined) {
      const id = block.block_id;
      if (typeof id !== "string" || id.length === 0)
        this.fail(`${path}.block_id`, "block-id", "must be a string");
      else {
        this.max(`${path}.block_id`, id, LIMITS.blockId, "block-id-length");
        const seen = this.blockIds.get(id);
        if (seen) this.fail(`${path}.block_id`, "block-id-unique", `"${id}" is also used at ${seen}`);
        else this.blockIds.set(id, path);
      }
    }
    switch (block.type) {
      case "section": {
        if (block.text === undefined && block.fields === undefined)
          this.fail(path, "section-empty", "a section needs text or fields");
        if (block.text !== undefined)
          this.textObject(`${path}.text`, block.text, {
            limit: LIMITS.sectionText,
            rule: "section-text-length",
          });
        if (block.fields !== undefined) {
          if (!Array.isArray(block.fields) || block.fields.length === 0)
            this.fail(`${path}.fields`, "fields", "fields must be a non-empty array");
          else {
            if (block.fields.length > LIMITS.fields)
              this.fail(
                `${path}.fields`,
                "fields-count",
                `${block.fields.length} fields, the limit is ${LIMITS.fields}`,
              );
            block.fields.forEach((field, index) => {
              this.textObject(`${path}.fields[${index}]`, field, {
                limit: LIMITS.field,
                rule: "field-length",
              });
            });
          }
        }
        if (block.accessory !== undefined) this.element(`${path}.accessory`, block.accessory);
        break;
      }
      case "header":
        this.textObject(`${path}.text`, block.text, {
          limit: LIMITS.headerText,
          plainOnly: true,
          rule: "header-text-length",
        });
        break;
      case "context": {
        const elements = block.elements;
        if (!Array.isArray(elements) || elements.length === 0) {
          this.fail(`${path}.elements`, "context-elements", "a context needs elements");
          break;
        }
        if (elements.length > LIMITS.contextElements)
          this.fail(`${path}.elements`, "context-count", `${elements.length} elements, the limit is 10`);
        elements.forEach((element, index) => {
          if (isObject(element) && element.type === "image")
            this.element(`${path}.elements[${index}]`, element);
          else
            this.textObject(`${path}.elements[${index}]`, element, {
              limit: LIMITS.sectionText,
              rule: "context-text-length",
            });
        });
        break;
      }
      case "actions": {
        const elements = block.elements;
        if (!Array.isArray(elements) || elements.length === 0) {
          this.fail(`${path}.elements`, "actions-elements", "an actions block needs elements");
          break;
        }
        if (elements.length > LIMITS.actionsElements)
          this.fail(`${path}.elements`, "actions-count", `${elements.length} elements, the limit is 25`);
        for (const [index, element] of elements.entries())
          this.element(`${path}.elements[${index}]`, element);
        break;
      }
      case "input": {
        this.textObject(`${path}.label`, block.label, {
          limit: LIMITS.inputLabel,
          plainOnly: true,
          rule: "input-label-length",
        });
        if (block.hint !== undefined)
          this.textObject(`${path}.hint`, block.hint, {
            limit: LIMITS.hint,
            plainOnly: true,
            rule: "hint-length",
          });
        this.element(`${path}.element`, block.element);
        break;
      }
      case "divider":
        break;
      default:
        this.fail(`${path}.type`, "block-type", `unchecked block type ${JSON.stringify(block.type)}`);
    }
  }
}

/**
 * Checks a payload as Slack would receive it: a message (chat.postMessage, chat.postEphemeral, a
 * response_url post), a Home view or a modal view. Returns every violation found; none means it fits.
 */
export function checkBlockKit(payload: unknown, surface: Surface): Violation[] {
  const checker = new Checker();
  if (!isObject(payload)) {
    checker.fail("", "payload", "expected an object");
    return checker.violations;
  }
  const blocks = payload.blocks;
  if (surface === "message") {
    const deleting = payload.delete_original === true || payload.delete_original === "true";
    if (!deleting) {
      if (typeof payload.text !== "string" || payload.text.trim() === "")
        checker.fail("text", "text-fallback", "every message needs a text fallback");
      else {
        checker.max("text", payload.text, LIMITS.messageText, "message-text-length");
        checker.mrkdwn("text", payload.text);
      }
    }
  } else {
    if (payload.type !== surface) checker.fail("type", "view-type", `expected a ${surface} view`);
    checker.max(
      "private_metadata",
      payload.private_metadata,
      LIMITS.privateMetadata,
      "private-metadata-length",
    );
    checker.max("callback_id", payload.callback_id, LIMITS.callbackId, "callback-id-length");
    if (surface === "modal") {
      checker.textObject("title", payload.title, {
        limit: LIMITS.modalTitle,
        plainOnly: true,
        rule: "title-length",
      });
      for (const key of ["submit", "close"] as const) {
        if (payload[key] !== undefined)
          checker.textObject(key, payload[key], {
            limit: LIMITS.modalButton,
            plainOnly: true,
            rule: `${key}-length`,
          });
      }
      const hasInput =
        Array.isArray(blocks) && blocks.some((block) => isObject(block) && block.type === "input");
      if (hasInput && payload.submit === undefined)
        checker.fail("submit", "modal-submit", "inputs need a submit");
    }
  }
  if (blocks === undefined) {
    if (surface !== "message") checker.fail("blocks", "blocks", "a view needs blocks");
    return checker.violations;
  }
  if (!Array.isArray(blocks)) {
    checker.fail("blocks", "blocks", "blocks must be an array");
    return checker.violations;
  }
  const limit = surface === "message" ? LIMITS.messageBlocks : LIMITS.viewBlocks;
  if (blocks.length > limit)
    checker.fail("blocks", "block-count", `${blocks.length} blocks, the limit is ${limit}`);
  for (const [index, block] of blocks.entries()) checker.block(`blocks[${index}]`, block);
  return checker.violations;
}
