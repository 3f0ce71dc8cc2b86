module.exports = { ...require('../../jest.preset.cjs'), displayName: 'cost-model', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
