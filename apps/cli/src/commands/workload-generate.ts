/** `autoslo workload generate <poisson|phased|diurnal>`: a seeded synthetic trace into data/workloads/. */
import { join } from 'node:path';
import {
  type GeneratedWorkload,
  generateDiurnal,
  generatePhasedPoisson,
  generatePoisson,
  parsePhases,
  summarizeTrace,
  writeWorkloadCsv,
  writeWorkloadParquet,
} from '@autoslo/workload';
import { type Command, UsageError } from '../command.js';
import { intFlag, numberFlag, printJson, stringFlag } from './workload-flags.js';

const KINDS = ['poisson', 'phased', 'diurnal'] as const;

export const workloadGenerateCommand: Command = {
  usage: [
    'Usage: autoslo workload generate <poisson|phased|diurnal> [options]',
    '',
    'Writes <data dir>/workloads/<name>.parquet (or .csv with --csv) and prints its path.',
    '',
    'Common:  --name NAME (default: the reference-style name)  --seed N (42)  --schema S (tpcds)',
    '         --start-date YYYY-MM-DD  --csv',
    'poisson: --templates N (99) --texts-per-template K (1) --queries-per-text N|None (3)',
    '         --lambda QPS (0.2) --total N',
    'phased:  --phases 15q0.05l,10q0.2l  --templates N (99) --texts-per-template K (3)',
    'diurnal: --days N (60) --start-date (2024-04-01) --queries-per-day N (1400, a weekday)',
    '         --bursts-per-day N (3) --scheduled-fraction F (0.25)',
  ].join('\n'),
  options: {
    name: { type: 'string' },
    seed: { type: 'string' },
    schema: { type: 'string' },
    'start-date': { type: 'string' },
    csv: { type: 'boolean' },
    templates: { type: 'string' },
    'texts-per-template': { type: 'string' },
    'queries-per-text': { type: 'string' },
    lambda: { type: 'string' },
    total: { type: 'string' },
    phases: { type: 'string' },
    days: { type: 'string' },
    'queries-per-day': { type: 'string' },
    'bursts-per-day': { type: 'string' },
    'scheduled-fraction': { type: 'string' },
  },
  async run(ctx, { values, positionals }) {
    const kind = positionals[0];
    if (!KINDS.includes(kind as (typeof KINDS)[number]) || positionals.length > 1) {
      throw new UsageError(`expected one of ${KINDS.join(', ')}, got '${positionals.join(' ')}'`);
    }
    const common = {
      ...(intFlag(values, 'seed') === undefined ? {} : { seed: intFlag(values, 'seed') as number }),
      ...(stringFlag(values, 'schema') ? { schema: stringFlag(values, 'schema') as string } : {}),
      ...(stringFlag(values, 'start-date')
        ? { startDate: stringFlag(values, 'start-date') as string }
        : {}),
    };
    const templates = intFlag(values, 'templates');
    const texts = intFlag(values, 'texts-per-template');
    let generated: GeneratedWorkload;
    if (kind === 'poisson') {
      const perText = stringFlag(values, 'queries-per-text');
      const total = intFlag(values, 'total');
      const lambda = numberFlag(values, 'lambda');
      generated = generatePoisson({
        ...common,
        ...(templates === undefined ? {} : { numTemplates: templates }),
        ...(texts === undefined ? {} : { textsPerTemplate: texts }),
        ...(perText === undefined
          ? {}
          : {
              queriesPerText:
                perText === 'None' ? null : (intFlag(values, 'queries-per-text') as number),
            }),
        ...(lambda === undefined ? {} : { lambda }),
        ...(total === undefined ? {} : { totalQueries: total }),
      });
    } else if (kind === 'phased') {
      const phases = stringFlag(values, 'phases');
      if (!phases) throw new UsageError('phased needs --phases, e.g. --phases 15q0.05l,10q0.2l');
      generated = generatePhasedPoisson({
        ...common,
        phases: parsePhases(phases),
        ...(templates === undefined ? {} : { numTemplates: templates }),
        ...(texts === undefined ? {} : { textsPerTemplate: texts }),
      });
    } else {
      const days = intFlag(values, 'days');
      const perDay = numberFlag(values, 'queries-per-day');
      const bursts = numberFlag(values, 'bursts-per-day');
      const scheduled = numberFlag(values, 'scheduled-fraction');
      generated = generateDiurnal({
        ...common,
        ...(days === undefined ? {} : { days }),
        ...(perDay === undefined ? {} : { queriesPerDay: perDay }),
        ...(bursts === undefined ? {} : { burstsPerDay: bursts }),
        ...(scheduled === undefined ? {} : { scheduledFraction: scheduled }),
      });
    }
    const name = stringFlag(values, 'name') ?? generated.name;
    if (!/^[A-Za-z0-9_.=-]+$/.test(name))
      throw new UsageError(`--name '${name}' may only hold letters, digits and _ . = -`);
    const csv = values.csv === true;
    const path = join(ctx.dataDir, 'workloads', `${name}.${csv ? 'csv' : 'parquet'}`);
    await (csv
      ? writeWorkloadCsv(path, generated.trace)
      : writeWorkloadParquet(path, generated.trace));
    const summary = summarizeTrace(generated.trace);
    if (ctx.json) {
      printJson(ctx.stdout, {
        name,
        path,
        rows: summary.rows,
        days: summary.days,
        firstArrival: summary.firstArrival,
        lastArrival: summary.lastArrival,
      });
    } else {
      ctx.log(
        `${name}: ${summary.rows} queries over ${summary.days} day(s), ${summary.firstArrival} to ${summary.lastArrival}`,
      );
      ctx.stdout.write(`${path}\n`);
    }
    return 0;
  },
};
