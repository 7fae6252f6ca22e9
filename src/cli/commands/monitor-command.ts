import type { Command } from 'commander';
import { type Bind, lazy } from '../context.js';

// The action lives in its own module, loaded when the command runs, so other commands and
// --help do not load its dependencies.
/** Registers `perfgate monitor` (its options and action) on the program. */
export function registerMonitorCommand(program: Command, bind: Bind): void {
  program
    .command('monitor')
    .description('evaluate the SLOs live against Prometheus and alert on changes')
    .option('--prometheus <url>', 'Prometheus base URL (PROMETHEUS_URL, else prometheus.url of the config)')
    .option('--interval <duration>', 'time between evaluations', '30s')
    .option('--once', 'evaluate once, print and exit (0 quiet, 1 an alert fires, 3 no data)')
    .option(
      '--metrics-port <port>',
      "serve the monitor's own state as Prometheus metrics on 127.0.0.1:PORT/metrics",
    )
    .option('--webhook <urls...>', 'also POST alert events as JSON to these URLs')
    .option('--slo <names...>', 'only these SLOs')
    .action(bind(lazy(async () => (await import('./monitor-action.js')).monitorCommand)));
}
