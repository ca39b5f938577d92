/**
 * `autoslo cleanup [--dry-run] [--run RUN_ID]`: finds the workgroups and namespaces earlier
 * live runs left behind (by their journals in data/runs and by the `autoslo:run_id` tag)
 * and deletes them, then the partial directories (`runs/.<id>.partial/`) of killed runs that
 * have nothing left to delete. Runs still in progress are left alone.
 */
import {
  abandonedPartialRuns,
  createLiveClients,
  deleteLeftovers,
  findLeftovers,
  removeAbandonedPartialRuns,
} from '@autoslo/redshift';
import { type Command, UsageError } from '../command.js';
import { printJson, stringFlag } from './workload-flags.js';

export const cleanupCommand: Command = {
  usage: [
    'Usage: autoslo cleanup [--dry-run] [--run RUN_ID] [--region REGION] [--json]',
    '',
    'Lists what live runs created and did not delete (run journals in <data dir>/runs and',
    'resources tagged autoslo:run_id), then deletes it: workgroups first, then namespaces;',
    'then removes the partial directories (runs/.<id>.partial/) killed runs left once their',
    'journal lists nothing still to delete. --dry-run only lists. Endpoints and credentials',
    'come from the standard AWS chain.',
  ].join('\n'),
  options: {
    'dry-run': { type: 'boolean' },
    run: { type: 'string' },
    region: { type: 'string' },
  },
  async run(ctx, { values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const region = stringFlag(values, 'region');
    const clients = createLiveClients(region ? { region } : {});
    try {
      const runId = stringFlag(values, 'run');
      const leftovers = await findLeftovers(
        ctx.dataDir,
        clients.serverless,
        runId ? { runId } : {},
      );
      for (const l of leftovers)
        ctx.log(`${l.kind} ${l.name} (run ${l.runId}, found by ${l.source})`);
      if (leftovers.length === 0) ctx.log('nothing to clean up');
      const dryRun = values['dry-run'] === true;
      const { deleted, failed } = dryRun
        ? { deleted: [], failed: [] }
        : await deleteLeftovers(clients.serverless, leftovers);
      for (const f of failed)
        ctx.log(`could not delete ${f.leftover.kind} ${f.leftover.name}: ${f.error}`);
      const partials = dryRun
        ? abandonedPartialRuns(ctx.dataDir).filter((p) => runId === undefined || p.runId === runId)
        : runId === undefined
          ? await removeAbandonedPartialRuns(ctx.dataDir)
          : [];
      for (const p of partials)
        ctx.log(`${dryRun ? 'would remove' : 'removed'} partial run directory ${p.dir}`);
      if (ctx.json) {
        printJson(ctx.stdout, {
          dry_run: dryRun,
          found: leftovers.map((l) => ({
            kind: l.kind,
            name: l.name,
            run_id: l.runId,
            source: l.source,
          })),
          deleted: deleted.map((l) => ({ kind: l.kind, name: l.name, run_id: l.runId })),
          partial_dirs_removed: dryRun ? [] : partials.map((p) => p.dir),
          failed: failed.map((f) => ({
            kind: f.leftover.kind,
            name: f.leftover.name,
            error: f.error,
          })),
        });
      } else {
        ctx.stdout.write(
          dryRun
            ? `${leftovers.length} leftover resources found (dry run: nothing deleted)\n`
            : `${deleted.length} of ${leftovers.length} leftover resources deleted\n`,
        );
      }
      return failed.length > 0 ? 1 : 0;
    } finally {
      clients.destroy();
    }
  },
};
