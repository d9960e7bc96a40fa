/**
 * Bench section "CSV against DuckDB": the CLI and DuckDB (from devDependencies, embedded through @duckdb/node-api,
 * the result written to a CSV file with COPY) on the same CSV files, whole processes under /usr/bin/time, paired
 * runs (CLI, DuckDB, CLI in one thread, ... interleaved so that a change in the machine's load falls on all),
 * medians of wall time and peak RSS. DuckDB runs two queries: the yardstick, a plain RFM query as an analyst would
 * write it (GROUP BY customer, ntile scores; none of the engine's id and cleaning rules), and the query
 * `rfm sql --dialect duckdb` generates (the engine's rules in SQL: its regular expressions for ids cost DuckDB most
 * of its time). Printed as ratios DuckDB/CLI (above 1: the CLI is faster) against the plain query. Targets: >= 1.25
 * on the Online Retail file, >= 1.1 on 5,000,000 rows, and peak RSS <= 250 MB at 5,000,000 rows with and without
 * --stream.
 *
 * Files: the real Online Retail CSV, and 5,000,000 rows made from it (bigCsv.js: ids shifted per copy) in a
 * temporary folder, deleted afterwards. The CLI reads a file from 128 MiB on in parallel; the smaller file is also
 * run with RFM_PARALLEL_MIN_BYTES=0 (parallel) and the large one with RFM_WORKERS=0 (one thread), to show both ways.
 * On the large file the CLI's segments are compared with DuckDB's, customer for customer.
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { measure, median } = require("./measure");
const { writeBigCsv } = require("./bigCsv");

const DUCKDB_RUN = `
const fs = require("fs");
const { DuckDBInstance } = require(process.argv[1]);
(async () => {
  const sql = fs.readFileSync(process.argv[2], "utf8").trim().replace(/;$/, "");
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  await con.run("COPY (" + sql + ") TO '" + process.argv[3].replace(/'/g, "''") + "' (HEADER)");
})().catch((e) => { process.stderr.write(String(e && e.message) + "\\n"); process.exit(1); });
`;

/** The plain RFM query on `file` (Online Retail's column names). */
function plainQuery(file) {
  return `WITH t AS (
  SELECT CustomerID AS id, InvoiceNo AS inv, InvoiceDate AS ts, Quantity * UnitPrice AS money
  FROM read_csv('${file.replace(/'/g, "''")}')
  WHERE CustomerID IS NOT NULL AND NOT starts_with(CAST(InvoiceNo AS VARCHAR), 'C') AND UnitPrice > 0
),
c AS (SELECT id, max(ts) AS last, count(DISTINCT inv) AS f, sum(money) AS m FROM t GROUP BY id),
s AS (SELECT max(ts) + INTERVAL 1 DAY AS snap FROM t)
SELECT id AS CustomerID, date_diff('day', last, snap) AS recency, f AS frequency, m AS monetary,
  ntile(5) OVER (ORDER BY date_diff('day', last, snap) DESC) AS r,
  ntile(5) OVER (ORDER BY f) AS fs, ntile(5) OVER (ORDER BY m) AS ms
FROM c, s ORDER BY id`;
}

/** CustomerID → Segment from a customers CSV whose header names both (any case, either spelling). */
function segments(file) {
  const lines = fs.readFileSync(file, "utf8").trim().split(/\r?\n/);
  const head = lines[0].split(",").map((h) => h.toLowerCase().replace(/_/g, ""));
  const id = head.indexOf("customerid");
  const seg = head.indexOf("segment");
  const out = new Map();
  for (const l of lines.slice(1)) {
    const f = l.split(",");
    out.set(f[id].replace(/^"|"$/g, ""), f[seg].replace(/^"|"$/g, ""));
  }
  return out;
}

async function run(ctx) {
  if (!fs.existsSync("/usr/bin/time")) {
    console.log("  skipped: needs /usr/bin/time (GNU time) for peak RSS");
    return;
  }
  let duckdb;
  try {
    duckdb = require.resolve("@duckdb/node-api", { paths: [ctx.root] });
  } catch {
    console.log("  skipped: @duckdb/node-api is not installed (npm install with devDependencies)");
    return;
  }
  const { sharedDataFile } = ctx.lib("cli/dataFiles");
  const real = sharedDataFile("online_retail.csv");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-bench-duckdb-"));
  try {
    let small = real;
    if (!small) {
      small = path.join(tmp, "online_retail.csv");
      fs.writeFileSync(small, require("zlib").gunzipSync(fs.readFileSync(ctx.dataFile)));
    }
    const big = path.join(tmp, "retail-5M.csv");
    const t = ctx.time(() => writeBigCsv(small, big, 5_000_000));
    ctx.line("5,000,000 rows from the real data: written in", t.ms);
    const bin = path.join(ctx.root, "bin", "rfm.js");
    const figures = {};
    for (const [name, file, runs, target] of [
      ["Online Retail CSV", small, 5, 1.25],
      ["5,000,000 rows", big, 3, 1.1],
    ]) {
      const size = fs.statSync(file).size;
      const sql = path.join(tmp, "rfm.sql");
      measure([process.execPath, bin, "sql", file, "--dialect", "duckdb", "--out", sql], ctx.root);
      const plainSql = path.join(tmp, "plain.sql");
      fs.writeFileSync(plainSql, plainQuery(file));
      const out = (k) => path.join(tmp, `${k}.csv`);
      const env = (vars, args) => ["env", ...vars, ...args];
      const ways = {
        cli: [process.execPath, bin, file, "--quiet", "--out", out("cli")],
        duckdb: [process.execPath, "-e", DUCKDB_RUN, duckdb, plainSql, out("plain")],
        duckdbRules: [process.execPath, "-e", DUCKDB_RUN, duckdb, sql, out("duckdb")],
      };
      if (size >= 128 * 1024 * 1024) {
        ways.oneThread = env(["RFM_WORKERS=0"], ways.cli);
        ways.stream = [...ways.cli, "--stream"];
      } else ways.parallel = env(["RFM_PARALLEL_MIN_BYTES=0"], ways.cli);
      const got = Object.fromEntries(Object.keys(ways).map((k) => [k, []]));
      for (let i = 0; i < runs; i++) for (const k of Object.keys(ways)) got[k].push(measure(ways[k], ctx.root));
      const med = (k, key) => median(got[k].map((r) => r[key]));
      console.log(`  ${name} (${(size / 1e6).toFixed(0)} MB), median of ${runs} paired runs:`);
      const labels = {
        cli: "rfm FILE (as README shows it)",
        oneThread: "rfm FILE, RFM_WORKERS=0 (one thread)",
        stream: "rfm FILE --stream",
        parallel: "rfm FILE, RFM_PARALLEL_MIN_BYTES=0 (parallel)",
        duckdb: "DuckDB, plain RFM query (the yardstick)",
        duckdbRules: "DuckDB, the query rfm sql generates",
      };
      for (const k of Object.keys(ways)) {
        ctx.line(`  ${labels[k]}: wall`, med(k, "wallMs"));
        const rss = med(k, "rssMB");
        const rssTarget = size >= 128 * 1024 * 1024 && (k === "cli" || k === "stream");
        ctx.line(
          "    peak RSS",
          `${rss.toFixed(0)} MB`,
          rssTarget ? { max: 250, label: "250 MB", value: rss } : undefined,
        );
      }
      const ratio = med("duckdb", "wallMs") / med("cli", "wallMs");
      const mark = ratio >= target ? "ok" : "UNDER";
      console.log(
        `  ${"  DuckDB/CLI, wall".padEnd(44)} ${ratio.toFixed(2).padStart(10)}  (target ≥ ${target}: ${mark})`,
      );
      for (const k of Object.keys(ways)) {
        if (k === "cli" || k === "duckdb") continue;
        if (k === "duckdbRules") {
          const r = med(k, "wallMs") / med("cli", "wallMs");
          console.log(`  ${"  DuckDB (rfm sql's query)/CLI".padEnd(44)} ${r.toFixed(2).padStart(10)}`);
          continue;
        }
        const r = med("duckdb", "wallMs") / med(k, "wallMs");
        console.log(
          `  ${`  DuckDB/CLI, ${labels[k].replace(/^rfm FILE,? ?/, "") || k}`.padEnd(44)} ${r.toFixed(2).padStart(10)}`,
        );
      }
      if (file === big) {
        const ours = segments(out("cli"));
        const theirs = segments(out("duckdb"));
        let same = 0;
        for (const [id, seg] of ours) if (theirs.get(id) === seg) same++;
        ctx.line("  customers with DuckDB's segment", `${same} of ${ours.size} (DuckDB: ${theirs.size})`);
      }
      figures[name] = Object.fromEntries(
        Object.keys(ways).map((k) => [k, { wallMs: med(k, "wallMs"), rssMB: med(k, "rssMB") }]),
      );
      figures[name].ratio = ratio;
    }
    ctx.figures.duckdb = figures;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

module.exports = { run };
