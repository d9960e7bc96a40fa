/**
 * The sub-commands `rfm NAME ...` (besides the default analysis), for `--help` and dispatch. main.ts maps each name
 * to its module under commands/; the type keeps the two lists the same.
 */
export const SUBCOMMANDS = ["sql", "predict"] as const;

export type SubcommandName = (typeof SUBCOMMANDS)[number];
