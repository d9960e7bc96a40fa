/**
 * `npm run validate`: offline structural check of manifest.xml (see script./manifest/manifest-check.js for what is
 * checked). URLs under https://localhost:3000/ must resolve to files in dist/ when a build exists, else to the
 * source files webpack emits them from. Exit 0 with a summary when valid, 1 with the list of problems.
 *
 * Usage: node scripts/validate-manifest.js [manifest.xml] [--dist DIR | --source] [--base URL]
 *   --dist DIR  resolve URLs in this build folder (default: dist/ when it exists)
 *   --source    resolve URLs to the source files even when dist/ exists
 *   --base URL  the URL prefix served from that folder (default: the folder of the DefaultSettings page, so
 *               both manifest.xml (https://localhost:3000/) and the production dist/manifest.xml just work)
 */
const path = require("path");
const { validateManifest } = require("./manifest/manifest-check");

function parseArgs(argv) {
  const options = { rootDir: path.resolve(__dirname, "..") };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--dist") options.distDir = path.resolve(argv[++i] || "dist");
    else if (arg === "--source") options.distDir = null;
    else if (arg === "--base") options.baseUrl = argv[++i];
    else if (arg === "--help" || arg === "-h") options.help = true;
    else if (arg.startsWith("-")) throw new Error(`unknown option ${arg} (try --help)`);
    else options.manifestPath = path.resolve(arg);
  }
  return options;
}

function main(argv) {
  let options;
  try {
    options = parseArgs(argv);
  } catch (e) {
    console.error(e.message);
    return 1;
  }
  if (options.help) {
    console.log("Usage: node scripts/validate-manifest.js [manifest.xml] [--dist DIR | --source] [--base URL]");
    return 0;
  }
  const result = validateManifest(options);
  if (result.ok) console.log(result.summary);
  else console.error(result.summary);
  for (const w of result.warnings) console.warn(`  warning: ${w}`);
  return result.ok ? 0 : 1;
}

module.exports = { validateManifest, main };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
