/** Every command of `autoslo`, in the order `--help` lists them. One file per command. */
import type { Command } from '../command.js';
import { cleanupCommand } from './cleanup.js';
import { demoCommand } from './demo.js';
import { executeCommand } from './execute.js';
import { localRedshiftCommand } from './local-redshift.js';
import { plotCommand } from './plot.js';
import { simulateCommand } from './simulate.js';
import { sloTableCommand } from './slo-table.js';
import { tuneCommand } from './tune.js';
import { validateCommand } from './validate.js';
import { workloadGenerateCommand } from './workload-generate.js';
import { workloadImportRedsetCommand } from './workload-import-redset.js';
import { workloadInfoCommand } from './workload-info.js';

export const commands: readonly Command[] = [
  demoCommand,
  validateCommand,
  workloadGenerateCommand,
  workloadImportRedsetCommand,
  workloadInfoCommand,
  simulateCommand,
  executeCommand,
  localRedshiftCommand,
  tuneCommand,
  plotCommand,
  sloTableCommand,
  cleanupCommand,
];
