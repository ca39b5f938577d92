/**
 * `autoslo calibrate`: fits the latency model to measured runs (imported histories, live run
 * directories), reports its error on held-out runs beside the default model's, and writes
 * the profile, the `latency_model_config` section and the report.
 */
import { calibrate, calibrationReportText, saveCalibration } from '@autoslo/calibration';
import { InputError, loadExecutionConfig, parseParamFlags } from '@autoslo/config';
import { type Command, UsageError } from '../command.js';
import { loadMeasuredRuns, loadModel, loadSlos } from './measured-runs.js';
import { predictionPng } from './prediction-png.js';
import { numberFlag, printJson, stringFlag } from './workload-flags.js';

export const calibrateCommand: Command = {
  usage: [
    'Usage: autoslo calibrate (--history NAME | --run ID)... [options]',
    '',
    'Fits the latency model (isolated latency per template at the reference RPU, RPU exponent,',
    'parallelism per RPU, admission limit, noise) to measured runs, and measures the fitted and',
    'the default model on held-out runs. A parameter the data cannot identify keeps its prior',
    'and the report says why. Writes <data dir>/profiles/<name>.yml and calibration/<name>/',
    '(latency_model_config.yml, report.json, report.txt, predicted_vs_measured.png and .csv).',
    '',
    '  --history NAME       an imported history (workload import-history); repeatable',
    '  --run ID             a live run directory runs/<ID>/; repeatable',
    '  --holdout ID         hold this run out (default: the last run; one run: its last 25%)',
    '  --prior REF          execution config whose latency_model_config is the prior (default: defaults)',
    '  --param K=V          placeholder value for --prior / --base-config (repeatable)',
    '  --slos NAME          SLO table for violation rates (default: --kappa x calibrated latency)',
    '  --kappa K            SLO multiplier when no --slos (default 4)',
    '  --name NAME          output name (default calibrated)',
    '  --base-config REF    also write execution_configs/calibrated/<name>.yml: REF with the',
    '                       calibrated latency_model_config (run it as exec:calibrated/<name>)',
  ].join('\n'),
  options: {
    history: { type: 'string', multiple: true },
    run: { type: 'string', multiple: true },
    holdout: { type: 'string', multiple: true },
    prior: { type: 'string' },
    param: { type: 'string', multiple: true },
    slos: { type: 'string' },
    kappa: { type: 'string' },
    name: { type: 'string' },
    'base-config': { type: 'string' },
  },
  async run(ctx, { values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const name = stringFlag(values, 'name') ?? 'calibrated';
    if (!/^[A-Za-z0-9_.-]+$/.test(name))
      throw new InputError({
        path: '--name',
        message: 'use letters, digits, _ . -',
        received: name,
      });
    const params = (values.param as string[] | undefined) ?? [];
    const prior = await loadModel(ctx, stringFlag(values, 'prior'), params);
    const baseRef = stringFlag(values, 'base-config');
    // The base config is validated before anything is fitted or written.
    const baseConfigFile = baseRef
      ? (
          await loadExecutionConfig(baseRef, {
            dataDir: ctx.dataDir,
            params: parseParamFlags(params),
          })
        ).file
      : undefined;
    const runs = await loadMeasuredRuns(ctx, values);
    ctx.log(
      `calibrating on ${runs.length} measured run(s): ${runs.map((r) => `${r.id} (${r.table.length} rows)`).join(', ')}`,
    );
    const kappa = numberFlag(values, 'kappa');
    const slos = loadSlos(ctx, stringFlag(values, 'slos'));
    const result = calibrate(runs, prior.model.settings, {
      ...(values.holdout ? { holdout: values.holdout as string[] } : {}),
      ...(slos ? { slos } : {}),
      ...(kappa === undefined ? {} : { kappa }),
      profileFilename: `${name}.yml`,
    });
    const png = await predictionPng(
      [
        { label: 'calibrated model', comparisons: result.heldOut.calibrated },
        { label: 'default model', comparisons: result.heldOut.prior },
      ],
      `Held-out runs: ${result.heldOutRuns.join(', ')}`,
      (line) => ctx.log(line),
    );
    const saved = await saveCalibration(result, {
      dataDir: ctx.dataDir,
      name,
      ...(baseConfigFile ? { baseConfigFile } : {}),
      ...(png ? { extraFiles: { 'predicted_vs_measured.png': png } } : {}),
    });
    const { report, ...paths } = saved;
    if (ctx.json) {
      printJson(ctx.stdout, { name, ...paths, report });
      return 0;
    }
    ctx.stdout.write(calibrationReportText(report));
    ctx.stdout.write(`\n${paths.profileFile}\n${paths.configBlockFile}\n${paths.reportFile}\n`);
    if (paths.executionConfigFile) ctx.stdout.write(`${paths.executionConfigFile}\n`);
    return 0;
  },
};
