/** One jest run for the whole repo: unit specs, the integration suite on SQLite and on MariaDB, and the browser tests. */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/server/tsconfig.jest.json', diagnostics: false }];
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': tsJest },
  moduleNameMapper: { '^@lodestar/shared$': '<rootDir>/shared/src/index.ts' },
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{server,shared,scripts,sidebar}/src/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration:sqlite',
      testMatch: ['<rootDir>/server/test/**/*.test.ts'],
      // MariaDB/MySQL only: several processes on one database (SQLite has no scale-out layout), and
      // the database stopped under load (SQLite's own fault, a full disk, runs here instead).
      testPathIgnorePatterns: ['/node_modules/', '/server/test/scale-out\\.e2e\\.test\\.ts$', '/server/test/db-outage\\.e2e\\.test\\.ts$'],
      setupFiles: ['<rootDir>/server/test/setup/sqlite.env.js'],
    },
    {
      ...common,
      displayName: 'integration:mysql',
      testMatch: ['<rootDir>/server/test/**/*.test.ts'],
      // SQLite only: a full disk under the database file.
      testPathIgnorePatterns: ['/node_modules/', '/server/test/disk-full\\.e2e\\.test\\.ts$'],
      setupFiles: ['<rootDir>/server/test/setup/mysql.env.js'],
      globalSetup: '<rootDir>/server/test/setup/mysql.global-setup.js',
    },
    {
      // The mini-program's services and utilities, with @tarojs/taro mapped to a small mock.
      ...common,
      displayName: 'unit:mp',
      transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/miniprogram/tsconfig.jest.json', diagnostics: false }] },
      testMatch: ['<rootDir>/miniprogram/src/**/*.spec.ts'],
      setupFiles: ['<rootDir>/miniprogram/test/unit/setup.js'],
      moduleNameMapper: { ...common.moduleNameMapper, '^@tarojs/taro$': '<rootDir>/miniprogram/test/unit/taro.mock.ts' },
    },
    {
      // Headless Chromium against the built server and front ends (npm test builds them first).
      ...common,
      displayName: 'e2e:ui',
      testMatch: ['<rootDir>/{sidebar,miniprogram}/test/**/*.e2e.test.ts'],
    },
  ],
};
