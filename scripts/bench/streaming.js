/**
 * Bench section "Streaming a large CSV": rows per second and peak memory of the streaming analysis
 * (lib/cli/stream.js, the code behind `rfm FILE --stream`) on a generated file much larger than the real data.
 *
 * Which file: the 10-million-row file from `node scripts/gen-big-csv.js` (default path
 * <temp>/rfm-big-10000000.csv, or the path in RFM_BENCH_BIG_CSV) when it exists; otherwise, to keep the bench quick,
 * a 2,000,000-row file is generated into a temporary folder for this run and deleted afterwards. The section says
 * which one it used.
 *
 * The analysis runs in a child process so that its peak RSS (process.resourceUsage().maxRSS) is its own, not the
 * bench's (which holds the parsed real data).
 */
"use strict";
const { execFileSync, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const CHILD = `
const { analyzeCsvStream } = require(process.argv[1]);
const t = process.hrtime.bigint();
analyzeCsvStream(process.argv[2], {}).then((run) => {
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  process.stdout.write(JSON.stringify({
    ms, rows: run.result.rowsRead, customers: run.result.customers.length, bytes: run.bytes, batches: run.batches,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }));
}, (e) => { process.stderr.write(String(e && e.message)); process.exit(1); });
`;

async function run(ctx) {
  const big = process.env.RFM_BENCH_BIG_CSV || path.join(os.tmpdir(), "rfm-big-10000000.csv");
  let file = big;
  let tmp = null;
  if (!fs.existsSync(big)) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-bench-stream-"));
    file = path.join(tmp, "big-2M.csv");
    const t = ctx.time(() =>
      execFileSync(
        process.execPath,
        [path.join(ctx.root, "scripts", "gen-big-csv.js"), "--rows", "2000000", "--out", file],
        {
          stdio: "pipe",
        },
      ),
    );
    ctx.line("file", `generated 2M rows (no 10M file at ${big})`);
    ctx.line("  generation time", t.ms);
  } else {
    ctx.line("file", path.basename(big));
  }
  try {
    const size = fs.statSync(file).size;
    const r = spawnSync(process.execPath, ["-e", CHILD, path.join(ctx.root, "lib", "cli", "stream.js"), file], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    if (r.status !== 0) throw new Error(`streaming run failed: ${r.stderr}`);
    const s = JSON.parse(r.stdout);
    ctx.line("size", `${(size / 1e6).toFixed(0)} MB`);
    ctx.line("rows", s.rows.toLocaleString("en-US"));
    ctx.line("customers", s.customers.toLocaleString("en-US"));
    ctx.line("wall time (parse + clean + aggregate + score)", s.ms);
    ctx.line("rows per second", `${Math.round(s.rows / (s.ms / 1000)).toLocaleString("en-US")}`);
    ctx.line("MB per second", `${(size / 1e6 / (s.ms / 1000)).toFixed(0)}`);
    ctx.line("peak RSS (process.resourceUsage)", `${s.maxRssMB.toFixed(0)} MB`);
    ctx.figures.streaming = { file: path.basename(file), bytes: size, ...s };
  } finally {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

module.exports = { run };
