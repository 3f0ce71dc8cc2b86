// Shared Jest settings for every project in the workspace.
// NestJS 12 ships ES modules only, so its packages (and light-my-request's
// nested `cookie`) are transformed too; @swc/jest keeps decorator metadata,
// which Nest's dependency injection reads.
const path = require('node:path');

const esmOnlyPackages = [
  '@nestjs',
  'cookie',
  'light-my-request/node_modules/cookie',
  'file-type',
  'strtok3',
  'token-types',
  'peek-readable',
  'uint8array-extras',
  '@tokenizer',
];

module.exports = {
  testEnvironment: 'node',
  globalSetup: path.join(__dirname, 'jest.global-setup.cjs'),
  globalTeardown: path.join(__dirname, 'jest.global-teardown.cjs'),
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    '^@greeter/lambda-events$': path.join(__dirname, 'libs/lambda-events/src/index.ts'),
    '^@greeter/environment-config$': path.join(__dirname, 'libs/environment-config/src/index.ts'),
    '^@greeter/cost-model$': path.join(__dirname, 'libs/cost-model/src/index.ts'),
  },
};
