/**
 * `npm run bench` is not part of the test run (it takes minutes and its figures are not assertions), so a rename in
 * the engine could break it unnoticed. Every name the bench scripts take from the compiled modules
 * (`lib("rfm")`, `ctx.lib("cli/dataFiles")` ...) must be exported by the module's source.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const files = [path.join(ROOT, "scripts", "bench.js")].concat(
  fs
    .readdirSync(path.join(ROOT, "scripts", "bench"))
    .filter((f) => f.endsWith(".js"))
    .map((f) => path.join(ROOT, "scripts", "bench", f)),
);

/** Every `const { a, b } = lib("x")` / `ctx.lib("x")` of a script: the module and the names taken from it. */
function imports(file: string): { module: string; names: string[] }[] {
  const text = fs.readFileSync(file, "utf8");
  return [...text.matchAll(/const\s*\{([^}]+)\}\s*=\s*(?:ctx\.)?lib\("([^"]+)"\)/g)].map((m) => ({
    module: m[2],
    names: m[1]
      .split(",")
      .map((n) => n.trim().split(":")[0].trim())
      .filter(Boolean),
  }));
}

test("the bench scripts take names from the compiled modules", () => {
  const all = files.flatMap((f) => imports(f).map((i) => ({ ...i, file: path.relative(ROOT, f) })));
  // The main script takes the parser and the engine; the prediction section the models.
  expect(all.map((i) => i.module)).toEqual(expect.arrayContaining(["rfm", "cli/csv", "rfm/predict"]));
  for (const { file, module, names } of all) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(path.join(ROOT, "src", module)) as Record<string, unknown>;
    const missing = names.filter((n) => exported[n] === undefined);
    expect({ file, module, missing }).toEqual({ file, module, missing: [] });
  }
});
