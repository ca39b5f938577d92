/** Long suite: the examples that tune and compare six methods, run as a reader would. */
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

describe('examples print what examples/README.md says (long)', () => {
  it('tune-in-code.ts: the tuned config meets the 10% threshold and is written', async () => {
    const lines = await example('tune-in-code.ts');
    expect(lines[0]).toBe('         violation_rate  cost_usd');
    const tuned = lines[2]?.match(new RegExp(`^tuned +(${NUMBER}) +(${NUMBER})$`));
    expect(tuned).not.toBeNull();
    expect(Number(tuned?.[1])).toBeLessThanOrEqual(0.1);
    expect(lines).toContain(
      'tuned config written to <scratch>/execution_configs/tuned/example_oracle.yml',
    );
    expect(lines.some((l) => /^initial_rpus: \[\d+(,\d+)*\]$/.test(l))).toBe(true);
  }, 60_000);

  it('custom-policy.ts: our autoscaling and routing policies next to four built-in methods', async () => {
    const lines = await example('custom-policy.ts');
    expect(lines[0]).toMatch(
      /^capacity plan: busy hours \d+(, \d+)* get one extra 32-RPU cluster$/,
    );
    expect(lines[1]).toBe('method                 violation_rate  cost_usd');
    expect(lines.slice(2).map((l) => l.replace(/ {2,}.*$/, ''))).toEqual([
      'Single 64 (static)',
      'AutoSLO autoscaler',
      'Snowflake standard',
      'Redshift queue time',
      'Capacity plan (ours)',
      'Plan + fastest (ours)',
    ]);
    for (const l of lines.slice(2)) expect(l).toMatch(new RegExp(`${NUMBER} +${NUMBER}$`));
    // Our policies decide: the plan's row differs from every built-in row.
    const rows = lines.slice(2).map((l) => l.replace(/^.{21}/, ''));
    expect(rows.slice(0, 4)).not.toContain(rows[4]);
  }, 60_000);
});
