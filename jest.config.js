// Jest runs our TypeScript as native ESM through ts-jest (see docs/decisions/0001-esm-with-jest.md).
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }],
  },
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  // fast-check's seed: FC_SEED, a fixed one in CI, else random (test/setup/fast-check.ts).
  setupFilesAfterEnv: ['<rootDir>/test/setup/fast-check.ts'],
  maxWorkers: 2,
  testTimeout: 30000,
};
