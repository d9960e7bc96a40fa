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
};
