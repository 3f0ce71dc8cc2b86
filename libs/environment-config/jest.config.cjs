module.exports = { ...require('../../jest.preset.cjs'), displayName: 'environment-config', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
