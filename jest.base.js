// Shared jest settings: TypeScript through @swc/jest, run as native ESM
// (packages are "type": "module"), workspace packages resolved to their sources
// so a change in one package is seen by the tests of another without a rebuild.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));

/** @param {string} pkgDir @returns {import('jest').Config} */
export function jestConfig(pkgDir) {
  return {
    rootDir: pkgDir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/test/**/*.test.ts'],
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
      '^@autoslo/(config|workload|core|simulator|tuner|redshift|plotter|distributed)$': join(
        root,
        'packages/$1/src/index.ts',
      ),
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    testTimeout: 60_000,
    passWithNoTests: true,
  };
}
