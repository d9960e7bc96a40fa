import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import prettier from "eslint-config-prettier";

// --- Layers (README, Architecture) -----------------------------------------------------------------------------------
// The engine (src/rfm) imports nothing else of the project and nothing of Office, React or the DOM. The doors import
// the engine only through its entry points. Nothing in src/ imports the simulation (the excel-sim package) or any
// file outside src/. Import cycles are caught by madge (scripts/check-cycles.js, part of `npm run lint`), which
// counts type-only imports too.

/** What a door may import from src/rfm: the engine's API and its documented sub-entry points (paths below src/rfm). */
const ENGINE_ENTRY_POINTS = ["index", "types", "sql", "predict"];

/** The folders of src/ that are doors: they reach the engine only through ENGINE_ENTRY_POINTS. */
const DOORS = ["cli", "office", "commands", "functions", "taskpane"];

/**
 * TEMPORARY: files that break a layer rule on the day the rules were switched on, and which rule each breaks. This
 * list must be empty: remove a file as soon as it keeps the rule, and never add one.
 */
const LAYER_EXCEPTIONS = {};

/**
 * TEMPORARY: the import cycles (scripts/check-cycles.js, madge, type-only imports included) that existed on the day
 * the check was switched on, each as "a.ts > b.ts > ...". This list must be empty: remove a cycle as soon as it is
 * broken, and never add one.
 */
export const CYCLE_EXCEPTIONS = [
  "src/cli/main.ts > src/cli/sql.ts",
  // The simulation's (packages/excel-sim/src).
  "packages/excel-sim/src/api/charts.ts > packages/excel-sim/src/api/range.ts > packages/excel-sim/src/api/sheets.ts",
  "packages/excel-sim/src/api/range.ts > packages/excel-sim/src/api/sheets.ts",
  "packages/excel-sim/src/api/sheets.ts > packages/excel-sim/src/api/slicers.ts",
  "packages/excel-sim/src/api/range.ts > packages/excel-sim/src/api/sheets.ts > packages/excel-sim/src/api/slicers.ts > packages/excel-sim/src/api/tables.ts",
  "packages/excel-sim/src/api/sheets.ts > packages/excel-sim/src/api/slicers.ts > packages/excel-sim/src/api/tables.ts",
];

/**
 * TEMPORARY: files with a function over 100 lines (max-lines-per-function, which counts the functions nested inside
 * it), with the function and its length the day the rule was switched on. This list must be empty: split the function
 * by phase and remove the file; never add one.
 */
const LONG_FUNCTION_EXCEPTIONS = [];

// The rules are plain no-restricted-imports patterns (they cover `import type` and `export ... from` too) plus the
// same patterns for dynamic import(). A relative specifier leaves a folder when it climbs more levels than the file
// is deep in it, so each pattern is made for each depth.
const SLASH = "\\x2F"; // "/" in a regex that must also parse as an esquery selector, where a bare slash ends it
const up = (levels) => `^(?:\\.\\.${SLASH}){${levels}}`;
const RULES = {
  simulation: () => ({
    regex: `(?:^|${SLASH})excel-sim(?:${SLASH}|$)`,
    message: "src/ must not import the simulation; tests, the demo and the bench may.",
  }),
  outsideSrc: (depth) => ({
    regex: up(depth + 1),
    message: "src/ imports nothing outside src/ but npm packages.",
  }),
  outsideEngine: (depth) => ({
    regex: up(depth),
    message: "The engine (src/rfm) imports nothing else of the project.",
  }),
  engineInternals: () => ({
    regex: `^(?:\\.\\.${SLASH})+rfm${SLASH}(?!(?:${ENGINE_ENTRY_POINTS.join("|")})(?:${SLASH}index)?$)`,
    message: `A door imports the engine only through its entry points: rfm or rfm/{${ENGINE_ENTRY_POINTS.join(",")}}.`,
  }),
  uiAndOffice: () => ({
    regex: `^(?:react|react-dom|scheduler|@fluentui|@microsoft${SLASH}office-js|office-js|@types${SLASH}office-js)(?:${SLASH}|$)`,
    message: "The engine runs anywhere: no React, Fluent UI or Office imports.",
  }),
};

/** Globals and ambient types the engine must not touch: Office's, the DOM's. */
const ENGINE_GLOBALS = ["window", "document", "navigator", "location", "localStorage", "sessionStorage", "self"]
  .concat(["Office", "Excel", "OfficeExtension", "OfficeRuntime", "CustomFunctions", "HTMLElement", "DOMParser"])
  .map((name) => ({ name, message: "The engine (src/rfm) uses no Office or DOM globals." }));
const ENGINE_TYPES =
  "TSQualifiedName[left.type='Identifier'][left.name=/^(Office|Excel|OfficeExtension|OfficeRuntime|CustomFunctions)$/]";

/** One config object: these rules for these files (each rule is a function of the files' depth below src/). */
function layerConfig(files, depth, ruleNames) {
  const engine = ruleNames.includes("outsideEngine");
  const patterns = ruleNames.map((name) => RULES[name](depth));
  const dynamic = patterns.map(({ regex, message }) => ({
    selector: `ImportExpression[source.value=/${regex}/]`,
    message,
  }));
  const engineTypes = { selector: ENGINE_TYPES, message: "The engine (src/rfm) uses no Office types." };
  return {
    files,
    rules: {
      "no-restricted-imports": ["error", { patterns }],
      "no-restricted-syntax": ["error", ...dynamic, ...(engine ? [engineTypes] : [])],
      ...(engine ? { "no-restricted-globals": ["error", ...ENGINE_GLOBALS] } : {}),
    },
  };
}

/** The rules of each part of src/, by its folder. */
function layerRules(folder) {
  if (folder === "rfm") return ["outsideEngine", "uiAndOffice", "simulation"];
  if (DOORS.includes(folder)) return ["engineInternals", "simulation", "outsideSrc"];
  return ["simulation", "outsideSrc"];
}

function layers() {
  const configs = [];
  const named = ["rfm", ...DOORS];
  for (let depth = 1; depth <= 5; depth++) {
    const below = "/*".repeat(depth - 1) + "/*.{ts,tsx}";
    for (const folder of named) configs.push(layerConfig([`src/${folder}${below}`], depth, layerRules(folder)));
    const rest = layerConfig([`src/*${below}`], depth, layerRules(""));
    configs.push({ ...rest, ignores: named.map((folder) => `src/${folder}/**`) });
  }
  // Exceptions last, so that they replace the rules of their files: the same rules but the ones they break.
  for (const [file, broken] of Object.entries(LAYER_EXCEPTIONS)) {
    const folder = file.split("/")[1];
    const names = layerRules(folder).filter((name) => !broken.includes(name));
    configs.push(layerConfig([file], file.split("/").length - 2, names));
  }
  return configs;
}

export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", "dist-demo/**", "lib/**", "coverage/**", "test-output/**", "dist-tsc/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  ...layers(),
  {
    // No function over 100 lines, blank lines and comments included, nor any with nested functions that add up to it.
    files: ["src/**/*.{ts,tsx}"],
    ignores: LONG_FUNCTION_EXCEPTIONS,
    rules: { "max-lines-per-function": ["error", { max: 100 }] },
  },
  {
    files: ["**/*.js", "**/*.cjs", "**/*.mjs"],
    languageOptions: {
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        __dirname: "readonly",
        console: "readonly",
        Buffer: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        URL: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  prettier,
);
