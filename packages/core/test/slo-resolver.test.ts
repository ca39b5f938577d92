import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@autoslo/config';
import { SloResolver } from '../src/slo/slo-resolver.js';
import { readSloTableFile } from '../src/slo/slo-table-file.js';

const REFERENCE_DATA = join(import.meta.dirname, '../../../reference-data/autoslo/data');

describe('SloResolver', () => {
  test('looks templates up in the reference table and falls back to slo_s', () => {
    const resolver = SloResolver.fromConfig(
      { slo_s: 30, slo_dict_filename: '1778469201294_p100_k4.yml' },
      REFERENCE_DATA,
    );
    expect(resolver.sloFor('ext_tpcds1000#001#002')).toBe(12.814);
    expect(resolver.sloFor('042_003')).toBe(1.649); // '042': 1.649 in the file
    expect(resolver.sloFor('067')).toBe(686.841);
    expect(resolver.sloFor('tpcds#100#001')).toBe(30); // not in the table
    expect(resolver.sloFor('no-template')).toBe(30);
    expect(resolver.sloFor(null)).toBe(30);
    expect(resolver.sloDict.size).toBe(99);
  });

  test('tightening scales every SLO, the default included', () => {
    const resolver = SloResolver.fromConfig(
      { slo_s: 30, slo_dict_filename: '1778469201294_p100_k4.yml', slo_tightening_factor: 0.75 },
      REFERENCE_DATA,
    );
    expect(resolver.sloFor('x#001#001')).toBeCloseTo(12.814 * 0.75, 12);
    expect(resolver.sloFor('x#500#001')).toBe(22.5);
    const trigger = resolver.tightened(0.5);
    expect(trigger.sloFor('x#001#001')).toBeCloseTo(6.407, 12);
    expect(trigger.sloFor('x#500#001')).toBe(15);
    // the original is unchanged: tightened() returns a copy
    expect(resolver.sloFor('x#500#001')).toBe(22.5);
  });

  test('defaults to 10 s without a table', () => {
    const resolver = new SloResolver();
    expect(resolver.sloFor('tpcds#001#001')).toBe(10);
    expect(SloResolver.fromConfig({}, '/nonexistent').sloFor('001')).toBe(10);
  });

  test('reads tables keyed by unquoted integers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slo-'));
    await writeFile(join(dir, 't.yml'), 'slo_dict:\n  1: 2.5\n  042: 7\n');
    const resolver = SloResolver.fromConfig({ slo_dict_filename: join(dir, 't.yml') }, dir);
    expect(resolver.sloFor('s#001#001')).toBe(2.5);
    expect(resolver.sloFor('s#042#001')).toBe(7);
  });

  test('rejects a missing table and bad values with the file and line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slo-'));
    expect(() => SloResolver.fromConfig({ slo_dict_filename: 'missing.yml' }, dir)).toThrow(
      InputError,
    );
    await writeFile(join(dir, 'slos-bad.yml'), "slo_dict:\n  '001': 2.5\n  '002': -1\n");
    let error: unknown;
    try {
      SloResolver.fromConfig({ slo_dict_filename: join(dir, 'slos-bad.yml') }, dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues[0]).toMatchObject({
      line: 3,
      path: 'slo_dict.002',
      received: '-1',
    });
    // One schema with `autoslo validate` (@autoslo/config's SloTableFileSchema): keys are digits.
    const named = join(dir, 'slos-named.yml');
    await writeFile(named, "run_id: r\nslo_dict:\n  '001': 2.5\n  q7: 3\n");
    expect(() => readSloTableFile(named)).toThrow(
      expect.objectContaining({
        issues: [expect.objectContaining({ file: named, line: 4, path: 'slo_dict.q7' })],
      }),
    );
    expect(() => new SloResolver({ tighteningFactor: 0 })).toThrow(InputError);
    expect(() => new SloResolver({ sloS: -5 })).toThrow(InputError);
    expect(new SloResolver({ sloS: 0 }).sloFor('x#001#001')).toBe(0);
  });
});
