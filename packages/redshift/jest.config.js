import { jestConfig } from '../../jest.base.js';

// Two workers: these tests mostly wait on the local endpoint's spin-up and statement clocks,
// so two files at a time overlap the waits (`--maxWorkers=1` on the command line overrides).
export default { ...jestConfig(import.meta.dirname), maxWorkers: 2 };
