import type { Command } from 'commander';
import { type Bind, lazy } from '../context.js';

// The action lives in its own module, loaded when the command runs, so other commands and
// --help do not load its dependencies.
/** Registers `perfgate slo check|rules|verify|import` (their options and actions) on the program. */
export function registerSloCommand(program: Command, bind: Bind): void {
  const slo = program.command('slo').description('SLO compliance and Prometheus rules');
  slo
    .command('check')
    .description('check finished results (load tests, benchmarks) against the SLOs, in error-budget terms')
    .argument('<results...>', 'results JSON files (load tests, benchmarks)')
    .option('--explain', 'print every number with its formula')
    .option('--slo <names...>', 'only these SLOs')
    .option(
      '--latency-metric <name>',
      'latency judged for load tests: perfgate.http.duration (from the intended start, default) or http.response_time',
    )
    .option('--json', 'print the checks as JSON')
    .action(bind(lazy(async () => (await import('./slo-action.js')).sloCheckCommand)));
  slo
    .command('rules')
    .description('write Prometheus recording and multiwindow multi-burn-rate alert rules')
    .option('-o, --output <file>', 'rules file (default: stdout)')
    .option('--tests <file>', 'also write promtool unit tests for the rules')
    .option(
      '--alertmanager <file>',
      'also write Alertmanager inhibit rules (faster tiers silence slower ones)',
    )
    .option('--slo <names...>', 'only these SLOs')
    .action(bind(lazy(async () => (await import('../slo/rules-command.js')).sloRulesCommand)));
  slo
    .command('verify')
    .description('ask a live Prometheus whether every SLI query returns data, and name those that do not')
    .option('--prometheus <url>', 'Prometheus base URL (default: PROMETHEUS_URL, then prometheus.url)')
    .option('--slo <names...>', 'only these SLOs (names or ids)')
    .option('--window <duration>', 'range put in the queries’ {{window}}', '5m')
    .option('--lookback <duration>', 'how far back to look for series of an empty query’s metrics', '1h')
    .option('--json', 'print the verdicts as JSON')
    .action(bind(lazy(async () => (await import('../slo/verify-command.js')).sloVerifyCommand)));
  slo
    .command('import')
    .description(
      'convert OpenSLO documents (openslo/v1, v1alpha, v2alpha: SLO, SLI, DataSource) to perfgate slos: entries',
    )
    .argument('<file>', 'OpenSLO YAML file (one or more documents, or a list of them)')
    .option('-o, --output <file>', 'write the slos: YAML to a file (default: stdout)')
    .action(bind(lazy(async () => (await import('../slo/import-command.js')).sloImportCommand)));
}
