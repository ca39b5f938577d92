/**
 * `autoslo compare-live`: replays a measured run's arrivals on the workgroups they ran on, in
 * a given latency model, and sets the model's latencies, violation rate and cost beside the
 * measured ones.
 */
import { compareRun, comparisonText, priorModel } from '@autoslo/calibration';
import { type Command, UsageError } from '../command.js';
import { loadMeasuredRuns, loadModel, loadSlos } from './measured-runs.js';
import { numberFlag, printJson, stringFlag } from './workload-flags.js';

export const compareLiveCommand: Command = {
  usage: [
    'Usage: autoslo compare-live (--run ID | --history NAME)... [--model REF] [options]',
    '',
    "Replays each measured run's exact arrivals and placements in the simulator's latency model",
    'and reports, beside the measurement: per-query latency error (median and p90 of absolute',
    'percentage error, from the model without noise), per-template medians, SLO violation rate',
    'and cost (with the model as configured, noise included).',
    '',
    '  --run ID             a live run directory runs/<ID>/; repeatable',
    '  --history NAME       an imported history; repeatable',
    '  --model REF          execution config whose latency_model_config (and profile) to use;',
    '                       default: the defaults, each template at its median measured time',
    '  --param K=V          placeholder value for --model (repeatable)',
    "  --slos NAME          SLO table for violation rates (default: the model config's)",
    "  --kappa K            else SLO = K x the model's isolated latency (default 4)",
  ].join('\n'),
  options: {
    run: { type: 'string', multiple: true },
    history: { type: 'string', multiple: true },
    model: { type: 'string' },
    param: { type: 'string', multiple: true },
    slos: { type: 'string' },
    kappa: { type: 'string' },
  },
  async run(ctx, { values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const modelRef = stringFlag(values, 'model');
    const loaded = await loadModel(ctx, modelRef, (values.param as string[] | undefined) ?? []);
    const runs = await loadMeasuredRuns(ctx, values);
    // Without --model: the defaults, each template at its median measured execution time.
    const model = modelRef === undefined ? priorModel(runs, loaded.model.settings) : loaded.model;
    const { sloTable } = loaded;
    const label = modelRef === undefined ? 'default' : loaded.label;
    const kappa = numberFlag(values, 'kappa') ?? 4;
    const slos =
      loadSlos(ctx, stringFlag(values, 'slos')) ??
      sloTable ??
      (model.profile.size > 0
        ? new Map([...model.profile].map(([id, s]) => [id, s * kappa] as const))
        : undefined);
    const comparisons = runs.map((r) => compareRun(r.id, r.table, model, slos ? { slos } : {}));
    if (ctx.json) {
      printJson(ctx.stdout, {
        model: label,
        runs: comparisons.map(({ points: _points, ...c }) => c),
      });
      return 0;
    }
    for (const c of comparisons) ctx.stdout.write(comparisonText(c, label));
    return 0;
  },
};
