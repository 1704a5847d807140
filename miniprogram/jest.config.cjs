/**
 * The mini-program's tests on their own (`npm test -w miniprogram`, or one project with
 * `npx jest -c miniprogram/jest.config.cjs --selectProjects unit:mp`); the root jest.config.js can
 * take the same projects (see README.md). The browser test needs `npm run build` (the server) and
 * `npm run build:h5 -w miniprogram` first.
 */
const { resolve } = require('node:path');

const rootDir = resolve(__dirname, '..');

/** @type {import('jest').Config} */
module.exports = {
  rootDir,
  testTimeout: 30000,
  projects: [
    {
      displayName: 'unit:mp',
      rootDir,
      testEnvironment: 'node',
      transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/miniprogram/tsconfig.jest.json', diagnostics: false }] },
      testMatch: ['<rootDir>/miniprogram/src/**/*.spec.ts'],
      setupFiles: ['<rootDir>/miniprogram/test/unit/setup.js'],
      moduleNameMapper: { '^@tarojs/taro$': '<rootDir>/miniprogram/test/unit/taro.mock.ts', '^@lodestar/shared$': '<rootDir>/shared/src/index.ts' },
    },
    {
      displayName: 'e2e:mp',
      rootDir,
      testEnvironment: 'node',
      transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/server/tsconfig.jest.json', diagnostics: false }] },
      testMatch: ['<rootDir>/miniprogram/test/**/*.e2e.test.ts'],
    },
  ],
};
