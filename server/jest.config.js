// ESM Jest (Nest 12 and TypeORM 1 are ESM-only): run through `node --experimental-vm-modules`.
// Unit specs sit beside the code (src/**/*.spec.ts); integration tests that boot the app on a real
// database live in test/ and run on SQLite always and on MariaDB when TEST_MYSQL_URL is set.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
  },
];

export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^content-disposition$': '<rootDir>/test/support/shims/content-disposition.cjs',
  },
  transform: { '^.+\\.ts$': swc },
  testTimeout: 60000,
  // Test files each build their own databases; two workers fit the machine's two cores.
  maxWorkers: 2,
};
