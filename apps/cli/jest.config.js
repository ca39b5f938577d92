import { jestConfig } from '../../jest.base.js';

// Two workers: most of these tests wait on child processes and a local endpoint's clocks,
// so two files at a time overlap the waits (`--maxWorkers=1` on the command line overrides).
export default { ...jestConfig(import.meta.dirname), maxWorkers: 2 };
