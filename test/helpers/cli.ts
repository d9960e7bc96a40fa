/**
 * Running the `rfm` command in tests, two ways:
 * - `spawnRfm`: the real entry (bin/rfm.js running lib/, compiled from src/ by `buildCli` first, as `npm install`
 *   does), for exit codes, pipes and what a user's shell sees;
 * - `runMain`: `main()` in this process with captured output, for everything else (fast, and the coverage counts).
 */
import { execFileSync, spawnSync } from "child_process";
import * as path from "path";
import { main } from "../../src/cli/main";

export const ROOT = path.resolve(__dirname, "../..");
export const BIN = path.join(ROOT, "bin", "rfm.js");

/** What a spawned command left behind. */
export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Compiles the CLI to lib/ (the prepare script's step); type errors elsewhere are the typecheck's business. */
export function buildCli(): void {
  // Already compiled by Jest's global set-up (test/globalSetup.js), before any suite could be running lib/.
  if (process.env.RFM_CLI_BUILT === "1") return;
  try {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.cli.json"], {
      cwd: ROOT,
      stdio: "pipe",
    });
  } catch {
    // tsc still emits JavaScript when other files have type errors
  }
}

/** Spawns `node bin/rfm.js ...args` in the repository root. */
export function spawnRfm(...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `main(argv)` in this process; returns the exit code and what it wrote. */
export async function runMain(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}
