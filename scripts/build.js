/**
 * `npm run build`: the production build of the add-in into dist/, for hosting at ADDIN_URL (README, Deploy).
 * Checks ADDIN_URL first, so that a missing or unusable address gets a plain message (exit 2) instead of a webpack
 * stack trace; webpack.config.js checks it again for direct webpack calls. Extra arguments go to webpack.
 */
const { spawnSync } = require("child_process");
const path = require("path");
const { resolveAddinUrl } = require("./addin-url");

const ROOT = path.resolve(__dirname, "..");

function main(argv) {
  let url;
  try {
    url = resolveAddinUrl(process.env.ADDIN_URL);
  } catch (e) {
    console.error(e.message);
    return 2;
  }
  console.log(`Building the add-in for ${url} into ${argv.includes("--output-path") ? "the given folder" : "dist/"} …`);
  const cli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
  const r = spawnSync(process.execPath, [cli, "--mode", "production", ...argv], { cwd: ROOT, stdio: "inherit" });
  if (r.status === 0)
    console.log(`Done. Host the contents of dist/ at ${url}, then deploy dist/manifest.xml (README, Deploy).`);
  return r.status === null ? 1 : r.status;
}

process.exitCode = main(process.argv.slice(2));
