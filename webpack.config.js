// Follows Microsoft's yo-office shared-runtime template: one page (taskpane.html) hosts the task pane, the ribbon
// commands and the custom functions in one JavaScript context; functions.json is generated from the JSDoc tags.
const devCerts = require("office-addin-dev-certs");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { FunctionsMetadataFlagsPlugin } = require("./scripts/functions-metadata");
const { DEV_URL, resolveAddinUrl, productionManifest } = require("./scripts/addin-url");

async function getHttpsOptions() {
  const httpsOptions = await devCerts.getHttpsServerOptions();
  return { ca: httpsOptions.ca, key: httpsOptions.key, cert: httpsOptions.cert };
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  const serving = Boolean(env && env.WEBPACK_SERVE);
  // `--env demo` (npm run demo, the browser end-to-end test) adds the offline demo page, demo.html: the same three
  // bundles behind the in-memory Excel simulation (demo-host) and a read-only workbook view (demo-viewer). It skips
  // ts-loader's type check (npm test type-checks) to keep that build short. Without it the build is unchanged.
  const demo = Boolean(env && env.demo);
  // Only the build that gets deployed needs to know where it will be hosted: `npm run build` (production mode, not
  // the demo, not the dev server) fails here with a message saying what to set when ADDIN_URL is missing or unusable.
  const deployed = !dev && !demo && !serving;
  const addinUrl = deployed ? resolveAddinUrl(process.env.ADDIN_URL) : DEV_URL;
  return {
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      functions: "./src/functions/functions.ts",
      ...(demo ? { "demo-host": "./demo/host.ts", "demo-viewer": "./demo/viewer.ts" } : {}),
    },
    output: { clean: true },
    // No Node fallbacks: the demo page parses CSV in the browser with src/cli/csv.ts, which must stay free of Node
    // imports (the file reader lives in src/cli/csvFile.ts); a Node import there fails this build on purpose.
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // ES modules for webpack (tsconfig.json says commonjs for Jest and Node): with require() calls webpack
            // cannot tree-shake, and taskpane.js carried all of Fluent UI (17.5 MB minified instead of about 0.6 MB).
            // onlyCompileBundledFiles: type-check what the bundles import, not every file tsconfig.json includes
            // (tests have their own check in `npm test`; a test's type error must not break the add-in build).
            options: {
              transpileOnly: demo,
              onlyCompileBundledFiles: true,
              configFile: "tsconfig.json",
              compilerOptions: { module: "es2020" },
            },
          },
        },
      ],
    },
    performance: { hints: false },
    // One webpack runtime for all entries of a page: with the shared runtime, functions.js, commands.js and
    // taskpane.js run in one JavaScript context and must share module instances (e.g. src/office/lastRun.ts, through
    // which a ribbon run reaches the pane). With a runtime per entry each bundle had its own copy of every module.
    optimization: { runtimeChunk: "single" },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: ["./src/functions/functions.ts", "./src/functions/predict.ts"],
      }),
      // allowErrorForDataTypeAny: error cells reach the functions, which answer per cell (no JSDoc tag exists).
      new FunctionsMetadataFlagsPlugin("functions.json"),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: every surface lives in this one page.
        chunks: ["functions", "commands", "taskpane"],
        chunksSortMode: "manual",
      }),
      ...(demo
        ? [
            new HtmlWebpackPlugin({
              filename: "demo.html",
              template: "./demo/demo.html",
              // The simulated host first (it defines Office, Excel and CustomFunctions), then the add-in's bundles in
              // taskpane.html's order, then the viewer. Deferred scripts run in this order.
              chunks: ["demo-host", "functions", "commands", "taskpane", "demo-viewer"],
              chunksSortMode: "manual",
            }),
          ]
        : []),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext][query]" },
          // The demo's workbook view draws cells in Carlito, metric-compatible with Excel's Calibri, so that text
          // takes the room it would take in Excel; served from the page's own folder (the demo is offline).
          ...(demo
            ? [
                {
                  from: "node_modules/@fontsource/carlito/files/carlito-latin-{400,700}-normal.woff2",
                  to: "fonts/[name][ext]",
                },
              ]
            : []),
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              return deployed ? productionManifest(content.toString(), addinUrl) : content;
            },
          },
        ],
      }),
    ],
    devServer: {
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: serving ? await getHttpsOptions() : undefined },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
    },
  };
};
