import { type Command, Option } from 'commander';
import { type Bind, lazy } from '../context.js';

/** Registers `perfgate run` (its options and action) on the program. */
export function registerRunCommand(program: Command, bind: Bind): void {
  program
    .command('run')
    .description('the whole pipeline: services, benchmarks, load tests, SLO and regression gates, reports')
    .addOption(
      new Option('--only <suite>', 'run one suite (PERFORMANCE_TEST_MODE)').choices([
        'slo',
        'benchmark',
        'load',
      ]),
    )
    .option('-y, --yes', 'confirm a run against an environment that asks for it (production)')
    .option('--results-dir <dir>', 'where reports go (default: perf-results/<timestamp>)')
    .option('--dry-run', 'print the plan without running it')
    .option(
      '--history-db <file>',
      'history database the run is recorded in (default: $PERFGATE_HISTORY_DB or .perfgate/history.db)',
    )
    .option('--no-history', 'do not record this run in history (nor show trends in its report)')
    .option('--pushgateway <url>', "push each load test's final results to this Prometheus Pushgateway")
    .option('--push-job <name>', 'Pushgateway job label', 'perfgate')
    .option('--push-instance <id>', 'Pushgateway instance label (default: the host name)')
    .action(
      // Loaded when the command runs, so other commands and --help do not load its dependencies.
      bind(lazy(async () => (await import('../run/run-action.js')).runCommand)),
    );
}
