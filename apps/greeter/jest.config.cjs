module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'greeter',
  rootDir: __dirname,
  // Unit specs beside the code; end-to-end specs (real server, built artifacts) under /test.
  roots: ['<rootDir>/src', '<rootDir>/../../test/greeter'],
  testMatch: ['**/*.spec.ts'],
  testTimeout: 30_000,
};
