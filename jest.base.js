// Shared jest settings: TypeScript through @swc/jest, run as native ESM
// (packages are "type": "module"), workspace packages resolved to their sources
// so a change in one package is seen by the tests of another without a rebuild.
//
// Two suites: the default one (`pnpm test`) runs `test/**/*.test.ts` except the long
// statistical and soak files named `*.long.test.ts`; `pnpm test:long` (AUTOSLO_TEST_SUITE=long)
// runs only those. CI runs both.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const LONG = /\.long\.test\.ts$/;

/** @param {string} pkgDir @returns {import('jest').Config} */
export function jestConfig(pkgDir) {
  const long = process.env.AUTOSLO_TEST_SUITE === 'long';
  return {
    rootDir: pkgDir,
    testEnvironment: 'node',
    testMatch: [long ? '<rootDir>/test/**/*.long.test.ts' : '<rootDir>/test/**/*.test.ts'],
    testPathIgnorePatterns: long ? ['/node_modules/'] : ['/node_modules/', LONG.source],
    extensionsToTreatAsEsm: ['.ts'],
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
          module: { type: 'es6' },
        },
      ],
    },
    moduleNameMapper: {
      '^@autoslo/(config|workload|core|simulator|tuner|redshift|plotter|report|distributed)$': join(
        root,
        'packages/$1/src/index.ts',
      ),
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    // A hang guard, not a speed limit: a default-suite test takes seconds on a quiet machine
    // (a longer one belongs in a *.long.test.ts file), but a busy shared one can stretch it.
    testTimeout: long ? 600_000 : 60_000,
    passWithNoTests: true,
  };
}
