/**
 * The benchmark step of `perfgate run`: `perfgate bench` itself (its processes, baselines,
 * UPDATE_BASELINES and gate), writing `bench.json` into the results directory. The run's abort
 * signal (SIGINT, the time budget) reaches it as a signal, the way it listens for Ctrl-C.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResults } from '../../bench/results-document.js';
import type { PerfgateConfig } from '../../config/index.js';
import { DEFAULT_BENCHMARK_FILES } from '../../config/schema/benchmarks.js';
import { PerfgateError } from '../../core/errors.js';
import type { BenchStepResult } from '../../pipeline/index.js';
import { discoverEveryPattern, discoverFiles } from '../bench/discover.js';
import { benchCommand } from '../bench/run-bench.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

export const BENCH_RESULTS_FILE = 'bench.json';

/** The CLI world with the run's abort signal delivered as a SIGINT. */
function withAbortAsSignal(io: CommandContext['io'], signal: AbortSignal): CommandContext['io'] {
  return {
    ...io,
    onSignal(handler) {
      const remove = io.onSignal(handler);
      const onAbort = () => handler('SIGINT');
      signal.addEventListener('abort', onAbort, { once: true });
      return () => {
        remove();
        signal.removeEventListener('abort', onAbort);
      };
    },
  };
}

/**
 * Before anything starts: a `benchmarks.files` glob the config wrote (or any, with
 * `--only benchmark`) that matches no file is bad input naming the pattern. Only the default
 * pattern may match nothing: then the config simply has no benchmarks and the suite is skipped.
 */
export function checkBenchGlobs(config: PerfgateConfig, onlyBenchmarks: boolean): void {
  const { files } = config.benchmarks;
  const isDefault =
    files.length === DEFAULT_BENCHMARK_FILES.length &&
    files.every((f, i) => f === DEFAULT_BENCHMARK_FILES[i]);
  if (!isDefault || onlyBenchmarks) discoverEveryPattern(config.dir, files);
}

export async function runBenchStep(
  context: CommandContext<object>,
  config: PerfgateConfig,
  dir: string,
  signal: AbortSignal,
): Promise<BenchStepResult | undefined> {
  if (discoverFiles(config.dir, config.benchmarks.files).length === 0) {
    context.output.info(`benchmarks: no files match ${config.benchmarks.files.join(', ')}`);
    return undefined;
  }
  const path = join(dir, BENCH_RESULTS_FILE);
  const code = await benchCommand(
    {
      ...context,
      io: withAbortAsSignal(context.io, signal),
      options: { ...context.options, output: path, history: false, withinPipeline: true },
    },
    [[]],
  );
  if (code === EXIT.interrupted)
    throw signal.reason ?? new PerfgateError('ABORTED', 'benchmarks interrupted');
  const results = JSON.parse(readFileSync(path, 'utf8')) as BenchResults;
  const benchmarks = results.suites.flatMap((suite) =>
    suite.benchmarks.map((bench) => ({ id: `${suite.name} › ${bench.name}`, bench })),
  );
  return {
    source: BENCH_RESULTS_FILE,
    results,
    gate: results.gate,
    measured: benchmarks.length,
    regressions: benchmarks.flatMap(({ id, bench }) =>
      bench.verdict.kind === 'regression'
        ? [{ name: id, severity: bench.verdict.severity, changePercent: bench.comparison?.changePct ?? 0 }]
        : [],
    ),
  };
}
