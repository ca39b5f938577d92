/**
 * Every command of `autoslo`, in the order `--help` lists them. A command's module (and the
 * packages it needs: the AWS SDK, PGlite, chart.js...) is imported only when that command runs,
 * so `autoslo --help` and light commands start fast.
 */
import type { CommandEntry } from '../command.js';

export const commands: readonly CommandEntry[] = [
  {
    name: 'demo',
    summary: 'generate, tune, simulate and plot the bundled demo, then report what it found',
    load: async () => (await import('./demo.js')).demoCommand,
  },
  {
    name: 'validate',
    summary: 'validate configs, manifests (and the configs they reference) and SLO tables',
    load: async () => (await import('./validate.js')).validateCommand,
  },
  {
    name: 'workload generate',
    summary: 'write a seeded synthetic workload (poisson, phased, diurnal)',
    load: async () => (await import('./workload-generate.js')).workloadGenerateCommand,
  },
  {
    name: 'workload import-redset',
    summary: 'Redset rows (Parquet or CSV) to a workload and a latency profile',
    load: async () => (await import('./workload-import-redset.js')).workloadImportRedsetCommand,
  },
  {
    name: 'workload import-history',
    summary:
      "a warehouse's SYS_QUERY_HISTORY (Data API or exported file) to a workload and measured latencies",
    load: async () => (await import('./workload-import-history.js')).workloadImportHistoryCommand,
  },
  {
    name: 'workload info',
    summary: 'rows, time range, days, templates and rate of a workload',
    load: async () => (await import('./workload-info.js')).workloadInfoCommand,
  },
  {
    name: 'simulate',
    summary: 'one simulator run of an execution config on its workload',
    load: async () => (await import('./simulate.js')).simulateCommand,
  },
  {
    name: 'execute',
    summary: "run an execution manifest's entries in the simulator",
    load: async () => (await import('./execute.js')).executeCommand,
  },
  {
    name: 'tune',
    summary: 'tune execution configs on simulated forecast scenarios (the policy tuner)',
    load: async () => (await import('./tune.js')).tuneCommand,
  },
  {
    name: 'calibrate',
    summary: 'fit the latency model to measured runs and report its error on held-out runs',
    load: async () => (await import('./calibrate.js')).calibrateCommand,
  },
  {
    name: 'compare-live',
    summary:
      'replay a measured run in a latency model and set its error, violations and cost beside it',
    load: async () => (await import('./compare-live.js')).compareLiveCommand,
  },
  {
    name: 'worker',
    summary: 'simulate jobs of tune/execute --redis from a Redis queue (BullMQ), until stopped',
    load: async () => (await import('./worker.js')).workerCommand,
  },
  {
    name: 'plot',
    summary: 'cost-versus-violation figures, CSV and LaTeX tables from a plotting manifest',
    load: async () => (await import('./plot.js')).plotCommand,
  },
  {
    name: 'report',
    summary: 'an interactive, self-contained HTML report of plots, tuner runs and runs',
    load: async () => (await import('./report.js')).reportCommand,
  },
  {
    name: 'slo-table',
    summary: 'SLO tables (mean, p50, p100 × κ) from a closed-loop run',
    load: async () => (await import('./slo-table.js')).sloTableCommand,
  },
  {
    name: 'gateway',
    summary: "route an application's Data API statements over a pool of workgroups under SLOs",
    load: async () => (await import('./gateway.js')).gatewayCommand,
  },
  {
    name: 'local-redshift',
    summary: 'serve a local Redshift Data API and Serverless API on embedded Postgres',
    load: async () => (await import('./local-redshift.js')).localRedshiftCommand,
  },
  {
    name: 'cleanup',
    summary: 'find and delete workgroups and namespaces left by live runs',
    load: async () => (await import('./cleanup.js')).cleanupCommand,
  },
];
