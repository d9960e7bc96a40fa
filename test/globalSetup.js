/**
 * Jest global set-up: compiles the CLI to lib/ once, before any suite starts. Suites run two at a time, and a suite
 * compiling lib/ while another spawns bin/rfm.js from it could read a half-written file; `buildCli()` in the
 * suites is then a no-op (RFM_CLI_BUILT is inherited by the workers).
 */
"use strict";
const { execFileSync } = require("child_process");
const path = require("path");

module.exports = async function globalSetup() {
  const root = path.join(__dirname, "..");
  try {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.cli.json"], {
      cwd: root,
      stdio: "pipe",
    });
  } catch {
    // tsc still emits JavaScript when other files have type errors (the typecheck reports them)
  }
  process.env.RFM_CLI_BUILT = "1";
};
