// who-owns on the command line: ask, browse, models, export, import, diff, sync, lint, eval, gaps, purge. Works
// offline (import, diff and sync can fetch a URL).
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import type { Engine } from "../answer/engine.ts";
import type { Answer } from "../answer/types.ts";
import { EXAMPLES } from "../examples.ts";
import { StoreUsageError } from "../gaps/errors.ts";
import { DataError } from "../model/errors.ts";
import { DEFAULT_DATA_DIR } from "../model/load.ts";
import { loadEngineCached } from "../reload/engine-cache.ts";
import { editDistance } from "../search/spelling.ts";
import {
  COLOUR,
  PLAIN,
  renderAnswer,
  renderModelList,
  renderQuestion,
  renderRows,
  type Style,
} from "./render.ts";

export const EXIT = { answered: 0, notAnswered: 1, usage: 2 } as const;

export const USAGE = `who-owns — who owns this? Answers from published Shared Responsibility Models and RACI matrices.

Usage:
  who-owns ask "<question>" [--model ID] [--json] [--record]
                                                    answer one question (--record: into the store, for gaps)
  who-owns ask [--json] < questions.txt             one question per line in, one answer each out
  who-owns browse [MODEL] [--party PARTY] [--json]  every row of a model (or one party's rows)
  who-owns models [--json]                          the models and their parties
  who-owns export --json                            every model and row as JSON
  who-owns import <FILE|URL> [--json] [--id ID] [--name NAME] [--parties A,B]
                                                    turn an SRM/RACI page (markdown, HTML or a URL) into a model
  who-owns diff OLD NEW [--json]                    what changed between two versions (model files, pages, URLs)
  who-owns sync [MODEL…] [--from FILE|URL] [--write] re-read each model's source, show the diff, --write applies it
  who-owns lint                                     check the data: errors and warnings
  who-owns eval [FILE] [--json]                     score the engine on an eval file
  who-owns gaps [--since 30d] [--model ID] [--json|--csv]
                                                    what people asked that went unanswered or got 👎,
                                                    rows asked most and never, suggested synonyms
  who-owns purge [--json]                           delete recorded text older than QUESTION_RETENTION_DAYS

Options:
  --data DIR   the data folder (default: the shipped data/, or WHO_OWNS_DATA_DIR)

Exit status: 0 answered, 1 not answered, 2 bad usage or bad data. diff and sync: 0 no change, 1 changes.

Examples:
  who-owns ask "${EXAMPLES.restartApp}"
  who-owns ask "${EXAMPLES.withinModel}"
  who-owns browse ovhcloud-data-processing --party Customer`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Lines of standard input, for `ask` without a question. */
  lines: () => AsyncIterable<string>;
  /** Standard output is a terminal that takes colour. */
  isTty: boolean;
  /** Standard input is a terminal: `ask` without a question would wait for a person, so it is bad usage. */
  stdinIsTty?: boolean;
}

const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  lines: () => createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY }),
  isTty: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  stdinIsTty: Boolean(process.stdin.isTTY),
};

/**
 * `who-owns …` as bin/who-owns.js runs it. A reader that stops early (`who-owns export --json | head`) closes
 * the pipe: that is the reader's choice, not an error, so the command ends quietly with status 0.
 */
export async function run(argv: readonly string[]): Promise<number> {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(EXIT.answered);
    throw error;
  });
  return main(argv, processIo);
}

class UsageError extends Error {}

const OPTIONS = {
  json: { type: "boolean" },
  model: { type: "string" },
  party: { type: "string" },
  data: { type: "string" },
  id: { type: "string" },
  name: { type: "string" },
  parties: { type: "string" },
  since: { type: "string" },
  csv: { type: "boolean" },
  record: { type: "boolean" },
  from: { type: "string" },
  write: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true });
  } catch (error) {
    io.err(`who-owns: ${describeArgsError(error as Error & { code?: string })}\n${SEE_HELP}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help || command === "help" || command === undefined) {
    (command === undefined && !values.help ? io.err : io.out)(USAGE);
    return command === undefined && !values.help ? EXIT.usage : EXIT.answered;
  }

  const dataDir = values.data ?? process.env.WHO_OWNS_DATA_DIR ?? DEFAULT_DATA_DIR;
  const style: Style = io.isTty && !values.json ? COLOUR : PLAIN;
  let engine: Engine | undefined;
  const getEngine = () => {
    engine ??= loadEngineCached(dataDir);
    return engine;
  };

  try {
    switch (command) {
      case "ask":
        return await ask(args, values, getEngine, io, style);
      case "browse":
        return browse(args, values, getEngine(), io, style);
      case "models": {
        const { models } = getEngine().catalogue;
        io.out(
          values.json ? JSON.stringify({ models: models.map(summary) }) : renderModelList(models, style),
        );
        return EXIT.answered;
      }
      case "export":
        io.out(JSON.stringify(exportCatalogue(getEngine()), null, values.json ? undefined : 2));
        return EXIT.answered;
      case "import":
        return await importCommand(args, values, io);
      case "lint":
        return await lintCommand(dataDir, io);
      case "diff":
        return await diffCommand(args, values, io);
      case "sync":
        return await syncCommand(args, values, dataDir, io);
      case "eval":
        return await evalCommand(args, values, getEngine(), io);
      // The store's drivers load only for the commands that use them: ask stays quick to start.
      case "gaps":
        return await (await import("../gaps/cli.ts")).gapsCommand(values, getEngine, io);
      case "purge":
        return await (await import("../gaps/cli.ts")).purgeCommand(values, io);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof StoreUsageError) {
      io.err(`who-owns: ${error.message}\n${SEE_HELP}`);
      return EXIT.usage;
    }
    if (error instanceof DataError) {
      io.err(`who-owns: bad data: ${error.message}`);
      return EXIT.usage;
    }
    throw error;
  }
}

/** After a usage error: where the commands and options are, rather than all of them at once. */
const SEE_HELP = 'Run "who-owns --help" for the commands and options.';

/** A value to show beside each option that takes one, when it was given none. */
const EXAMPLE_VALUES: Partial<Record<keyof typeof OPTIONS, string>> = {
  model: "ovhcloud-data-processing",
  party: "Customer",
  data: "./data",
  id: "my-platform",
  name: '"My Platform"',
  parties: "Customer,Provider",
  since: "30d",
  from: "https://example.org/srm.html",
};

/** parseArgs' errors in our words, naming the option (its own text talks about positionals and `--`). */
function describeArgsError(error: Error & { code?: string }): string {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1];
  const name = option?.replace(/^-+/, "") ?? "";
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      // A slip away from an option ("--modle"): say which was meant, the closest, and only for a real slip.
      const allowed = name.length <= 4 ? 1 : 2;
      const meant = Object.keys(OPTIONS)
        .map((known) => ({ known, distance: editDistance(name, known) }))
        .filter(({ known, distance }) => name.length > 1 && known.length > 1 && distance <= allowed)
        .sort((a, b) => a.distance - b.distance)[0]?.known;
      return `unknown option ${option ?? error.message}${meant ? ` (did you mean --${meant}?)` : ""}`;
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return option && OPTIONS[name as keyof typeof OPTIONS]?.type === "string"
        ? `${option} needs a value, e.g. ${option} ${EXAMPLE_VALUES[name as keyof typeof OPTIONS] ?? "VALUE"}`
        : `${option ?? "an option"} takes no value`;
    default:
      return error.message;
  }
}

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

/** --record: after the answers are out; the store's drivers load only then. */
async function record(answers: Answer[], io: Io): Promise<void> {
  await (await import("../store/cli-record.ts")).recordCliAnswers(answers, io.err);
}

async function ask(args: string[], values: Values, getEngine: () => Engine, io: Io, style: Style) {
  const question = args.join(" ").trim();
  const engine = getEngine();
  if (values.model && !engine.findModel(values.model)) {
    throw new UsageError(`no model called "${values.model}" (see: who-owns models)`);
  }
  const options = values.model ? { model: values.model } : {};
  const needsQuestion = `ask needs a question, e.g. who-owns ask "${EXAMPLES.restartApp}"`;
  if (!question) {
    if (io.stdinIsTty) throw new UsageError(needsQuestion);
    // One question per line in; out, one JSON answer per line, or each readable answer under its question.
    // The exit status says whether all were answered.
    let all = true;
    let asked = 0;
    const answers: Answer[] = [];
    for await (const line of io.lines()) {
      if (!line.trim()) continue;
      const answer = engine.ask(line, options);
      all &&= answer.answered;
      if (values.json) io.out(JSON.stringify(answer));
      else io.out(`${asked > 0 ? "\n" : ""}${renderQuestion(line, style)}\n${renderAnswer(answer, style)}`);
      asked++;
      if (values.record) answers.push(answer);
    }
    if (asked === 0) throw new UsageError(needsQuestion);
    if (values.record) await record(answers, io);
    return all ? EXIT.answered : EXIT.notAnswered;
  }
  const answer = engine.ask(question, options);
  io.out(values.json ? JSON.stringify(answer, null, 2) : renderAnswer(answer, style));
  if (values.record) await record([answer], io);
  return answer.answered ? EXIT.answered : EXIT.notAnswered;
}

function browse(args: string[], values: Values, engine: Engine, io: Io, style: Style) {
  const name = args.join(" ").trim();
  const models = name ? [engine.findModel(name)] : engine.catalogue.models;
  if (models[0] === undefined) throw new UsageError(`no model called "${name}" (see: who-owns models)`);
  const found = models.filter((model) => model !== undefined);
  const wanted = values.party?.toLowerCase();
  if (wanted && !found.some((model) => model.parties.some((party) => party.toLowerCase() === wanted))) {
    const parties = [...new Set(found.flatMap((model) => model.parties))].join(", ");
    throw new UsageError(`no party called "${values.party}" (parties: ${parties})`);
  }
  const sections = found.map((model) => ({ model, rows: engine.browse(model.id, values.party) }));
  if (values.json) {
    io.out(
      JSON.stringify({
        models: sections.map(({ model, rows }) => ({
          ...summary(model),
          rows: rows.map((row) => exportRow(engine, model.id, row.id)),
        })),
      }),
    );
  } else io.out(sections.map(({ model, rows }) => renderRows(model, rows, style, values.party)).join("\n\n"));
  return EXIT.answered;
}

function summary(model: Engine["catalogue"]["models"][number]) {
  return {
    id: model.id,
    name: model.name,
    aliases: model.aliases,
    parties: model.parties,
    rows: model.rows.length,
  };
}

/** A row shaped as in an answer's matches, without `score`. */
function exportRow(engine: Engine, modelId: string, rowId: string) {
  const match = engine.match(modelId, rowId);
  if (!match) return undefined;
  const { score: _score, ...row } = match;
  return row;
}

export function exportCatalogue(engine: Engine) {
  return {
    models: engine.catalogue.models.map((model) => ({
      id: model.id,
      name: model.name,
      aliases: model.aliases,
      parties: model.parties,
      ...(model.source ? { source: model.source } : {}),
      rows: model.rows.map((row) => exportRow(engine, model.id, row.id)),
    })),
  };
}

async function importCommand(args: string[], values: Values, io: Io) {
  const [location] = args;
  if (!location)
    throw new UsageError("import needs a markdown or HTML file or a URL, e.g. who-owns import page.md");
  const { ImportError, toImportJson, toModelYaml } = await import("../import/index.ts");
  const { importRead, readDocument } = await import("../import/document.ts");
  const { FetchError } = await import("../import/fetch.ts");
  try {
    const document = await readDocument(location);
    if (!document) throw new UsageError(`${location} answered "not modified" to a first request`);
    const result = importRead(document, {
      ...(values.id ? { id: values.id } : {}),
      ...(values.name ? { name: values.name } : {}),
      ...(values.parties ? { parties: values.parties.split(",").map((party) => party.trim()) } : {}),
    });
    for (const warning of result.warnings) io.err(`${location}:${warning.line} warning: ${warning.message}`);
    io.out(values.json ? JSON.stringify(toImportJson(result.model), null, 2) : toModelYaml(result.model));
    return EXIT.answered;
  } catch (error) {
    if (error instanceof ImportError || error instanceof FetchError) {
      io.err(`who-owns: ${error.message}`);
      return EXIT.usage;
    }
    throw error;
  }
}

async function diffCommand(args: string[], values: Values, io: Io) {
  if (args.length !== 2) throw new UsageError("diff needs two versions, e.g. who-owns diff OLD.yml NEW.md");
  const { diffCommand: run } = await import("./diff.ts");
  return await withReadErrors(io, () => run(args, Boolean(values.json), io.out));
}

async function syncCommand(args: string[], values: Values, dataDir: string, io: Io) {
  const { SyncUsageError, syncCommand: run } = await import("./sync.ts");
  try {
    return await withReadErrors(io, () =>
      run({
        dataDir,
        models: args,
        ...(values.from ? { from: values.from } : {}),
        write: Boolean(values.write),
        json: Boolean(values.json),
        out: io.out,
        err: io.err,
      }),
    );
  } catch (error) {
    if (error instanceof SyncUsageError) throw new UsageError(error.message);
    throw error;
  }
}

/** Import and fetch failures are one line and exit 2, like bad data. */
async function withReadErrors(io: Io, run: () => Promise<number>): Promise<number> {
  const { ImportError } = await import("../import/errors.ts");
  const { FetchError } = await import("../import/fetch.ts");
  try {
    return await run();
  } catch (error) {
    if (error instanceof ImportError || error instanceof FetchError) {
      io.err(`who-owns: ${error.message}`);
      return EXIT.usage;
    }
    throw error;
  }
}

async function lintCommand(dataDir: string, io: Io) {
  const { lintData } = await import("./lint.ts");
  const { errors, warnings } = lintData(dataDir);
  for (const warning of warnings)
    io.err(`${warning.file}${warning.line ? `:${warning.line}` : ""} warning: ${warning.message}`);
  for (const error of errors) io.err(`${error} `);
  io.out(`${errors.length} error(s), ${warnings.length} warning(s)`);
  return errors.length > 0 ? EXIT.usage : EXIT.answered;
}

async function evalCommand(args: string[], values: Values, engine: Engine, io: Io) {
  const { loadQuestions } = await import("../eval/questions.ts");
  const { formatReport, runEval } = await import("../eval/run.ts");
  const file = args[0] ?? new URL("../../tests/eval/questions.yml", import.meta.url).pathname;
  const report = runEval(engine, loadQuestions(file));
  io.out(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return report.misses.length === 0 ? EXIT.answered : EXIT.notAnswered;
}
