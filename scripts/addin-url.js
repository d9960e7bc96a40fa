/**
 * The address a production build serves the add-in from (`ADDIN_URL=https://host/path/ npm run build`).
 *
 * manifest.xml names every add-in file under the dev server's address (https://localhost:3000/). A production build
 * rewrites that prefix to ADDIN_URL, so every page, icon, script and the support page in dist/manifest.xml points
 * at the deployed copy of dist/. Office only loads add-in pages over HTTPS, and a manifest left pointing at
 * localhost or at a placeholder host loads nothing for anyone else: those are refused here, at build time.
 *
 * Example: resolveAddinUrl("https://cdn.example.org/rfm") → "https://cdn.example.org/rfm/"
 */
const DEV_URL = "https://localhost:3000/";

const HOW =
  "Set ADDIN_URL to the HTTPS address where you will host the contents of dist/, for example\n" +
  "  ADDIN_URL=https://addins.example.com/rfm/ npm run build\n" +
  "(README, section Deploy). The dev server (npm run dev-server, npm start) and the demo build need no ADDIN_URL.";

/** Hosts that can never serve a deployed add-in: this machine, and the placeholder host of Microsoft's templates. */
function unusableHost(hostname) {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (h === "localhost" || h.endsWith(".localhost") || h === "::1" || h === "0.0.0.0") return "this computer";
  if (/^127\./.test(h)) return "this computer";
  if (h === "contoso.com" || h.endsWith(".contoso.com")) return "a placeholder domain";
  return null;
}

/**
 * Checks and normalises ADDIN_URL.
 * @param {string | undefined} value the ADDIN_URL environment variable
 * @returns {string} the URL with a trailing slash
 * @throws {Error} with a message saying what to set, when the value is missing, not an absolute https URL, has a
 *   query or fragment, or names localhost or a placeholder host
 */
function resolveAddinUrl(value) {
  const raw = (value || "").trim();
  if (!raw) throw new Error(`A production build needs ADDIN_URL.\n${HOW}`);
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`ADDIN_URL "${raw}" is not an absolute URL.\n${HOW}`);
  }
  if (url.protocol !== "https:") {
    throw new Error(`ADDIN_URL "${raw}" must start with https:// (Office loads add-in pages only over HTTPS).\n${HOW}`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`ADDIN_URL "${raw}" must be a plain folder address, without ?query, #fragment or user:password.`);
  }
  const unusable = unusableHost(url.hostname);
  if (unusable) {
    throw new Error(`ADDIN_URL "${raw}" names ${unusable} (${url.hostname}), which nobody else can reach.\n${HOW}`);
  }
  const href = url.href;
  return href.endsWith("/") ? href : `${href}/`;
}

/**
 * The manifest text with every dev-server address replaced by the production address.
 * @param {string} manifest manifest.xml as written for the dev server
 * @param {string} addinUrl the result of resolveAddinUrl
 * @returns {string}
 */
function productionManifest(manifest, addinUrl) {
  return manifest.split(DEV_URL).join(addinUrl);
}

module.exports = { DEV_URL, resolveAddinUrl, productionManifest, unusableHost };
