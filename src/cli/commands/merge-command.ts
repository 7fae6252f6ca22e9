import type { Command } from 'commander';
import { type Bind, lazy } from '../context.js';

/** Registers `perfgate merge` (its options and action) on the program. */
export function registerMergeCommand(program: Command, bind: Bind): void {
  program
    .command('merge')
    .description('merge results from several load generators exactly')
    .argument('<results...>', 'results JSON files')
    .requiredOption('-o, --output <file>', 'merged results file')
    .option('--allow-saturated', 'exit 0/1 even when a load generator was the bottleneck')
    .action(
      // Loaded when the command runs, so other commands and --help do not load its dependencies.
      bind(lazy(async () => (await import('../load/merge-action.js')).mergeCommand)),
    );
}
