import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { UsageError } from "../../src/cli/args";
import { assertNotAnInput, writeOutputFile } from "../../src/cli/outputFile";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-out-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text = "original"): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

describe("--out never destroys an input", () => {
  test("same path, another spelling, a symlink and a hard link are all refused; the input is untouched", () => {
    const input = file("v.csv");
    const spellings = [input, path.join(dir, ".", "sub", "..", "v.csv"), path.relative(process.cwd(), input)];
    fs.mkdirSync(path.join(dir, "sub"));
    fs.symlinkSync(input, path.join(dir, "link.csv"));
    fs.linkSync(input, path.join(dir, "hard.csv"));
    spellings.push(path.join(dir, "link.csv"), path.join(dir, "hard.csv"));
    for (const out of spellings) {
      expect(() => writeOutputFile(out, "customers", [input])).toThrow(UsageError);
      expect(() => writeOutputFile(out, "customers", [input])).toThrow(/is the input file/);
    }
    expect(fs.readFileSync(input, "utf8")).toBe("original");
    expect(fs.lstatSync(path.join(dir, "link.csv")).isSymbolicLink()).toBe(true);
  });

  test("an output that is a different file is fine", () => {
    const input = file("v.csv");
    expect(() => assertNotAnInput(path.join(dir, "out.csv"), [input, undefined])).not.toThrow();
  });
});

describe("what --out names is written the way its kind needs", () => {
  test("a regular file is replaced and keeps its permission bits", () => {
    const out = file("private.csv");
    fs.chmodSync(out, 0o600);
    writeOutputFile(out, "new");
    expect(fs.readFileSync(out, "utf8")).toBe("new");
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(["private.csv"]);
  });

  test("a read-only file is refused, even for root", () => {
    const out = file("ro.csv");
    fs.chmodSync(out, 0o444);
    expect(() => writeOutputFile(out, "new")).toThrow(/read-only/);
    expect(fs.readFileSync(out, "utf8")).toBe("original");
  });

  test("a symbolic link's target is written and the link kept", () => {
    const target = file("target.csv");
    const link = path.join(dir, "link.csv");
    fs.symlinkSync(target, link);
    writeOutputFile(link, "new");
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, "utf8")).toBe("new");
  });

  test("/dev/null stays a device", () => {
    writeOutputFile("/dev/null", "discarded");
    expect(fs.statSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  test("a folder and a missing folder are refused", () => {
    expect(() => writeOutputFile(dir, "x")).toThrow(/is a folder/);
    expect(() => writeOutputFile(path.join(dir, "nope", "x.csv"), "x")).toThrow(/does not exist/);
  });

  test("property: whatever the output path, no file but the output changes", () => {
    const names = ["a.csv", "b.csv", "c.csv"];
    fc.assert(
      fc.property(fc.constantFrom(...names, "new.csv", "sub/../a.csv", "./b.csv"), fc.string(), (out, text) => {
        for (const n of names) fs.writeFileSync(path.join(dir, n), "keep " + n);
        fs.mkdirSync(path.join(dir, "sub"), { recursive: true });
        const inputs = [path.join(dir, "a.csv"), path.join(dir, "b.csv")];
        try {
          writeOutputFile(path.join(dir, out), text, inputs);
        } catch (e) {
          expect(e).toBeInstanceOf(UsageError);
        }
        const written = path.resolve(dir, out);
        for (const n of names) {
          const p = path.join(dir, n);
          if (p !== written || inputs.includes(p)) expect(fs.readFileSync(p, "utf8")).toBe("keep " + n);
        }
        for (const n of fs.readdirSync(dir)) expect(n.endsWith(".tmp")).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});
