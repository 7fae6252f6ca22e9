/**
 * The child side of `--mode instructions` (src/bench/instructions.ts): each counted batch runs
 * inside node's `vm` entry point, `ContextifyScript::RunInContext`, the marker function callgrind
 * is told to collect in and dump after (callgrind.ts). Leaving it makes callgrind write a dump file
 * before this process continues, so the child reads each region's count back at once and sizes
 * the next region from counts alone. Garbage is collected before each region (outside it), so
 * every region starts from the same heap state.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import vm from 'node:vm';
import { createBatchLoop, isThenable } from '../../bench/batch-loop.js';
import { measureInstructions, parseCallgrindTotal } from '../../bench/instructions.js';
import type { BenchmarkDefinition } from '../../bench/types.js';
import { PerfgateError } from '../../core/errors.js';

/** The demangled name of the marker (node 20 – 22); callgrind matches it exactly. */
export const MARKER_FUNCTION =
  'node::contextify::ContextifyScript::RunInContext(v8::FunctionCallbackInfo<v8::Value> const&)';
/** The env var naming callgrind's `--callgrind-out-file` (dumps are `<file>.<n>`). */
export const CALLGRIND_OUT_ENV = 'PERFGATE_CALLGRIND_OUT';

const REGION_KEY = Symbol.for('perfgate.instructions.region');
const region = new vm.Script(`globalThis[Symbol.for('perfgate.instructions.region')]()`);

/** What one benchmark left for the parent: instructions per call, or why it was not counted. */
export type RegionReport =
  | { name: string; perCall: number; calls: number; settled: boolean }
  | { name: string; skipped: string };

/** The newest dump callgrind wrote for `outFile` (`<outFile>.<n>`, highest n). */
function newestDump(outFile: string): string {
  const prefix = `${basename(outFile)}.`;
  const numbers = readdirSync(dirname(outFile))
    .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
    .map((name) => Number(name.slice(prefix.length)));
  if (numbers.length === 0) {
    throw new PerfgateError(
      'BENCHMARK_FAILED',
      `callgrind wrote no dump for a counted region (${outFile}.*)`,
      {
        hint: `node's binary must keep its symbols for valgrind to see ${MARKER_FUNCTION}`,
      },
    );
  }
  return join(dirname(outFile), `${prefix}${Math.max(...numbers)}`);
}

function regionCounter(outFile: string, fn: () => unknown, collectGarbage: (() => void) | undefined) {
  // The loop's clock is not read for the count: a constant-cost stand-in.
  const loop = createBatchLoop(() => 0, false);
  return (calls: number): number => {
    collectGarbage?.();
    (globalThis as Record<symbol, unknown>)[REGION_KEY] = () => void loop(fn, calls);
    region.runInThisContext();
    const dump = newestDump(outFile);
    return parseCallgrindTotal(readFileSync(dump, 'utf8'), dump);
  };
}

/** Counts one synchronous benchmark; async benchmarks cannot run inside one marker call. */
async function measureOne(
  definition: BenchmarkDefinition,
  outFile: string,
  collectGarbage: (() => void) | undefined,
): Promise<RegionReport> {
  const { fn, options, name } = definition;
  await options.setup?.();
  try {
    const probe = fn();
    if (isThenable(probe)) {
      await probe;
      return { name, skipped: 'asynchronous: instructions mode counts synchronous benchmarks only' };
    }
    const figure = measureInstructions(regionCounter(outFile, fn, collectGarbage));
    return { name, ...figure };
  } finally {
    await options.teardown?.();
  }
}

/** Every selected benchmark, in order. Needs the process to run under callgrind (callgrind.ts). */
export async function measureInstructionRegions(
  selected: readonly BenchmarkDefinition[],
  env: Readonly<Record<string, string | undefined>>,
  collectGarbage: (() => void) | undefined,
): Promise<RegionReport[]> {
  const outFile = env[CALLGRIND_OUT_ENV];
  if (outFile === undefined) {
    throw new PerfgateError(
      'BENCHMARK_FAILED',
      `${CALLGRIND_OUT_ENV} is not set: instructions mode runs under callgrind`,
    );
  }
  const reports: RegionReport[] = [];
  for (const definition of selected) reports.push(await measureOne(definition, outFile, collectGarbage));
  return reports;
}
