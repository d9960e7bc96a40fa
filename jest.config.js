/** Jest runs TypeScript through ts-jest. Tests that render React components opt into jsdom with a
 *  `@jest-environment jsdom` docblock; everything else runs in Node. */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test", "<rootDir>/packages/excel-sim/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", isolatedModules: true, diagnostics: false }],
  },
  testTimeout: 120000,
  // Both cores: Jest's default (cores − 1) runs the suites one at a time on a two-core machine, and the suites are
  // CPU-bound and independent (each writes only to its own temporary folder).
  maxWorkers: 2,
  // The CLI is compiled to lib/ once here, not by each suite that needs it while others run it.
  globalSetup: "<rootDir>/test/globalSetup.js",
};
