import type { Command } from 'commander';
import type { Bind } from '../context.js';
import { notBuilt } from './not-built.js';

/** Registers `perfgate report` (its options and action) on the program. */
export function registerReportCommand(program: Command, bind: Bind): void {
  program
    .command('report')
    .description('write reports from saved results')
    .argument('<results...>', 'results JSON files')
    .option('--html <file>', 'self-contained HTML report')
    .option('--markdown <file>', 'Markdown summary (e.g. $GITHUB_STEP_SUMMARY)')
    .option('--junit <file>', 'JUnit XML, one testcase per gate')
    .option('--json <file>', 'combined JSON result')
    .action(bind(notBuilt('report', 'reporting')));
}
