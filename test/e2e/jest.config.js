/** Jest for the browser end-to-end test only (`npm run test:e2e`): one file, which builds the demo page, serves it
 *  on 127.0.0.1 and drives Chromium. Kept out of the unit suite (`jest` matches *.test.ts; this matches *.e2e.ts). */
module.exports = {
  rootDir: "../..",
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test/e2e"],
  testMatch: ["**/*.e2e.ts"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", isolatedModules: true, diagnostics: false }],
  },
  // The webpack build comes first and is slow on a busy two-core machine.
  testTimeout: 600000,
};
