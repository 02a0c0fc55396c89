// @ts-check
/**
 * The mutation gate (`npm run test:mutation`, part of `npm run ci`): Stryker mutates the domain and the
 * application (the code whose tests need no service) and runs their tests against every mutant with the vitest
 * runner. A score under `thresholds.break` exits 1. Incremental: the results of the last run are kept in
 * reports/stryker-incremental.json (gitignored) and a mutant whose code and tests did not change is not run again.
 * Stryker 9.6 because Stryker 10 needs Node >= 22. Concurrency 2: the machine's and a GitHub runner's cores.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: ['packages/domain/src/**/*.ts', 'packages/application/src/**/*.ts', '!packages/*/src/**/*.test.ts'],
  // /tsconfig.json (the typecheck's, not needed by vitest) stays out of the sandbox: Stryker rewrites the paths of
  // a tsconfig.json it copies with TypeScript's JS API, which TypeScript 7 (the native compiler) does not have.
  ignorePatterns: ['dist', 'coverage', 'reports', 'packages/*/dist', 'node_modules', '/tsconfig.json'],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 90, break: 90 },
  concurrency: 2,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
