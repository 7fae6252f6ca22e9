/**
 * The benchmark child process: `node [--import tsx] --expose-gc child.js REQUEST_JSON`. Imports one
 * bench file (its top-level `benchmark()` calls register), measures the requested benchmarks with
 * the hrtime clock and prints one result line (see child-protocol.ts). Exit code 0 when measured.
 */
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { calibrationBenchmarks, type ProcessCalibration } from '../../bench/calibration.js';
import { measureBenchmark } from '../../bench/measure.js';
import { registeredBenchmarks } from '../../bench/registry.js';
import type { BenchmarkMeasurement, MeasureEnvironment } from '../../bench/types.js';
import type { ChildRequest, ChildResponse } from './child-protocol.js';
import { RESULT_MARKER } from './child-protocol.js';

function hrtimeClock(): () => number {
  const origin = process.hrtime.bigint();
  return () => Number(process.hrtime.bigint() - origin);
}

function environment(): MeasureEnvironment {
  const gc = (globalThis as { gc?: () => void }).gc;
  return {
    clock: hrtimeClock(),
    heapUsed: () => process.memoryUsage().heapUsed,
    ...(typeof gc === 'function' ? { collectGarbage: () => gc() } : {}),
  };
}

/** The calibration workloads, measured before the file is imported (so its state cannot touch them). */
async function calibrate(env: MeasureEnvironment): Promise<ProcessCalibration> {
  const { compute, memory } = calibrationBenchmarks();
  const computeNs = (await measureBenchmark(compute, env)).stats.p10;
  const memoryNs = (await measureBenchmark(memory, env)).stats.p10;
  return { computeNs, memoryNs };
}

/**
 * The machine's state around a benchmark: the memory workload's 10th percentile, measured just
 * before and just after it (compare.ts leaves out processes that ran while the machine was
 * disturbed; the worse of the two ends counts, as a neighbour may start or stop mid-benchmark: on
 * this VM a process whose state before was quiet ran a benchmark 10–20 % slow).
 */
async function machineState(env: MeasureEnvironment): Promise<number> {
  return (await measureBenchmark(calibrationBenchmarks().memory, env)).stats.p10;
}

/** The hook beside this module, in the same flavour (.js from dist, .ts from source through tsx). */
function registerPerfgateResolution(): void {
  register(import.meta.url.replace(/child\.(ts|js)$/, 'resolve-perfgate.$1'));
}

async function measureFile(request: ChildRequest): Promise<ChildResponse> {
  registerPerfgateResolution();
  const env = environment();
  const counting = request.mode === 'instructions';
  const calibration = request.calibrate === false || counting ? undefined : await calibrate(env);
  await import(pathToFileURL(request.file).href);
  const all = registeredBenchmarks();
  if (all.length === 0) {
    return {
      state: 'errored',
      message: `${request.file} registers no benchmarks (call benchmark(name, fn))`,
    };
  }
  const selected = request.only ? all.filter((b) => request.only?.includes(b.name)) : all;
  if (counting) {
    const { measureInstructionRegions } = await import('./instruction-regions.js');
    return {
      state: 'regions',
      regions: await measureInstructionRegions(selected, process.env, env.collectGarbage),
    };
  }
  const measurements: BenchmarkMeasurement[] = [];
  for (const definition of selected) {
    const options = { ...request.defaults, ...definition.options };
    try {
      const before = calibration === undefined ? undefined : await machineState(env);
      const measurement = await measureBenchmark({ ...definition, options }, env);
      if (before === undefined) measurements.push(measurement);
      else measurements.push({ ...measurement, stateNs: Math.max(before, await machineState(env)) });
    } catch (error) {
      return { state: 'errored', benchmark: definition.name, message: describeError(error) };
    }
  }
  return { state: 'ok', measurements, ...(calibration ? { calibration } : {}) };
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

async function main(): Promise<void> {
  let response: ChildResponse;
  try {
    response = await measureFile(JSON.parse(process.argv[2] ?? '{}') as ChildRequest);
  } catch (error) {
    response = { state: 'errored', message: describeError(error) };
  }
  process.stdout.write(`\n${RESULT_MARKER}${JSON.stringify(response)}\n`, () => {
    process.exit(response.state === 'errored' ? 1 : 0);
  });
}

await main();
