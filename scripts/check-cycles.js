#!/usr/bin/env node
/**
 * `npm run lint` fails on an import cycle in the product code (src/), the simulation package and the demo, found by
 * madge. Type-only imports count: a cycle of types still ties two modules into one, and it is where a runtime cycle
 * starts. Lazy `import()` counts as well: a command may be loaded lazily, but it must not import back up the chain.
 *
 * The cycles that existed when the check was switched on are listed in eslint.config.mjs (CYCLE_EXCEPTIONS, which
 * must become empty); any other cycle fails. A listed cycle that is broken is reported, so that its entry is removed.
 *
 * Usage: node scripts/check-cycles.js
 */
const fs = require("fs");
const path = require("path");
const madge = require("madge");

const ROOT = path.resolve(__dirname, "..");
const FOLDERS = ["src", "packages", "demo"];

/** A cycle as one string that does not depend on where madge entered it: "a.ts > b.ts", smallest file first. */
function cycleKey(files) {
  const first = files.indexOf([...files].sort()[0]);
  return [...files.slice(first), ...files.slice(0, first)].join(" > ");
}

async function main() {
  const { CYCLE_EXCEPTIONS } = await import("../eslint.config.mjs");
  const allowed = new Set(CYCLE_EXCEPTIONS.map((c) => cycleKey(c.split(" > "))));
  const folders = FOLDERS.filter((f) => fs.existsSync(path.join(ROOT, f))).map((f) => path.join(ROOT, f));
  const graph = await madge(folders, {
    baseDir: ROOT,
    fileExtensions: ["ts", "tsx"],
    tsConfig: path.join(ROOT, "tsconfig.json"),
    excludeRegExp: [/(^|\/)node_modules\//, /\.d\.ts$/],
    detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
  });
  const found = graph.circular().map(cycleKey);
  const fresh = found.filter((c) => !allowed.has(c));
  // A listed cycle is gone when its files are all there but no longer import each other (one whose files moved is
  // not reported: it is listed under its new paths too).
  const present = (c) => c.split(" > ").every((f) => fs.existsSync(path.join(ROOT, f)));
  const gone = [...allowed].filter((c) => !found.includes(c) && present(c));
  for (const c of gone) console.log(`check-cycles: ${c} is gone: remove it from CYCLE_EXCEPTIONS in eslint.config.mjs`);
  if (fresh.length) {
    console.error(`check-cycles: ${fresh.length} import cycle(s), type-only imports included:`);
    for (const c of fresh) console.error(`  ${c}`);
    process.exit(1);
  }
  console.log(`check-cycles: no new import cycle in ${Object.keys(graph.obj()).length} modules.`);
}

main().catch((e) => {
  console.error(`check-cycles: ${e.stack || e.message}`);
  process.exit(1);
});
