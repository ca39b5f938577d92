/**
 * `autoslo workload import-history`: a warehouse's SYS_QUERY_HISTORY (live through the Data
 * API, or an exported CSV/Parquet file) to a workload, its templates' SQL and a
 * measured-latency table.
 */
import { basename, extname } from 'node:path';
import { InputError } from '@autoslo/config';
import {
  concatHistoryTables,
  type HistoryImportOptions,
  type HistoryTable,
  importHistory,
  parseTimestampMs,
  readHistoryFile,
  saveHistoryImport,
} from '@autoslo/workload';
import { type Command, type CommandContext, UsageError } from '../command.js';
import { intFlag, numberFlag, printJson, stringFlag } from './workload-flags.js';

function timeFlag(values: Record<string, unknown>, name: string): number | undefined {
  const text = typeof values[name] === 'string' ? (values[name] as string) : undefined;
  if (text === undefined) return undefined;
  const ms = parseTimestampMs(text);
  if (Number.isNaN(ms)) {
    throw new InputError({
      path: `--${name}`,
      message: 'not a time',
      expected: 'YYYY-MM-DD[ HH:MM[:SS]] (UTC)',
      received: text,
    });
  }
  return ms;
}

async function readLive(
  ctx: CommandContext,
  values: Record<string, unknown>,
  window: { sinceMs?: number; untilMs?: number },
): Promise<HistoryTable> {
  // The AWS SDK is loaded only for a live import.
  const { createLiveClients, readQueryHistory } = await import('@autoslo/redshift');
  const region = typeof values.region === 'string' ? values.region : undefined;
  const clients = createLiveClients(region ? { region } : {});
  try {
    const tables: HistoryTable[] = [];
    for (const workgroupName of values.workgroup as string[]) {
      ctx.log(`reading SYS_QUERY_HISTORY of workgroup ${workgroupName} through the Data API`);
      tables.push(
        await readQueryHistory(clients, {
          workgroupName,
          database: typeof values.database === 'string' ? values.database : 'dev',
          ...(typeof values['secret-arn'] === 'string' ? { secretArn: values['secret-arn'] } : {}),
          ...window,
          onProgress: (rows) => ctx.log(`  ${rows} rows`),
        }),
      );
    }
    // One import numbers the templates of every workgroup together.
    return concatHistoryTables(tables);
  } finally {
    clients.destroy();
  }
}

export const workloadImportHistoryCommand: Command = {
  usage: [
    'Usage: autoslo workload import-history <file.csv|file.parquet> [options]',
    '       autoslo workload import-history --workgroup NAME [--database DB] [options]',
    '',
    "Imports a warehouse's SYS_QUERY_HISTORY: from an exported file with the view's columns, or",
    'live through the Data API (region, credentials and endpoint from the standard AWS settings,',
    'as for live runs). Writes <data dir>/workloads/<name>.parquet, query_texts/<schema>/<TTT>.sql',
    '(one template per statement shape: generic_query_hash, else the normalised SQL) and',
    'measurements/<name>.parquet (per query: elapsed, queue and execution time, status, result',
    'cache hit, workgroup, RPU). Failed, aborted, DDL/utility and cache-hit queries are counted',
    'and kept out of latency fits. Bad rows: exit 2 naming row and column, nothing written.',
    '',
    '  --workgroup NAME      read this workgroup live (Data API) instead of a file; repeatable',
    '                        (the workgroups are imported together, templates numbered across all)',
    '  --database DB         database for the Data API (default dev)',
    '  --secret-arn ARN      database credentials from Secrets Manager (default: IAM)',
    '  --region REGION       overrides the default chain region',
    '  --since T, --until T  keep queries that started in [T1, T2) (UTC, YYYY-MM-DD[ HH:MM:SS])',
    '  --name NAME           workload name (default: the file name, or <workgroup>_history)',
    '  --schema S            schema of the query text ids and query_texts/ (default: the name)',
    '  --rpu N               RPU of rows without compute_capacity (a file without that column)',
    '  --max-templates N     at most N templates (default 999)',
    '  --force               replace existing outputs of that name',
  ].join('\n'),
  options: {
    workgroup: { type: 'string', multiple: true },
    database: { type: 'string' },
    'secret-arn': { type: 'string' },
    region: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    name: { type: 'string' },
    schema: { type: 'string' },
    rpu: { type: 'string' },
    'max-templates': { type: 'string' },
    force: { type: 'boolean' },
  },
  async run(ctx, { values, positionals }) {
    const workgroups = (values.workgroup as string[] | undefined) ?? [];
    const workgroup = workgroups[0];
    const [file, ...rest] = positionals;
    if (rest.length > 0 || (file === undefined) === (workgroup === undefined)) {
      throw new UsageError('expected one history file, or --workgroup NAME... (not both)');
    }
    const window = {
      ...(timeFlag(values, 'since') === undefined
        ? {}
        : { sinceMs: timeFlag(values, 'since') as number }),
      ...(timeFlag(values, 'until') === undefined
        ? {}
        : { untilMs: timeFlag(values, 'until') as number }),
    };
    const name =
      stringFlag(values, 'name') ??
      (file ? basename(file, extname(file)) : `${workgroup}_history`).replace(
        /[^A-Za-z0-9_.-]/g,
        '_',
      );
    const rpu = numberFlag(values, 'rpu');
    const maxTemplates = intFlag(values, 'max-templates');
    const schema = stringFlag(values, 'schema');
    const options: HistoryImportOptions = {
      name,
      ...(schema === undefined ? {} : { schema }),
      ...(rpu === undefined ? {} : { rpu }),
      ...(maxTemplates === undefined ? {} : { maxTemplates }),
      ...window,
    };
    // The raw columns are dropped once imported (a history can be millions of rows).
    const result = importHistory(
      file ? await readHistoryFile(file) : await readLive(ctx, values, window),
      options,
    );
    const paths = await saveHistoryImport(result, {
      dataDir: ctx.dataDir,
      force: values.force === true,
    });
    const s = result.stats;
    if (ctx.json) {
      printJson(ctx.stdout, {
        name: result.name,
        schema: result.schema,
        ...paths,
        stats: s,
        templates: result.templates.map((t) => ({
          id: t.queryTextId,
          count: t.count,
          truncated: t.truncated,
          key: t.key,
        })),
      });
      return 0;
    }
    const c = s.categories;
    ctx.log(
      `${result.name}: ${s.rowsRead} rows read${s.droppedOutsideWindow ? ` (${s.droppedOutsideWindow} outside --since/--until)` : ''}; ` +
        `${c.ok} finished queries fit latencies; left out of fits: ${c.cache_hit} result-cache hits, ${c.failed} failed, ` +
        `${c.aborted} aborted, ${c.running} unfinished, ${c.ddl_utility} DDL/utility, ${c.system} system-view queries`,
    );
    ctx.log(
      `${s.workloadRows} workload rows, ${s.templates} templates (by ${s.templatesBy})` +
        (s.foldedTemplates ? `, ${s.foldedTemplates} rare ones folded into the last` : '') +
        (s.truncatedTexts ? `, ${s.truncatedTexts} texts cut at 4,000 characters` : '') +
        `; workgroups ${s.workgroups.join(', ')}` +
        (s.unknownRpuRows ? `; ${s.unknownRpuRows} rows with unknown RPU (give --rpu)` : ''),
    );
    ctx.stdout.write(`${paths.workloadFile}\n${paths.measuredFile}\n${paths.queryTextsDir}\n`);
    return 0;
  },
};
