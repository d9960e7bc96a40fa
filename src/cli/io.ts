/**
 * Where a command writes: standard output and standard error, or (in tests) strings. Every command takes a CliIO
 * instead of writing to `process` itself.
 */

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIO: CliIO = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
};

/** A sub-command: gets the arguments after its name, returns the exit status (throw UsageError for bad input). */
export type CommandHandler = (argv: string[], io: CliIO) => Promise<number>;
