/**
 * Benchmarks registered by bench files (`benchmark(name, fn, options)` at top level), collected by
 * the runner's child process after importing the file. The registry lives on `globalThis` under a
 * `Symbol.for` key so a bench file importing perfgate from `dist` and a runner loaded from `src`
 * (or two copies of the package) still share it.
 */
import { PerfgateError } from '../core/errors.js';
import type { BenchmarkDefinition, BenchmarkFn, BenchmarkOptions } from './types.js';

const REGISTRY_KEY = Symbol.for('perfgate.bench.registry');

function registry(): BenchmarkDefinition[] {
  const holder = globalThis as { [REGISTRY_KEY]?: BenchmarkDefinition[] };
  holder[REGISTRY_KEY] ??= [];
  return holder[REGISTRY_KEY];
}

/**
 * Registers a benchmark for `perfgate bench`. Names must be unique within a file (they key
 * baselines). Throws `INVALID_ARGUMENT` for an empty or duplicate name or a non-function.
 */
export function benchmark(name: string, fn: BenchmarkFn, options: BenchmarkOptions = {}): void {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new PerfgateError('INVALID_ARGUMENT', 'a benchmark needs a non-empty name');
  }
  if (typeof fn !== 'function') {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `benchmark "${name}": the second argument must be a function`,
    );
  }
  const benchmarks = registry();
  if (benchmarks.some((existing) => existing.name === name)) {
    throw new PerfgateError('INVALID_ARGUMENT', `benchmark "${name}" is registered twice`, {
      hint: 'give each benchmark in a file its own name; names key the baselines',
    });
  }
  benchmarks.push({ name, fn, options });
}

/** The benchmarks registered so far, in registration order. */
export function registeredBenchmarks(): readonly BenchmarkDefinition[] {
  return [...registry()];
}

/** Forgets every registered benchmark (between files, and in tests). */
export function clearRegisteredBenchmarks(): void {
  registry().length = 0;
}
