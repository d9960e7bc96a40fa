/**
 * `npm ci` must work on a bare machine with Node and nothing else: no dependency may compile native code or download
 * a binary while installing. npm marks every package with an install script (or a binding.gyp) in the lock with
 * "hasInstallScript": true; the two allowed below are harmless offline:
 *  - core-js-pure: its postinstall only prints a message, and swallows its own errors;
 *  - @parcel/watcher (through jest-haste-map): its install script builds from source only when
 *    npm_config_build_from_source=true; otherwise the prebuilt optional platform package is used.
 * A new package with an install script fails here: find what pulls it in (`npm ls <name>`) and replace it, or add it
 * with the reason it is harmless on a machine without compilers, system libraries or internet.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const ALLOWED = new Set(["core-js-pure", "@parcel/watcher"]);
/** Peers left out on purpose: office-addin-dev-settings runs the toolkit CLI through `npx -p` only for Microsoft 365
 *  unified-manifest sideloading, which this add-in (an XML manifest) does not use; installing it brings keytar. */
const NOT_INSTALLED_PEERS = new Set(["@microsoft/m365agentstoolkit-cli"]);

interface LockPackage {
  hasInstallScript?: boolean;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as {
  packages: Record<string, LockPackage>;
};

/** "node_modules/a/node_modules/@b/c" → "@b/c" */
function packageName(key: string): string {
  const at = key.lastIndexOf("node_modules/");
  return at < 0 ? key : key.slice(at + "node_modules/".length);
}

describe("package-lock.json", () => {
  it("has no package with an install script but the two known harmless ones", () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([key, p]) => key !== "" && p.hasInstallScript)
      .map(([key]) => packageName(key));
    expect(withScripts.filter((name) => !ALLOWED.has(name))).toEqual([]);
  });

  it("does not hold the packages that broke a bare install (keytar, and the toolkit CLI that needs it)", () => {
    const names = new Set(Object.keys(lock.packages).map(packageName));
    for (const name of ["keytar", "@microsoft/m365agentstoolkit-cli", "@azure/msal-node-extensions", "node-gyp-build"])
      expect(names.has(name)).toBe(false);
  });

  it("satisfies every required peer dependency itself, since npm no longer adds peers (legacy-peer-deps)", () => {
    // A peer is found where Node would find it: in node_modules folders from the package's own up to the root.
    const unmet: string[] = [];
    for (const [key, p] of Object.entries(lock.packages)) {
      for (const peer of Object.keys(p.peerDependencies ?? {})) {
        if (p.peerDependenciesMeta?.[peer]?.optional || NOT_INSTALLED_PEERS.has(peer)) continue;
        let dir = key;
        let found = false;
        for (;;) {
          if (lock.packages[`${dir ? `${dir}/` : ""}node_modules/${peer}`]) {
            found = true;
            break;
          }
          const up = dir.lastIndexOf("/node_modules/");
          if (up < 0) break;
          dir = dir.slice(0, up);
        }
        if (!found && lock.packages[`node_modules/${peer}`] === undefined)
          unmet.push(`${packageName(key)} needs ${peer}`);
      }
    }
    expect(unmet).toEqual([]);
  });

  it("is resolved with legacy-peer-deps, as the project's .npmrc says (else npm would add those peers back)", () => {
    const npmrc = fs.readFileSync(path.join(ROOT, ".npmrc"), "utf8");
    expect(npmrc).toMatch(/^legacy-peer-deps=true$/m);
  });
});
