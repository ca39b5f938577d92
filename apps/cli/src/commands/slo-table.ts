/** `autoslo slo-table`: per-template SLO tables from a (closed-loop) run's latencies. */
import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import {
  DEFAULT_SLO_TABLE_AGGREGATIONS,
  DEFAULT_SLO_TABLE_MULTIPLIERS,
  parseSloTableAggregation,
  writeSloTablesFromRun,
} from '@autoslo/core';
import { type Command, UsageError } from '../command.js';

function listOf(value: string | boolean | string[] | boolean[] | undefined): string[] {
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

export const sloTableCommand: Command = {
  usage: [
    'Usage: autoslo slo-table --run <run dir or live run id> [--agg p100,p50,mean] [--k 1,2,4]',
    '                         [--run-id ID] [--out-dir DIR] [--json]',
    '',
    'Per template: baseline = mean or pNN (p100 = max) of its latencies; SLO = baseline × κ,',
    'rounded to 3 decimals. Writes <run id>_<agg>_k<κ>.yml to <data dir>/slos/ (or --out-dir),',
    'in the format of the reference tables. The run id defaults to the run directory name.',
    `Defaults: --agg ${DEFAULT_SLO_TABLE_AGGREGATIONS.join(',')} --k ${DEFAULT_SLO_TABLE_MULTIPLIERS.join(',')}`,
    '--agg and --k take comma lists and may be repeated.',
  ].join('\n'),
  options: {
    run: { type: 'string' },
    agg: { type: 'string', multiple: true },
    k: { type: 'string', multiple: true },
    'run-id': { type: 'string' },
    'out-dir': { type: 'string' },
  },
  async run(ctx, { values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const run = values.run;
    if (typeof run !== 'string' || run === '') throw new UsageError('--run is required');
    const candidates = [resolve(run), join(ctx.dataDir, 'runs', run)];
    let runDir: string | undefined;
    for (const c of candidates) {
      if (await isDirectory(c)) {
        runDir = c;
        break;
      }
    }
    if (runDir === undefined) {
      throw new UsageError(`no run directory '${run}' (looked at ${candidates.join(' and ')})`);
    }
    const aggNames = listOf(values.agg);
    const aggregations =
      aggNames.length > 0
        ? aggNames.map(parseSloTableAggregation)
        : [...DEFAULT_SLO_TABLE_AGGREGATIONS];
    const kNames = listOf(values.k);
    const multipliers = kNames.length > 0 ? kNames.map(Number) : [...DEFAULT_SLO_TABLE_MULTIPLIERS];
    const badK = kNames.find((k) => !(Number(k) > 0) || !Number.isFinite(Number(k)));
    if (badK !== undefined) throw new UsageError(`--k expects positive numbers, got '${badK}'`);
    const runId = typeof values['run-id'] === 'string' ? values['run-id'] : basename(runDir);
    const outDir =
      typeof values['out-dir'] === 'string'
        ? resolve(values['out-dir'])
        : join(ctx.dataDir, 'slos');
    const written = await writeSloTablesFromRun(runDir, {
      runId,
      outDir,
      aggregations,
      multipliers,
    });
    if (ctx.json) {
      const summary = {
        run_dir: runDir,
        run_id: runId,
        files: written.files,
        num_templates: written.numTemplates,
        warnings: written.warnings,
      };
      ctx.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      return 0;
    }
    for (const warning of written.warnings) ctx.log(`warning: ${warning}`);
    ctx.stdout.write(
      `${written.files.length} SLO tables for ${written.numTemplates} templates from ${runDir}:\n`,
    );
    for (const file of written.files) ctx.stdout.write(`  ${file}\n`);
    return 0;
  },
};
