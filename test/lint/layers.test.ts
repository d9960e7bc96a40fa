/**
 * The layer rules of eslint.config.mjs (README, Architecture) fire where they should and nowhere else: linted on
 * imports written into files that do not exist, at the places of the layers.
 */
import { spawnSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

/** Lints each [file, code] with the project's config in one child process (the config is an ES module, which Jest's
 *  module loader does not import) and returns the messages of the layer rules, as "line: message". */
function lintAll(probes: [string, string][]): string[][] {
  const script = `
    const { ESLint } = require("eslint");
    const probes = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const eslint = new ESLint({ cwd: process.cwd() });
    Promise.all(probes.map(([file, code]) => eslint.lintText(code, { filePath: file }))).then((results) =>
      process.stdout.write(JSON.stringify(results.map(([r]) => r.messages))));`;
  const out = spawnSync(process.execPath, ["-e", script], {
    cwd: ROOT,
    input: JSON.stringify(probes.map(([file, code]) => [path.join(ROOT, file), code])),
    encoding: "utf8",
  });
  if (out.status !== 0) throw new Error(out.stderr);
  const results = JSON.parse(out.stdout) as { ruleId: string | null; line: number; message: string }[][];
  return results.map((messages) =>
    messages
      .filter((m) => /^(no-restricted-(imports|syntax|globals)|max-lines-per-function)$/.test(m.ruleId ?? ""))
      .map(
        (m) => `${m.line}: ${m.message.replace(/^'[^']*' import is restricted from being used by a pattern\. /, "")}`,
      ),
  );
}

const ENGINE = [
  'import "./types";',
  'import "../cli/main";',
  'import React from "react";',
  'import type { ExcelHost } from "../excel-sim";',
  "export const title = document.title;",
  "export let range: Excel.Range | undefined;",
  'export const lazy = () => import("../office/run");',
  "export { React, type ExcelHost };",
].join("\n");
const DOOR = [
  'import "../rfm";',
  'import "../rfm/index";',
  'import "../rfm/sql";',
  'import type { Scheme } from "../rfm/types";',
  'import "../rfm/sql/generate";',
  'import type { DateOrder } from "../rfm/dates";',
  'export * from "../rfm/columns";',
  'export const lazy = () => import("../rfm/analyze");',
  'import "excel-sim/address";',
  'import "../../packages/excel-sim";',
  "export type { Scheme, DateOrder };",
].join("\n");

/** A function of `lines` lines, one of them a nested function. */
const longFunction = (lines: number) =>
  [
    "export function long(): number {",
    "  const inner = () => 1;",
    ...Array(lines - 4).fill("  inner();"),
    "  return 0;",
    "}",
  ].join("\n");

const [engine, engineDeeper, door, doorDeeper, test, long100, long101] = lintAll([
  ["src/rfm/probe.ts", ENGINE],
  ["src/rfm/sql/probe.ts", 'import "../types";\nimport "../../cli/x";'],
  ["src/office/probe.ts", DOOR],
  ["src/cli/commands/probe.ts", 'import "../../rfm/predict";\nimport "../../rfm/score";'],
  ["test/rfm/probe.test.ts", 'import "../../src/rfm/score";\nimport "excel-sim";'],
  ["src/office/probe.ts", longFunction(100)],
  ["src/office/probe.ts", longFunction(101)],
]);
const DOOR_RULE = "A door imports the engine only through its entry points";

describe("layer rules", () => {
  it("keep the engine to itself: no other folder, no UI or Office, no DOM or Office globals", () => {
    expect(engine).toEqual([
      "2: The engine (src/rfm) imports nothing else of the project.",
      "3: The engine runs anywhere: no React, Fluent UI or Office imports.",
      "4: The engine (src/rfm) imports nothing else of the project.",
      "4: src/ must not import the simulation; tests, the demo and the bench may.",
      "5: Unexpected use of 'document'. The engine (src/rfm) uses no Office or DOM globals.",
      "6: The engine (src/rfm) uses no Office types.",
      "7: The engine (src/rfm) imports nothing else of the project.",
    ]);
    expect(engineDeeper).toEqual(["2: The engine (src/rfm) imports nothing else of the project."]);
  });

  it("let a door reach the engine through its entry points only, and never the simulation", () => {
    expect(door).toEqual([
      expect.stringMatching(`^5: ${DOOR_RULE}`),
      expect.stringMatching(`^6: ${DOOR_RULE}`),
      expect.stringMatching(`^7: ${DOOR_RULE}`),
      expect.stringMatching(`^8: ${DOOR_RULE}`),
      "9: src/ must not import the simulation; tests, the demo and the bench may.",
      "10: src/ must not import the simulation; tests, the demo and the bench may.",
      "10: src/ imports nothing outside src/ but npm packages.",
    ]);
    expect(doorDeeper).toEqual([expect.stringMatching(`^2: ${DOOR_RULE}`)]);
  });

  it("leave tests free to import the engine's internals and the simulation", () => {
    expect(test).toEqual([]);
  });

  it("allow no function over 100 lines in src/, nested functions included", () => {
    expect(long100).toEqual([]);
    expect(long101).toEqual(["1: Function 'long' has too many lines (101). Maximum allowed is 100."]);
  });
});
