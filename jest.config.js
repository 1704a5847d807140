/** One jest run for the whole repo: unit specs, then the integration suite on SQLite and on MariaDB. */
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
      testMatch: ['<rootDir>/{server,shared,scripts}/src/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration:sqlite',
      testMatch: ['<rootDir>/server/test/**/*.test.ts'],
      setupFiles: ['<rootDir>/server/test/setup/sqlite.env.js'],
    },
    {
      ...common,
      displayName: 'integration:mysql',
      testMatch: ['<rootDir>/server/test/**/*.test.ts'],
      setupFiles: ['<rootDir>/server/test/setup/mysql.env.js'],
      globalSetup: '<rootDir>/server/test/setup/mysql.global-setup.js',
    },
  ],
};
