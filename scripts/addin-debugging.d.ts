/** Types for scripts/addin-debugging.js (what `npm start` / `npm stop` do on this machine). */
export type Plan = { kind: "run"; args: string[] } | { kind: "instructions" };
export function planFor(command: "start" | "stop", platform: string, args: string[]): Plan;
export function sideloadInstructions(command: "start" | "stop", platform: string): string;
export function debuggingCli(): string | null;
export function run(
  command: "start" | "stop",
  argv?: string[],
  platform?: string,
  log?: Pick<Console, "log" | "error">,
): number;
export const MANIFEST: string;
