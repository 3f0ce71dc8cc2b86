module.exports = {
  ...require('../jest.preset.cjs'),
  displayName: 'infra',
  rootDir: __dirname,
  testMatch: [
    '<rootDir>/src/**/*.spec.ts',
    '<rootDir>/test/**/*.spec.ts',
    '<rootDir>/rehearsal/**/*.spec.ts',
    '<rootDir>/deploy-hooks/**/*.spec.ts',
    '<rootDir>/pipeline/**/*.spec.ts',
    '<rootDir>/security/**/*.spec.ts',
    '<rootDir>/switch/**/*.spec.ts',
  ],
  // Terraform init/validate/plan runs once per environment.
  testTimeout: 120_000,
};
