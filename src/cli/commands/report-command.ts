import type { Command } from 'commander';
import { type Bind, lazy } from '../context.js';

// The action lives in its own module, loaded when the command runs, so other commands and
// --help do not load its dependencies.
/** Registers `perfgate report` (its options and action) on the program. */
export function registerReportCommand(program: Command, bind: Bind): void {
  program
    .command('report')
    .description(
      'write reports from saved results (load, bench, SLO or run-report JSON) and record the run in history',
    )
    .argument('<results...>', 'results JSON files')
    .option('--html <file>', 'self-contained HTML report (charts, works offline)')
    .option('--markdown <file>', 'Markdown summary (e.g. $GITHUB_STEP_SUMMARY)')
    .option('--junit <file>', 'JUnit XML, one testcase per gate')
    .option('--json <file>', 'combined JSON result (schema/run-report.schema.json)')
    .option('--title <text>', 'report title (default: perfgate run)')
    .option('--report-url <url>', 'link to the full report, added to the Markdown summary')
    .option('--history-db <file>', 'history database (default: $PERFGATE_HISTORY_DB or .perfgate/history.db)')
    .option('--no-history', 'do not record this run or show trends')
    .action(bind(lazy(async () => (await import('./report-action.js')).reportCommand)));
}
