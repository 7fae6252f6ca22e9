import type { Command } from 'commander';
import { type Bind, lazy } from '../context.js';
import { addReportOptions } from '../report/report-flags.js';

/** Registers `perfgate bench` (its options and action) on the program. */
export function registerBenchCommand(program: Command, bind: Bind): void {
  const command = program
    .command('bench')
    .description('run benchmarks in separate processes and check them for regressions against baselines')
    .argument('[files...]', 'benchmark files (default: benchmarks.files of the config)')
    .option('--update-baselines', 'write new baselines when nothing regressed (UPDATE_BASELINES)')
    .option('--threshold <pct>', 'fail on any regression above this percentage (PERFORMANCE_THRESHOLD)')
    .option('--compare-ref <ref>', 'compare against a git ref built in a temporary worktree')
    .option('--processes <n>', 'processes per side before adaptive reruns (benchmarks.processes, default 6)')
    .option('--max-processes <n>', 'limit per side for adaptive reruns (benchmarks.maxProcesses, default 12)')
    .option(
      '--mode <mode>',
      'wall (time per call) or instructions (counted under valgrind: deterministic on a busy machine; benchmarks.mode)',
    )
    .option(
      '--tie-break <how>',
      'auto or instructions (count into the baselines recorded; auto spares `perfgate run` the cost unless it updates them) or off: settle what a disturbed machine leaves open by instruction counts under valgrind (benchmarks.tieBreak)',
    )
    .option('--gc', 'collect garbage before every sample (children always run with --expose-gc)')
    .option('-o, --output <file>', 'write results as JSON (schema/bench-results.schema.json)');
  addReportOptions(command).action(
    // Loaded when the command runs, so other commands and --help do not load its dependencies.
    bind(lazy(async () => (await import('../bench/run-bench.js')).benchCommand)),
  );
}
