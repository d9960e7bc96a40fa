/**
 * `rfm --help` and `rfm --version` for the default command. Kept apart from commands/analyze.ts so that main.ts can
 * answer them after parsing the arguments alone, without loading the CSV and xlsx readers or the engine: these are
 * the calls a user makes to check the tool is installed, and they should cost little more than Node's own start.
 */
import * as fs from "fs";
import * as path from "path";
import { ANALYZE_COMMAND_LINE, helpText, type CliOptions } from "./args";
import { SUBCOMMANDS } from "./commandList";
import type { CliIO } from "./io";
import { REPO_ROOT } from "./repoRoot";

/** The version in package.json ("unknown" when it cannot be read). */
export function version(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version?: string };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** Prints the help or the version when the options ask for one and returns the exit status; else null. */
export function answerHelpOrVersion(o: CliOptions, io: CliIO): number | null {
  if (o.help) {
    io.stdout(helpText(ANALYZE_COMMAND_LINE, SUBCOMMANDS) + "\n");
    return 0;
  }
  if (o.version) {
    io.stdout(`rfm ${version()}\n`);
    return 0;
  }
  return null;
}
