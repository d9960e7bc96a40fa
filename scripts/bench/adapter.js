/**
 * Bench section "Excel adapter (in-memory Excel simulation)": the ribbon button's whole flow (`runSegmentation`:
 * read the sheet in chunks, analyze, write the five result columns, the RFM Customers sheet with its value columns,
 * the RFM Summary sheet with its tables and charts, the output record) on the full Online Retail data, held as a
 * workbook holds it (InvoiceDate as Excel serial numbers), against the simulated Excel with Excel on the web's
 * limits (5 MB per request and response). Run twice on the same workbook: the first run, then a re-run that
 * fingerprints and replaces the first run's outputs.
 *
 * Figures per run: wall time; the time spent waiting in `context.sync()` (the simulated Excel's share); the rest,
 * which is the add-in's own time (reading into columns, the engine, building the writes); syncs (round trips);
 * the largest request and response; requests refused as too large (the adapter then halves the chunk and retries);
 * the modelled time with 50 ms and 200 ms of latency per sync (wall time + syncs × latency).
 *
 * The adapter runs compiled: scripts/bench/benchAdapter.ts (`benchAdapter`, with the src/office and src/rfm files it
 * imports and the excel-sim package, packages/excel-sim) is compiled with tsc into a temporary folder through a small
 * tsconfig written there (CommonJS, ES2020, the office-js types). The package is compiled from its sources (a `paths`
 * entry) and found at run time through a node_modules/excel-sim folder in the temporary folder that points at its
 * compiled index. When tsc reports type errors (a file being edited) the emitted JavaScript is measured with a note;
 * when nothing could be compiled the section is skipped with the reason.
 */
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

/** Compiles scripts/bench/benchAdapter.ts and what it imports to `dir`/out; returns the path of its .js, or null. */
function compileAdapter(root, dir, ctx) {
  const outDir = path.join(dir, "out");
  const tsconfig = {
    compilerOptions: {
      target: "ES2020",
      module: "commonjs",
      moduleResolution: "node",
      // DOM: office-js' declarations refer to DOM types; nothing here runs in a browser.
      lib: ["ES2020", "DOM"],
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      resolveJsonModule: true,
      rootDir: root,
      outDir,
      // The simulation from its sources (else tsc would take the package as a library from node_modules and not emit it).
      paths: { "excel-sim": [path.join(root, "packages", "excel-sim", "src", "index.ts")] },
      typeRoots: [path.join(root, "node_modules", "@types")],
      types: ["office-js", "node"],
    },
    files: [path.join(root, "scripts", "bench", "benchAdapter.ts")],
  };
  const config = path.join(dir, "tsconfig.json");
  fs.writeFileSync(config, JSON.stringify(tsconfig, null, 2));
  const entry = path.join(outDir, "scripts", "bench", "benchAdapter.js");
  // require("excel-sim") in the compiled files: this folder's package.json points at the compiled package.
  const sim = path.join(outDir, "node_modules", "excel-sim");
  fs.mkdirSync(sim, { recursive: true });
  fs.writeFileSync(
    path.join(sim, "package.json"),
    JSON.stringify({ name: "excel-sim", main: "../../packages/excel-sim/src/index.js" }),
  );
  let reason = null;
  const t = ctx.time(() => {
    try {
      execFileSync(process.execPath, [require.resolve("typescript/bin/tsc", { paths: [root] }), "-p", config], {
        cwd: root,
        stdio: "pipe",
      });
    } catch (e) {
      const out = String((e.stdout && e.stdout.length ? e.stdout : e.stderr) || e.message).trim();
      // tsc still emits JavaScript when it reports type errors; measure that if it is there.
      if (fs.existsSync(entry)) ctx.line("note", "tsc reported type errors; measuring what it emitted");
      else reason = out.split("\n").slice(0, 5).join("\n    ");
    }
  });
  ctx.line("compile src/office + excel-sim + src/rfm (tsc)", t.ms);
  if (reason !== null) {
    console.log(`  skipped: scripts/bench/benchAdapter.ts could not be compiled:\n    ${reason}`);
    return null;
  }
  return entry;
}

/** Per-sync latencies of the modelled times: a desktop-ish one and Excel on the web's. */
const LATENCIES_MS = [50, 200];

function mb(bytes) {
  return `${(bytes / 1e6).toFixed(2)} MB`;
}

function printRun(ctx, name, f) {
  ctx.line(`${name}: wall time`, f.elapsedMs);
  ctx.line(`  waiting in context.sync() (simulated Excel)`, f.syncMs);
  ctx.line(`  the add-in's own time (read, engine, writes)`, f.adapterMs);
  ctx.line(`  syncs (round trips)`, String(f.syncs));
  ctx.line(`  largest request`, mb(f.maxRequestBytes), {
    max: 4,
    label: "4 MB",
    value: f.maxRequestBytes / 1e6,
  });
  ctx.line(`  largest response`, mb(f.maxResponseBytes), {
    max: 4,
    label: "4 MB",
    value: f.maxResponseBytes / 1e6,
  });
  ctx.line(`  requests refused as too large`, String(f.failedSyncs));
  // Each sync is a round trip to Excel: on the web it costs tens to hundreds of ms, which the simulation does not
  // charge. Modelled: this run's time plus that latency per sync, so a regression in round trips shows.
  f.modelledMs = {};
  for (const latency of LATENCIES_MS) {
    f.modelledMs[latency] = f.elapsedMs + f.syncs * latency;
    ctx.line(`  modelled with ${latency} ms per sync`, f.modelledMs[latency]);
  }
}

async function run(ctx) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-bench-adapter-"));
  try {
    const entry = compileAdapter(ctx.root, dir, ctx);
    if (!entry) return;
    let benchAdapter;
    try {
      ({ benchAdapter } = require(entry));
    } catch (e) {
      console.log(`  skipped: the compiled adapter does not load: ${e && e.message ? e.message : e}`);
      return;
    }
    if (typeof benchAdapter !== "function") {
      console.log("  skipped: scripts/bench/benchAdapter.ts does not export benchAdapter");
      return;
    }
    const figures = await benchAdapter(ctx.table);
    ctx.line("rows on the sheet", figures.rows.toLocaleString("en-US"));
    ctx.line("customers", figures.first.customers.toLocaleString("en-US"));
    printRun(ctx, "first run", figures.first);
    printRun(ctx, "re-run", figures.rerun);
    ctx.figures.adapter = figures;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { run };
