/**
 * The CLI's layers, one way: main.ts → commands/* → the shared modules of src/cli. Nothing imports main.ts, no shared
 * module imports a command, and a command imports no other command (type-only and lazy imports included).
 */
import * as fs from "fs";
import * as path from "path";

const CLI = path.resolve(__dirname, "../../src/cli");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith(".ts") ? [p] : [];
  });
}

/** The project files a source imports (static, type-only, re-exports and dynamic import()). */
function imports(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["'](\.[^"']+)["']/g)].map((m) => m[1]);
  return specs.map((s) => path.resolve(path.dirname(file), s) + ".ts");
}

const files = sources(CLI);
const rel = (f: string): string => path.relative(CLI, f);
const isCommand = (f: string): boolean => rel(f).startsWith("commands" + path.sep);

test("there are commands and shared modules to check", () => {
  expect(files.filter(isCommand).map(rel).sort()).toEqual(
    ["analyze.ts", "predict.ts", "sql.ts"].map((n) => path.join("commands", n)),
  );
});

test.each(files.map((f) => [rel(f), f]))("%s imports only down the chain", (_name, file) => {
  const inside = imports(file).filter((f) => f.startsWith(CLI + path.sep));
  for (const target of inside) {
    expect(rel(target)).not.toBe("main.ts");
    if (rel(file) !== "main.ts") expect(isCommand(target)).toBe(false);
  }
});
