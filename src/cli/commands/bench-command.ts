import type { Command } from 'commander';
import type { Bind } from '../context.js';
import { notBuilt } from './not-built.js';

/** Registers `perfgate bench` (its options and action) on the program. */
export function registerBenchCommand(program: Command, bind: Bind): void {
  program
    .command('bench')
    .description('run benchmarks and check them for regressions against baselines')
    .argument('[files...]', 'benchmark files (default: benchmarks.files of the config)')
    .option('--update-baselines', 'write new baselines when nothing regressed (UPDATE_BASELINES)')
    .option('--threshold <pct>', 'fail on any regression above this percentage (PERFORMANCE_THRESHOLD)')
    .option('--compare-ref <ref>', 'compare against a git ref built in a temporary worktree')
    .option('-o, --output <file>', 'write results as JSON')
    .action(bind(notBuilt('bench', 'benchmarking')));
}
