import type { Command } from 'commander';
import type { Bind, Run } from '../context.js';

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
      bind(async (context, args) =>
        ((await import('../load/merge-action.js')).mergeCommand as Run)(context, args),
      ),
    );
}
