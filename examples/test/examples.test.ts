import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const examplesDir = join(import.meta.dirname, '..');

/** Runs one example as a reader would (tsx, built packages) and returns its lines. */
async function example(file: string): Promise<string[]> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', file], {
    cwd: examplesDir,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return stdout.trimEnd().split('\n');
}

const NUMBER = String.raw`\d+\.\d+`;

// tune-in-code.ts and custom-policy.ts (a tuning run, six simulated days) are in the long suite:
// examples.long.test.ts.
describe('examples print what examples/README.md says', () => {
  it('simulate-configs.ts: one row per config with violation rate, cost and clusters used', async () => {
    const lines = await example('simulate-configs.ts');
    expect(lines[0]).toMatch(/^demo_diurnal__2024-05-27__rf0\.167: \d+ queries$/);
    expect(lines[1]).toBe('config              violation_rate  cost_usd  clusters_used');
    expect(lines).toHaveLength(5);
    // The static pools never scale: one 64-RPU cluster, and two 32-RPU clusters.
    expect(lines[2]).toMatch(new RegExp(`^Single 64 +${NUMBER} +${NUMBER} +1$`));
    expect(lines[3]).toMatch(new RegExp(`^Round Robin 32\\+32 +${NUMBER} +${NUMBER} +2$`));
    expect(lines[4]).toMatch(new RegExp(`^AutoSLO \\(untuned\\) +${NUMBER} +${NUMBER} +\\d+$`));
  }, 60_000);
});
