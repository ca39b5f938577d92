/**
 * The demo's four stages on the bundled data: generate the workload if missing, tune
 * (`manifests/tuning/demo.yml`), simulate (`manifests/execution/demo.yml`) and plot
 * (`manifests/plotting/demo.yml`). Each stage calls the same package functions as the
 * `workload generate`, `tune`, `execute` and `plot` commands. A stage that fails is reported
 * and the next ones still run on whatever exists.
 */
import { access, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DataDir } from '@autoslo/config';
import { loadExecutionResult, type PeerPolicyName } from '@autoslo/core';
import { type PlotResult, plotManifest } from '@autoslo/plotter';
import { defaultReportPath, writeReport } from '@autoslo/report';
import { type ExecutionPlan, planExecution, runPlan } from '@autoslo/simulator';
import { planTuningRuns, runTuning } from '@autoslo/tuner';
import { readWorkloadFile, writeWorkloadParquet } from '@autoslo/workload';
import { parse } from 'yaml';
import type { Progress } from '../progress.js';
import { type DemoFindings, demoFindings, type MethodResult } from './demo-findings.js';
import { demoReportDocument } from './demo-report-html.js';
import { DEMO_WORKLOAD, generateDemoWorkload, sameArrivals } from './demo-workload.js';
/** The name of the demo's tuning, execution and plotting manifests. */
export const DEMO_MANIFEST = 'demo';
/** Used only when the plot stage could not score the runs under the plot's own threshold. */
const FALLBACK_THRESHOLD = 0.1;

export type StageName = 'workload' | 'tune' | 'execute' | 'plot' | 'report';

export interface StageReport {
  readonly stage: StageName;
  /** `reused`: the outputs existed (pass `force` to redo); `partial`: some outputs missing. */
  readonly status: 'done' | 'reused' | 'partial' | 'failed';
  readonly seconds: number;
  /** One line saying what happened. */
  readonly detail: string;
}

export interface DemoOutput {
  readonly what: string;
  readonly path: string;
}

export interface DemoReport {
  readonly stages: readonly StageReport[];
  readonly findings: DemoFindings | null;
  readonly outputs: readonly DemoOutput[];
  /** The HTML report, when written. */
  readonly report: string | null;
}

export interface DemoOptions {
  readonly dataDir: string;
  /** Redo every stage even when its outputs exist. */
  readonly force?: boolean;
  /** Worker threads for tuning and simulation (default: one per core). */
  readonly threads?: number;
  readonly progress: (label: string, total: number) => Progress;
  /** Stage status lines. */
  readonly log: (line: string) => void;
  /** The tuner's own detailed lines (sweep winners, tables); dropped when absent. */
  readonly tunerLog?: (line: string) => void;
  /** Write the HTML report (default true). */
  readonly report?: boolean;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const PEER_POLICIES: ReadonlySet<string> = new Set<PeerPolicyName>([
  'snowflake_standard',
  'snowflake_economy',
  'redshift_queue_time',
  'databricks_drain_time',
]);

/**
 * Static: no autoscaling and no scheduled spin-ups, the fixed pool the run started with.
 * Peer: a peer system's scaling rule.
 */
async function runKind(runDir: string): Promise<{ isStatic: boolean; isPeer: boolean }> {
  const doc = parse(await readFile(join(runDir, 'execution_config.yml'), 'utf8')) as {
    autoscaler_config?: { autoscaling_policy?: string };
    scheduled_spinups?: unknown[] | null;
  } | null;
  const policy = doc?.autoscaler_config?.autoscaling_policy ?? '';
  return {
    isStatic: policy === 'noop' && (doc?.scheduled_spinups ?? []).length === 0,
    isPeer: PEER_POLICIES.has(policy),
  };
}

async function findingsFromPlot(result: PlotResult): Promise<DemoFindings | null> {
  const panel = result.panels[0];
  if (!panel || panel.points.length === 0) return null;
  const methods: MethodResult[] = [];
  for (const p of panel.points) {
    methods.push({
      label: p.label,
      violation: p.x,
      cost: p.y,
      ...(await runKind(p.runDir)),
      runDir: p.runDir,
    });
  }
  return demoFindings(methods, panel.sloThreshold, panel.improvementArrow?.targetLabel ?? null);
}

/** Scores each run of the plan under its own config's SLOs (when the plot stage failed). */
async function findingsFromRuns(plan: ExecutionPlan, dataDir: string): Promise<DemoFindings> {
  const methods: MethodResult[] = [];
  for (const run of plan.runs) {
    if (!(await exists(join(run.outDir, 'execution_config.yml')))) continue;
    const result = await loadExecutionResult(run.outDir, { dataDir });
    methods.push({
      label: run.configLabel,
      violation: result.violation_rate,
      cost: result.total_cost,
      ...(await runKind(run.outDir)),
      runDir: run.outDir,
    });
  }
  return demoFindings(methods, FALLBACK_THRESHOLD, null);
}

export async function runDemo(options: DemoOptions): Promise<DemoReport> {
  const { dataDir, log } = options;
  const force = options.force ?? false;
  const dir = new DataDir(dataDir);
  const stages: StageReport[] = [];
  const outputs: DemoOutput[] = [];
  const stage = async (
    name: StageName,
    body: () => Promise<Omit<StageReport, 'stage' | 'seconds'>>,
  ): Promise<void> => {
    const started = performance.now();
    let report: StageReport;
    try {
      report = { stage: name, seconds: 0, ...(await body()) };
    } catch (error) {
      report = { stage: name, seconds: 0, status: 'failed', detail: messageOf(error) };
    }
    report = { ...report, seconds: (performance.now() - started) / 1000 };
    stages.push(report);
    log(`[${name}] ${report.status}: ${report.detail} (${report.seconds.toFixed(1)} s)`);
  };

  await stage('workload', async () => {
    const path = dir.workload(DEMO_WORKLOAD);
    outputs.push({ what: 'workload', path });
    const trace = generateDemoWorkload();
    if (!force && (await exists(path))) {
      // A file left by an older demo (other generator options) or written by hand is used as
      // it is, but said so: the figures then are not the documented ones.
      const existing = await readWorkloadFile(path);
      if (sameArrivals(existing, trace)) {
        return { status: 'reused', detail: `${DEMO_WORKLOAD} exists` };
      }
      return {
        status: 'reused',
        detail:
          `${DEMO_WORKLOAD} exists but is not the demo's own (${existing.length} queries, ` +
          `the demo generates ${trace.length}); --force regenerates it`,
      };
    }
    await mkdir(dirname(path), { recursive: true });
    await writeWorkloadParquet(path, trace);
    return { status: 'done', detail: `generated ${DEMO_WORKLOAD}: ${trace.length} queries` };
  });

  // Set by the stages (closures), read by later ones.
  const state: {
    tunedAnew: boolean;
    plan: ExecutionPlan | null;
    findings: DemoFindings | null;
    plot: PlotResult | null;
    tunerRunDirs: string[];
    report: string | null;
  } = { tunedAnew: false, plan: null, findings: null, plot: null, tunerRunDirs: [], report: null };
  await stage('tune', async () => {
    const runs = await planTuningRuns({ manifest: DEMO_MANIFEST, params: {} }, { dataDir });
    const done: string[] = [];
    const reused: string[] = [];
    const failed: string[] = [];
    for (const run of runs) {
      const name = run.spec.name;
      try {
        const result = await runTuning(run.spec, {
          dataDir,
          force,
          ...(options.threads !== undefined ? { threads: options.threads } : {}),
          progress: (label, total) => options.progress(`tune ${name}: ${label}`, total),
          log: options.tunerLog ?? (() => {}),
        });
        (result.status === 'skipped' ? reused : done).push(name);
        if (result.status !== 'skipped') state.tunedAnew = true;
        outputs.push({ what: `tuned config ${name}`, path: result.publishedPath });
        outputs.push({ what: `tuner run ${name}`, path: result.runDir });
        state.tunerRunDirs.push(result.runDir);
      } catch (error) {
        failed.push(`${name} (${messageOf(error)})`);
      }
    }
    const parts = [
      done.length > 0 ? `tuned ${done.join(', ')}` : '',
      reused.length > 0 ? `reused ${reused.join(', ')}` : '',
      failed.length > 0 ? `failed ${failed.join(', ')}` : '',
    ].filter((p) => p !== '');
    const status =
      failed.length === runs.length
        ? 'failed'
        : failed.length > 0
          ? 'partial'
          : done.length > 0
            ? 'done'
            : 'reused';
    return { status, detail: parts.join('; ') || 'no tuning runs in the manifest' };
  });

  await stage('execute', async () => {
    // Runs of freshly tuned configs are stale, so a new tuning re-simulates everything.
    const current = await planExecution(DEMO_MANIFEST, {
      dataDir,
      force: force || state.tunedAnew,
    });
    state.plan = current;
    const toRun = current.runs.filter((r) => r.action === 'run').length;
    const progress = options.progress('simulate', toRun);
    const executed = await runPlan(current, {
      dataDir,
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
      onProgress: () => progress.tick(),
    });
    progress.done();
    const first = current.runs[0];
    if (first) outputs.push({ what: 'simulator runs', path: dirname(first.outDir) });
    const reused = current.runs.filter((r) => r.action === 'skip-exists').length;
    const missing = current.runs.filter((r) => r.action === 'skip-missing');
    const detail = [
      `${executed.length} simulated`,
      reused > 0 ? `${reused} reused` : '',
      ...missing.map((r) => `skipped ${r.configLabel}: ${r.reason ?? 'missing'}`),
    ]
      .filter((p) => p !== '')
      .join(', ');
    const status = missing.length > 0 ? 'partial' : executed.length > 0 ? 'done' : 'reused';
    return { status, detail };
  });

  await stage('plot', async () => {
    const result = await plotManifest(DEMO_MANIFEST, {
      dataDir,
      force: true,
      warn: (m) => log(`warning: ${m}`),
    });
    for (const file of result.written) outputs.push({ what: 'plot', path: file });
    state.plot = result;
    state.findings = await findingsFromPlot(result);
    const missing = result.missing.map((m) => `missing '${m.label}' (${m.command})`);
    if (result.status === 'no-points') return { status: 'failed', detail: 'no run to plot' };
    if (result.renderError) {
      return {
        status: 'partial',
        detail: `CSV and LaTeX table written; PNGs not drawn: ${result.renderError.message}`,
      };
    }
    return {
      status: missing.length > 0 ? 'partial' : 'done',
      detail: [
        `${result.written.length} files written (PNGs drawn with ${result.backend ?? 'no canvas'})`,
        ...missing,
      ].join('; '),
    };
  });

  if (state.findings === null && state.plan !== null) {
    try {
      state.findings = await findingsFromRuns(state.plan, dataDir);
    } catch (error) {
      log(`could not score the simulator runs: ${messageOf(error)}`);
    }
  }

  if (options.report !== false) {
    await stage('report', async () => {
      const path = defaultReportPath(dataDir, DEMO_MANIFEST);
      const doc = await demoReportDocument({
        dataDir,
        findings: state.findings,
        plot: state.plot,
        tunerRunDirs: state.tunerRunDirs,
      });
      await writeReport(path, doc);
      state.report = path;
      outputs.push({ what: 'report', path });
      return { status: 'done', detail: `${doc.sections.length} sections in ${path}` };
    });
  }
  return { stages, findings: state.findings, outputs, report: state.report };
}
