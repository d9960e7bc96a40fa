/**
 * `rfm`: the command-line door. `main(argv, io)` picks the command (`rfm sql ...`, `rfm predict ...`, else the
 * default analysis), runs it and turns errors into exit statuses. `run()` is what bin/rfm.js calls.
 *
 * Exit status: 0 success; 2 bad input (missing file, missing column, empty sheet, unknown scheme, bad option,
 * malformed CSV, nothing to fit) with a one-line `rfm: ...` message on stderr and no output file; 1 an unexpected
 * internal error (set RFM_DEBUG=1 for the stack).
 *
 * Layers, one way: main → commands/* → the shared modules (args, options, readInput, output, report, ...). Nothing
 * imports main or a command back. The sub-commands are loaded when used, so the default command does not pay for
 * the SQL generator or the prediction models at start-up.
 *
 * @example
 *   rfm orders.csv --preset r-rfm --snapshot 2006-12-31 --out customers.csv
 */
import { answerHelpOrVersion } from "./about";
import { UsageError, parseArgs } from "./args";
import type { SubcommandName } from "./commandList";
import { processIO, type CliIO, type CommandHandler } from "./io";

/** Sub-commands by name (`rfm NAME ...`), each loaded on first use; the default (no name) is `analyzeCommand`. */
export const COMMANDS: Record<SubcommandName, CommandHandler> = {
  sql: async (argv, io) => (await import("./commands/sql")).sqlCommand(argv, io),
  predict: async (argv, io) => (await import("./commands/predict")).predictCommand(argv, io),
};

/** Input problems that exit with status 2 (the CSV reader and the engine are loaded here only when an error may need them). */
export async function isInputError(e: unknown): Promise<boolean> {
  if (e instanceof UsageError || e instanceof (await import("./csv")).CsvError) return true;
  return (await import("../rfm")).isRfmError(e);
}

/** One line: the message without line breaks. */
function oneLine(message: string): string {
  return message.replace(/\s*\r?\n\s*/g, " ").trim();
}

function commandFor(argv: string[]): { handler: CommandHandler; args: string[] } {
  const name = argv[0];
  if (name !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, name)) {
    return { handler: COMMANDS[name as SubcommandName], args: argv.slice(1) };
  }
  // Loaded when used too, so that the other commands, --help and --version do not load the default one's readers and
  // engine (the arguments are parsed once, here).
  const analyzeDefault: CommandHandler = async (a, io) => {
    const o = parseArgs(a);
    return answerHelpOrVersion(o, io) ?? (await import("./commands/analyze")).analyzeWith(o, io);
  };
  return { handler: analyzeDefault, args: argv };
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  try {
    const { handler, args } = commandFor(argv);
    return await handler(args, io);
  } catch (e) {
    if (await isInputError(e)) {
      io.stderr(`rfm: ${oneLine((e as Error).message)}\n`);
      return 2;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    io.stderr(`rfm: unexpected error: ${oneLine(err.message)}\n`);
    if (process.env.RFM_DEBUG) io.stderr(`${err.stack ?? ""}\n`);
    return 1;
  }
}

/** Entry point for bin/rfm.js: runs and sets the exit status (without cutting off pending output). */
export function run(argv: string[] = process.argv.slice(2)): void {
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`rfm: unexpected error: ${String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
