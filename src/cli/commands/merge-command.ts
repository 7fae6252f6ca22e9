import type { Command } from 'commander';
import type { Bind, Run } from '../context.js';
import { mergeCommand } from '../load/merge-action.js';

/** Registers `perfgate merge` (its options and action) on the program. */
export function registerMergeCommand(program: Command, bind: Bind): void {
  program
    .command('merge')
    .description('merge results from several load generators exactly')
    .argument('<results...>', 'results JSON files')
    .requiredOption('-o, --output <file>', 'merged results file')
    .option('--allow-saturated', 'exit 0/1 even when a load generator was the bottleneck')
    .action(bind(mergeCommand as Run));
}
