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

/**
 * True when this run goes into history: every run unless --no-history, except one generator's
 * share of a distributed test (its coordinator records the merged run).
 */
export function recordsHistory(options: CommandReportOptions & GeneratorShare): boolean {
  if (options.history === false) return false;
  return options.segment === undefined && options.jobSegment === undefined && options.printResults !== true;
}

interface GeneratorShare {
  segment?: string;
  jobSegment?: string;
  printResults?: boolean;
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
      'history database every run is recorded in (default: $PERFGATE_HISTORY_DB or .perfgate/history.db)',
    )
    .option('--no-history', 'do not record this run in history (nor show trends in its reports)');
}
