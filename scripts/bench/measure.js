/**
 * What the bench sections share for whole-process figures: `measure` runs a command under /usr/bin/time (CPU time,
 * wall time, peak RSS), `median` summarises repeated runs.
 */
"use strict";
const { spawnSync } = require("child_process");

/** Runs a command under /usr/bin/time: { cpuMs, wallMs, rssMB, stdout }. */
function measure(args, cwd) {
  const t = process.hrtime.bigint();
  const r = spawnSync("/usr/bin/time", ["-f", "bench-time %U %S %M", ...args], { cwd, encoding: "utf8" });
  const wallMs = Number(process.hrtime.bigint() - t) / 1e6;
  const m = /bench-time ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${args.join(" ")} failed (${r.status}): ${r.stderr.slice(0, 300)}`);
  return {
    cpuMs: (Number(m[1]) + Number(m[2])) * 1000,
    wallMs,
    rssMB: Number(m[3]) / 1024,
    stdout: r.stdout,
    stderr: r.stderr,
  };
}

/** The median of xs (the mean of the middle two for an even count). */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

module.exports = { measure, median };
