/**
 * The benchmark child process: `node [--import tsx] --expose-gc child.js REQUEST_JSON`. Imports one
 * bench file (its top-level `benchmark()` calls register), measures the requested benchmarks with
 * the hrtime clock and prints one result line (see child-protocol.ts). Exit code 0 when measured.
 */
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
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

/** The hook beside this module, in the same flavour (.js from dist, .ts from source through tsx). */
function registerPerfgateResolution(): void {
  register(import.meta.url.replace(/child\.(ts|js)$/, 'resolve-perfgate.$1'));
}

async function measureFile(request: ChildRequest): Promise<ChildResponse> {
  registerPerfgateResolution();
  await import(pathToFileURL(request.file).href);
  const all = registeredBenchmarks();
  if (all.length === 0) {
    return {
      state: 'errored',
      message: `${request.file} registers no benchmarks (call benchmark(name, fn))`,
    };
  }
  const selected = request.only ? all.filter((b) => request.only?.includes(b.name)) : all;
  const env = environment();
  const measurements: BenchmarkMeasurement[] = [];
  for (const definition of selected) {
    const options = { ...request.defaults, ...definition.options };
    try {
      measurements.push(await measureBenchmark({ ...definition, options }, env));
    } catch (error) {
      return { state: 'errored', benchmark: definition.name, message: describeError(error) };
    }
  }
  return { state: 'ok', measurements };
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
    process.exit(response.state === 'ok' ? 0 : 1);
  });
}

await main();
