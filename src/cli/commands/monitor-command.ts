import type { Command } from 'commander';
import type { Bind } from '../context.js';
import { notBuilt } from './not-built.js';

/** Registers `perfgate monitor` (its options and action) on the program. */
export function registerMonitorCommand(program: Command, bind: Bind): void {
  program
    .command('monitor')
    .description('evaluate the SLOs live against Prometheus and alert on changes')
    .option('--prometheus <url>', 'Prometheus base URL (PROMETHEUS_URL)')
    .option('--interval <duration>', 'time between evaluations', '30s')
    .option('--once', 'evaluate once, print and exit')
    .action(bind(notBuilt('monitor', 'live SLO monitoring')));
}
