/**
 * `npm run test:deploy`: the production build as a deployment would make it.
 *  1. `npm run build` without ADDIN_URL fails before building (exit 2, no stack trace), saying what to set.
 *  2. With ADDIN_URL set, the build writes a manifest whose every URL starts with ADDIN_URL (pages, icons,
 *     functions.js, functions.json, the support page), none is localhost or a placeholder host, and the built folder
 *     passes the offline manifest check (every URL resolves to a built file).
 * The build goes to a temporary folder, removed afterwards; dist/ is not touched. Exit 0 when all holds, else 1.
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { validateManifest } = require("./manifest/manifest-check");

const ROOT = path.resolve(__dirname, "..");
const ADDIN_URL = "https://addins.example.com/rfm/";

/** `npm run build` (scripts/build.js) with the given environment, into outDir instead of dist/. */
function build(env, outDir) {
  const childEnv = { ...process.env, ...env };
  if (!env.ADDIN_URL) delete childEnv.ADDIN_URL;
  return spawnSync(process.execPath, [path.join(__dirname, "build.js"), "--output-path", outDir], {
    cwd: ROOT,
    env: childEnv,
    encoding: "utf8",
  });
}

function fail(message) {
  console.error(`test:deploy failed: ${message}`);
  process.exit(1);
}

const out = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-deploy-"));
try {
  const refused = build({ ADDIN_URL: "" }, out);
  const said = `${refused.stdout}${refused.stderr}`;
  if (refused.status !== 2) fail(`the build without ADDIN_URL exited ${refused.status}, expected 2`);
  if (/\n\s+at /.test(said)) fail(`the build without ADDIN_URL printed a stack trace:\n${said}`);
  if (!said.includes("A production build needs ADDIN_URL")) fail(`unclear message without ADDIN_URL:\n${said}`);
  console.log("without ADDIN_URL: refused with the message to set it");

  const started = Date.now();
  const built = build({ ADDIN_URL }, out);
  if (built.status !== 0) fail(`the build with ADDIN_URL failed:\n${`${built.stdout}${built.stderr}`.slice(-3000)}`);
  const manifestPath = path.join(out, "manifest.xml");
  const xml = fs.readFileSync(manifestPath, "utf8");
  const urls = [...xml.matchAll(/https?:\/\/[^"<\s]+/g)].map((m) => m[0]).filter((u) => !u.includes("schemas."));
  const foreign = urls.filter((u) => !u.startsWith(ADDIN_URL) && !u.startsWith("http://www.w3.org/"));
  if (urls.length < 10) fail(`expected at least 10 add-in URLs in the manifest, found ${urls.length}`);
  if (foreign.length) fail(`URLs outside ${ADDIN_URL}: ${foreign.join(", ")}`);
  if (/localhost|contoso/i.test(xml)) fail("the built manifest still names localhost or contoso");
  const check = validateManifest({ rootDir: ROOT, manifestPath, distDir: out });
  if (!check.ok) fail(`the built manifest fails the offline check:\n  - ${check.problems.join("\n  - ")}`);
  console.log(
    `with ADDIN_URL=${ADDIN_URL}: built in ${((Date.now() - started) / 1000).toFixed(1)} s, ` +
      `${urls.length} URLs all under it, ${check.info.urlsResolved} resolved to built files, manifest valid`,
  );
} finally {
  fs.rmSync(out, { recursive: true, force: true });
}
