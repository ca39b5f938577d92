/** `autoslo workload import-redset <file>`: Redset rows of one instance to a workload and a latency profile. */
import { importRedset, saveRedsetImport } from '@autoslo/workload';
import { type Command, UsageError } from '../command.js';
import { intFlag, printJson, stringFlag } from './workload-flags.js';

export const workloadImportRedsetCommand: Command = {
  usage: [
    'Usage: autoslo workload import-redset <file.parquet|file.csv|parts directory> [options]',
    '',
    'Writes <data dir>/workloads/<name>.parquet and <data dir>/profiles/<name>.yml (isolated',
    'latency per template, in the SLO table format).',
    '',
    '  --instance ID         the instance_id to import (required if the file has several)',
    '  --name NAME           workload name (default redset_<instance>)',
    '  --query-types LIST    comma-separated query_type values to keep, or "all" (default select)',
    '  --include-aborted     keep aborted queries',
    '  --start-date D        keep arrivals on or after D (YYYY-MM-DD)',
    '  --end-date D          keep arrivals before D',
    '  --schema S            schema of the query text ids (default redset)',
    '  --max-templates N     at most N templates, the rarest fingerprints share the last (default 999)',
    '  --agg A               profile aggregation: mean or pNN (default p50)',
  ].join('\n'),
  options: {
    instance: { type: 'string' },
    name: { type: 'string' },
    'query-types': { type: 'string' },
    'include-aborted': { type: 'boolean' },
    'start-date': { type: 'string' },
    'end-date': { type: 'string' },
    schema: { type: 'string' },
    'max-templates': { type: 'string' },
    agg: { type: 'string' },
  },
  async run(ctx, { values, positionals }) {
    const [file, ...rest] = positionals;
    if (!file || rest.length > 0) throw new UsageError('expected one Redset file or directory');
    const types = stringFlag(values, 'query-types');
    // Unset flags stay undefined, which every option reads as "use the default".
    const options = {
      instanceId: intFlag(values, 'instance'),
      name: stringFlag(values, 'name'),
      queryTypes:
        types === undefined
          ? undefined
          : types === 'all'
            ? []
            : types.split(',').map((t) => t.trim()),
      includeAborted: values['include-aborted'] === true ? true : undefined,
      startDate: stringFlag(values, 'start-date'),
      endDate: stringFlag(values, 'end-date'),
      schema: stringFlag(values, 'schema'),
      maxTemplates: intFlag(values, 'max-templates'),
      profileAggregation: stringFlag(values, 'agg'),
    };
    const result = await importRedset(file, options);
    const paths = await saveRedsetImport(result, { dataDir: ctx.dataDir });
    if (ctx.json) {
      printJson(ctx.stdout, {
        name: result.name,
        instanceId: result.instanceId,
        ...paths,
        stats: result.stats,
      });
      return 0;
    }
    const s = result.stats;
    ctx.log(
      `${result.name}: kept ${s.rowsKept} of ${s.rowsRead} rows (other instances ${s.droppedOtherInstances}, ` +
        `other query types ${s.droppedQueryType}, aborted ${s.droppedAborted}, outside dates ${s.droppedOutsideDates}); ` +
        `${s.fingerprints} fingerprints -> ${s.templates} templates` +
        (s.rowGroupsTotal > 0 ? `; read ${s.rowGroupsRead} of ${s.rowGroupsTotal} row groups` : ''),
    );
    ctx.stdout.write(`${paths.workloadFile}\n${paths.profileFile}\n`);
    return 0;
  },
};
