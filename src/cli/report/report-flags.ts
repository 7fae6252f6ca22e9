/**
 * The report and history flags `perfgate load` and `perfgate bench` share with `perfgate report`.
 * Kept free of the report code, so a command without these flags never loads it.
 */
import type { Command } from 'commander';
import type { ReportFileOptions } from './outputs.js';

export interface CommandReportOptions extends ReportFileOptions {
  /** `perfgate load`'s older spelling of --html (DESIGN.md). */
  report?: string;
  history?: boolean;
  historyDb?: string;
}

/** True when any report file was asked for. */
export function wantsReports(options: CommandReportOptions): boolean {
  return [options.html, options.report, options.markdown, options.junit, options.json].some(
    (file) => file !== undefined,
  );
}

/** Adds --html, --markdown, --junit, --json and the history flags, worded as `perfgate report` words them. */
export function addReportOptions(command: Command): Command {
  return command
    .option('--html <file>', 'self-contained HTML report (charts, works offline)')
    .option('--markdown <file>', 'Markdown summary (e.g. $GITHUB_STEP_SUMMARY)')
    .option('--junit <file>', 'JUnit XML, one testcase per gate')
    .option('--json <file>', 'combined JSON result (schema/run-report.schema.json)')
    .option(
      '--history-db <file>',
      'history database for runs with reports (default: $PERFGATE_HISTORY_DB or .perfgate/history.db)',
    )
    .option('--no-history', 'with report flags: do not record this run or show trends');
}
