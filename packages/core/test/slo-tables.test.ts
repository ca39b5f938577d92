import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StructuredLog } from '../src/log/structured-log.js';
import {
  buildSloTables,
  buildSloTablesFromLog,
  latenciesByTemplate,
  type SloTableAggregation,
} from '../src/slo/build-slo-tables.js';
import { roundDecimals } from '../src/slo/round-decimals.js';
import { readSloTableFile } from '../src/slo/slo-table-file.js';
import { pythonFloat, sloTableFilename, yamlString } from '../src/slo/slo-table-format.js';

const SLOS = join(import.meta.dirname, '../../../reference-data/autoslo/data/slos');

/**
 * A closed-loop log: one query at a time, each arriving when the previous completes.
 * For every template of `table`, `latenciesOf(v)` gives the latencies its queries take.
 */
function closedLoopLog(
  table: ReadonlyMap<string, number>,
  latenciesOf: (v: number) => number[],
): StructuredLog {
  const log = new StructuredLog();
  log.append({
    rel_time_s: 0,
    event_type: 'run_start',
    source: 'simulator',
    details: { closed_loop: true },
  });
  let now = 0;
  let id = 0;
  for (const [template, value] of table) {
    for (const latency of latenciesOf(value)) {
      const text = `ext_tpcds1000#${template}#${String((id % 3) + 1).padStart(3, '0')}`;
      log.append({
        rel_time_s: now,
        event_type: 'arrival',
        source: 'runner',
        query_id: id,
        query_text_id: text,
      });
      now += latency;
      log.append({
        rel_time_s: now,
        event_type: 'completion',
        source: 'runner',
        query_id: id,
        query_text_id: text,
      });
      id++;
    }
  }
  return log;
}

describe("the reference's SLO tables, rebuilt from a synthetic closed-loop log", () => {
  test.each<[string, SloTableAggregation, number, (v: number) => number[]]>([
    // max of the template's latencies is v/k
    ['1778469201294_p100_k4.yml', 'p100', 4, (v) => [v / 8, v / 4, v / 5]],
    ['1778469201294_p100_k1.yml', 'p100', 1, (v) => [v / 2, v]],
    // mean of v ± 0.25
    [
      '1778469201294_mean_k1.yml',
      'mean',
      1,
      (v) => [v - 0.25 * Math.min(1, v), v + 0.25 * Math.min(1, v)],
    ],
    // median of three
    ['1778469201294_p50_k1.yml', 'p50', 1, (v) => [v * 1.5, v * 0.5, v]],
  ])('%s byte for byte', async (filename, aggregation, k, latenciesOf) => {
    const reference = await readFile(join(SLOS, filename), 'utf8');
    const table = readSloTableFile(join(SLOS, filename));
    const log = closedLoopLog(table.sloDict, latenciesOf);
    const { tables, warnings } = buildSloTablesFromLog(log, {
      runId: '1778469201294',
      aggregations: [aggregation],
      multipliers: [k],
    });
    expect(warnings).toEqual([]);
    expect(tables).toHaveLength(1);
    expect(tables[0]?.filename).toBe(filename);
    expect(tables[0]?.text).toBe(reference);
  });

  test('one log rebuilds the p100 tables for κ = 1, 2 and 4 at once', async () => {
    const ks = [1, 2, 4];
    const tables = ks.map(
      (k) => readSloTableFile(join(SLOS, `1778469201294_p100_k${k}.yml`)).sloDict,
    );
    // Each file pins the baseline b to [v − 0.0005, v + 0.0005) / k; take the middle of
    // the intersection of the three ranges, so b × k rounds to every file's value.
    const baselines = new Map<string, number>();
    for (const template of (tables[0] as ReadonlyMap<string, number>).keys()) {
      let lo = Number.NEGATIVE_INFINITY;
      let hi = Number.POSITIVE_INFINITY;
      ks.forEach((k, i) => {
        const v = tables[i]?.get(template) as number;
        lo = Math.max(lo, (v - 0.0005) / k);
        hi = Math.min(hi, (v + 0.0005) / k);
      });
      expect(lo).toBeLessThan(hi);
      baselines.set(template, (lo + hi) / 2);
    }
    const log = closedLoopLog(baselines, (b) => [b * 0.7, b, b * 0.9]);
    const built = buildSloTablesFromLog(log, {
      runId: '1778469201294',
      aggregations: ['p100'],
      multipliers: ks,
    });
    for (const [i, k] of ks.entries()) {
      expect(built.tables[i]?.text).toBe(
        await readFile(join(SLOS, `1778469201294_p100_k${k}.yml`), 'utf8'),
      );
    }
  });

  test('one table per aggregation and multiplier, rounded to 3 decimals', () => {
    const latencies = latenciesByTemplate(
      ['s#002#001', 's#001#001', 's#001#002', 's#002#001', 's##001', null],
      [1, 2, 4, 3.0004, 99, 99],
    );
    expect([...latencies.keys()]).toEqual(['001', '002']);
    const tables = buildSloTables({
      runId: 'r',
      latencies,
      aggregations: ['mean', 'p100'],
      multipliers: [1, 2.5],
    });
    expect(tables.map((t) => t.filename)).toEqual([
      'r_mean_k1.yml',
      'r_mean_k2.5.yml',
      'r_p100_k1.yml',
      'r_p100_k2.5.yml',
    ]);
    // 001: mean 3, max 4; 002: mean 2.0002, max 3.0004
    expect(tables[1]?.text).toBe(
      "run_id: r\nagg_method: mean\nmultiplier: 2.5\nnum_templates: 2\nslo_dict:\n  '001': 7.5\n  '002': 5.0\n",
    );
    expect(tables[2]?.content.slo_dict).toEqual(
      new Map([
        ['001', 4],
        ['002', 3],
      ]),
    );
    expect(tables[3]?.content.slo_dict.get('002')).toBe(7.501);
  });

  test('an open-loop run is flagged, an empty one gives an empty table', () => {
    const log = new StructuredLog();
    const { tables, warnings } = buildSloTablesFromLog(log, {
      runId: 'x',
      aggregations: ['p100'],
      multipliers: [4],
    });
    expect(warnings).toHaveLength(2);
    expect(tables[0]?.text).toBe(
      'run_id: x\nagg_method: p100\nmultiplier: 4\nnum_templates: 0\nslo_dict: {}\n',
    );
  });
});

describe('formatting helpers', () => {
  test('Python rounding: exact binary ties go to even', () => {
    expect(roundDecimals(0.125, 2)).toBe(0.12);
    expect(roundDecimals(0.375, 2)).toBe(0.38);
    expect(roundDecimals(2.675, 2)).toBe(2.67); // 2.67499999... in binary
    expect(roundDecimals(1.0005, 3)).toBe(1); // 1.000499999...
    expect(roundDecimals(3.2035 * 4, 3)).toBe(12.814);
    expect(roundDecimals(-0.125, 2)).toBe(-0.12);
    expect(roundDecimals(0.135, 2)).toBe(0.14); // 0.13500000000000000888 in binary
    expect(roundDecimals(7, 3)).toBe(7);
  });

  test('Python float repr and YAML quoting', () => {
    expect(pythonFloat(4)).toBe('4.0');
    expect(pythonFloat(12.814)).toBe('12.814');
    expect(pythonFloat(0.00001)).toBe('1e-05');
    expect(pythonFloat(0.0001)).toBe('0.0001');
    expect(pythonFloat(1.5e16)).toBe('1.5e+16');
    expect(yamlString('1778469201294')).toBe("'1778469201294'");
    expect(yamlString('042')).toBe("'042'");
    expect(yamlString('yes')).toBe("'yes'");
    expect(yamlString("it's")).toBe("'it''s'");
    expect(yamlString('main_eval__KAPPA=4')).toBe('main_eval__KAPPA=4');
    expect(sloTableFilename('1778469201294', 'p100', 4)).toBe('1778469201294_p100_k4.yml');
  });
});
