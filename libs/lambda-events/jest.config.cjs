module.exports = { ...require('../../jest.preset.cjs'), displayName: 'lambda-events', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
