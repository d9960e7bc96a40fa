#!/usr/bin/env node
/**
 * `rfm` command: runs the compiled CLI in lib/ (built from src/ by `npm install` through the `prepare` script, or by
 * `npm run build:cli`). Without lib/ it falls back to running the TypeScript sources through ts-node or tsx when
 * one of them is installed.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const compiled = path.join(root, "lib", "cli", "main.js");

function load() {
  if (fs.existsSync(compiled)) return require(compiled);
  const source = path.join(root, "src", "cli", "main.ts");
  try {
    require("ts-node").register({ transpileOnly: true, project: path.join(root, "tsconfig.cli.json") });
    return require(source);
  } catch {
    // not installed: try tsx
  }
  try {
    require("tsx/cjs");
    return require(source);
  } catch {
    // not installed either
  }
  return null;
}

const cli = load();
if (cli === null) {
  process.stderr.write("rfm: the command-line tool is not built yet: run npm install first (or npm run build:cli).\n");
  process.exitCode = 2;
} else {
  // A reader that stops early (`rfm data.csv --out - | head -1`) closes the pipe: that ends the run quietly, as
  // other command-line tools do, instead of a stack trace for the write that follows.
  process.stdout.on("error", (e) => {
    if (e && e.code === "EPIPE") process.exit(0);
    throw e;
  });
  cli.run(process.argv.slice(2));
}
