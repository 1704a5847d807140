/**
 * Runs the sidebar's unit specs and browser test on their own (`npm test -w sidebar`); the root jest.config.js can take
 * the same project (see sidebar/README.md). Needs `npm run build` and `npm run build:ui` first.
 */
const { resolve } = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: resolve(__dirname, '..'),
  testTimeout: 240000,
  projects: [
    {
      displayName: 'unit:ui',
      rootDir: resolve(__dirname, '..'),
      testEnvironment: 'node',
      transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/server/tsconfig.jest.json', diagnostics: false }] },
      moduleNameMapper: { '^@lodestar/shared$': '<rootDir>/shared/src/index.ts' },
      testMatch: ['<rootDir>/sidebar/src/**/*.spec.ts'],
    },
    {
      displayName: 'e2e:ui',
      rootDir: resolve(__dirname, '..'),
      testEnvironment: 'node',
      transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/server/tsconfig.jest.json', diagnostics: false }] },
      testMatch: ['<rootDir>/sidebar/test/**/*.e2e.test.ts'],
    },
  ],
};
