/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['reflect-metadata'],
  // Every operation of the suite runs compiled and on graphql-js, compared (test/support/verify-execution.ts).
  globalSetup: '<rootDir>/test/support/jest-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/jest-global-teardown.ts',
  transform: {
    // Type checking is `npm run typecheck`'s job; here ts-jest only transpiles, which is much faster.
    '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true, module: 'commonjs', moduleResolution: 'node' }, diagnostics: false }],
    // fractional-indexing ships only as an ES module; jest's CommonJS loader needs it transpiled.
    '^.+/node_modules/fractional-indexing/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true, module: 'commonjs' }, diagnostics: false }],
  },
  transformIgnorePatterns: ['/node_modules/(?!fractional-indexing/)'],
  testTimeout: 120000,
  maxWorkers: 2,
  // The slow files first even on a clean clone, whose jest cache holds no durations yet.
  testSequencer: '<rootDir>/test/support/test-sequencer.mjs',
};
