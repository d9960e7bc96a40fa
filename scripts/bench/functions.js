/**
 * Bench section "Custom functions (RFM.TABLE)": `=RFM.TABLE(customers, invoices, dates, quantities, prices)` over the
 * full Online Retail columns, called the way Excel calls it: five N×1 ranges (an array per row), empty cells as "",
 * InvoiceDate as Excel serial numbers (what a date cell holds; the CSV's `YYYY-MM-DD HH:MM:SS` text converted from
 * the calendar here). The figure is the engine time of the call (arguments checked, analysis, spilled table built,
 * per-cell errors converted): the first call, then the median of warm calls, printed with its target.
 *
 * The functions code runs compiled, as Excel runs the bundle: src/functions (with the src/rfm it imports) is compiled
 * with tsc into a temporary folder through a small tsconfig written there (CommonJS, ES2020, the custom-functions
 * runtime types). Node has no `CustomFunctions` global; src/functions/runtime.ts installs its stand-in when
 * functions.js loads, so its `Error` and `ErrorCode` are what the call uses.
 *
 * Also printed: the spilled table's size and its JSON size (Excel limits custom-function payloads to 5 MB).
 */
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const DAY_MS = 86400000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** `YYYY-MM-DD HH:MM:SS` → Excel serial (days since 1899-12-30, 1900 date system), from the calendar. */
function serialOf(text) {
  const m = DATE_TIME.exec(text);
  if (!m) throw new Error(`bench functions: unexpected date text ${JSON.stringify(text)}`);
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = m;
  return (Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) - EXCEL_EPOCH) / DAY_MS;
}

/** Compiles src/functions/functions.ts (and what it imports) to `outDir`; returns the path of functions.js. */
function compileFunctions(root, dir, ctx) {
  const outDir = path.join(dir, "out");
  const tsconfig = {
    compilerOptions: {
      target: "ES2020",
      module: "commonjs",
      moduleResolution: "node",
      lib: ["ES2020"],
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      rootDir: path.join(root, "src"),
      outDir,
      typeRoots: [path.join(root, "node_modules", "@types")],
      types: ["custom-functions-runtime"],
    },
    files: [path.join(root, "src", "functions", "functions.ts")],
  };
  const config = path.join(dir, "tsconfig.json");
  fs.writeFileSync(config, JSON.stringify(tsconfig, null, 2));
  const entry = path.join(outDir, "functions", "functions.js");
  const t = ctx.time(() => {
    try {
      execFileSync(process.execPath, [require.resolve("typescript/bin/tsc", { paths: [root] }), "-p", config], {
        cwd: root,
        stdio: "pipe",
      });
    } catch (e) {
      // tsc still emits JavaScript when it reports type errors (a file being edited); measure that if it is there.
      if (!fs.existsSync(entry)) throw new Error(`tsc failed on src/functions: ${String(e.stdout || e.message)}`);
      ctx.line("note", "tsc reported type errors; measuring what it emitted");
    }
  });
  ctx.line("compile src/functions + src/rfm (tsc)", t.ms);
  return entry;
}

/** The five argument ranges, N×1 as Excel passes them. */
function excelRanges(table) {
  const col = (name) => {
    const i = table.headers.indexOf(name);
    if (i < 0) throw new Error(`bench functions: the data has no ${name} column`);
    return table.columns[i];
  };
  const asRange = (cells, map) => {
    const out = new Array(cells.length);
    for (let i = 0; i < cells.length; i++) out[i] = [map ? map(cells[i]) : cells[i]];
    return out;
  };
  // Dates repeat for every line of an invoice: convert each distinct text once.
  const serials = new Map();
  const toSerial = (v) => {
    if (v === "" || v === null || v === undefined) return "";
    let s = serials.get(v);
    if (s === undefined) serials.set(v, (s = serialOf(v)));
    return s;
  };
  return {
    customers: asRange(col("CustomerID")),
    invoices: asRange(col("InvoiceNo")),
    dates: asRange(col("InvoiceDate"), toSerial),
    quantities: asRange(col("Quantity")),
    prices: asRange(col("UnitPrice")),
  };
}

async function run(ctx) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-bench-functions-"));
  try {
    const entry = compileFunctions(ctx.root, dir, ctx);
    const { table } = require(entry); // installs the CustomFunctions stand-in (runtime.ts)
    const r = excelRanges(ctx.table);
    const call = () => table(r.customers, r.invoices, r.dates, r.quantities, r.prices);

    const first = ctx.time(call);
    const spill = first.value;
    if (!Array.isArray(spill) || spill.length < 2) throw new Error("RFM.TABLE returned no customer rows");
    const errors = spill.reduce((n, row) => n + row.filter((v) => v !== null && typeof v === "object").length, 0);
    if (errors > 0) throw new Error(`RFM.TABLE returned ${errors} error cells`);
    ctx.line("arguments", `5 × ${r.customers.length.toLocaleString("en-US")}×1, dates as serials`);
    ctx.line("RFM.TABLE engine time, first call", first.ms);
    const warm = ctx.median(call);
    ctx.line(`RFM.TABLE engine time, median of ${warm.times.length}`, warm.ms, { max: 1000, label: "1 s" });
    const bytes = Buffer.byteLength(JSON.stringify(spill));
    ctx.line("spilled table", `${spill.length.toLocaleString("en-US")} × ${spill[0].length}`);
    ctx.line("spilled table as JSON", `${(bytes / 1e6).toFixed(2)} MB`, { max: 5, label: "5 MB", value: bytes / 1e6 });
    ctx.figures.functions = {
      tableFirstMs: first.ms,
      tableMedianMs: warm.ms,
      rows: spill.length,
      columns: spill[0].length,
      jsonBytes: bytes,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { run };
