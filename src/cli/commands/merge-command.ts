import type { Command } from 'commander';
import type { Bind } from '../context.js';
import { notBuilt } from './not-built.js';

/** Registers `perfgate merge` (its options and action) on the program. */
export function registerMergeCommand(program: Command, bind: Bind): void {
  program
    .command('merge')
    .description('merge results from several load generators exactly')
    .argument('<results...>', 'results JSON files')
    .requiredOption('-o, --output <file>', 'merged results file')
    .action(bind(notBuilt('merge', 'merging results')));
}
