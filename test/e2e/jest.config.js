/** Jest for the browser end-to-end tests only (`npm run test:e2e`): files that build the demo page, serve it
 *  on 127.0.0.1 and drive Chromium. Kept out of the unit suite (`jest` matches *.test.ts; this matches *.e2e.ts). */
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
  // One browser with the whole data set at a time: the files run one after another.
  maxWorkers: 1,
};
