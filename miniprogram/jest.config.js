// jest + miniprogram-simulate: components run in jsdom (miniprogram-simulate's tutorial).
module.exports = {
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/tests/**/*.test.js'],
  snapshotSerializers: ['miniprogram-simulate/jest-snapshot-plugin'],
  testTimeout: 20000
};
