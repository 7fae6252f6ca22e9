import type { Command } from 'commander';
import { DEFAULT_TREND_RUNS } from '../../report/history/trends.js';
import { type Bind, lazy } from '../context.js';
import { DEFAULT_HISTORY_LIMIT } from './history-defaults.js';

export { DEFAULT_HISTORY_LIMIT };

// The action lives in its own module, loaded when the command runs, so other commands and
// --help do not load its dependencies.
/** Registers `perfgate history [show ID] [--changes] [--limit N]`. */
export function registerHistoryCommand(program: Command, bind: Bind): void {
  program
    .command('history')
    .description(
      'list recorded runs, show one (`history show ID`), or find step changes in each metric (--changes)',
    )
    .argument('[action]', '"show" to show one run')
    .argument('[id]', 'run number for show')
    .option('--changes', 'run change-point detection (E-divisive means) over each metric')
    .option(
      '--limit <n>',
      `how many recent runs to list (default ${DEFAULT_HISTORY_LIMIT}) or analyse (default ${DEFAULT_TREND_RUNS})`,
    )
    .option('--history-db <file>', 'history database (default: $PERFGATE_HISTORY_DB or .perfgate/history.db)')
    .action(bind(lazy(async () => (await import('./history-action.js')).historyCommand)));
}
