/**
 * Jest. Where a test sits (docs/engineering.md, "Where tests go"): a unit
 * test of one module beside it in src/ (x.test.ts); a test through a way in
 * (the bundle, Apps Script, the server API, the command line, the
 * playground, a browser) under test/<that way>/; the rules over the sources
 * under test/architecture/; the repository as a whole (build, documents,
 * sample) at the top of test/.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: { module: 'commonjs', moduleResolution: 'node', isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/'],
};
