import { systemClock } from '../../../src/cli/clock.js';
import type { HttpClient, IterationOutcome } from '../../../src/load/contracts.js';
import { loadScriptAssets, type ScriptAssets } from '../../../src/load/data/assets.js';
import type { ProcessorModule } from '../../../src/load/flow/processor.js';
import { createVuRunner, type VuRunnerDeps } from '../../../src/load/flow/vu-runner.js';
import { createHttpClient } from '../../../src/load/http/client.js';
import { formatScriptIssue } from '../../../src/load/script/issues.js';
import type { LoadScript } from '../../../src/load/script/model.js';
import { parseScript } from '../../../src/load/script/parse.js';
import { mulberry32 } from '../../../src/stats/random.js';
import { MemoryMetrics } from './memory-metrics.js';

/** Part B's real undici client, as `perfgate load` builds it (traceparent on). */
export function createTestClient(testZeroMs: number): HttpClient {
  return createHttpClient({
    clock: systemClock,
    testZeroMs,
    rejectUnauthorized: true,
    traceparent: true,
    connectTimeoutMs: 5_000,
  });
}

/** A seeded PRNG, so picks and random rows repeat run to run. */
export const seededRandom = (seed: number): (() => number) => mulberry32(seed);

export function parseOk(
  text: string,
  file = '/virtual/script.yml',
  env: Record<string, string> = {},
): LoadScript {
  const result = parseScript(text, file, { env });
  if (result.state === 'invalid') throw new Error(result.issues.map(formatScriptIssue).join('\n'));
  return result.script;
}

export interface RunVusOptions {
  readonly vus?: number;
  readonly random?: () => number;
  readonly processor?: ProcessorModule;
  readonly assets?: ScriptAssets;
  readonly readFile?: (path: string) => Promise<string>;
  readonly extra?: Partial<VuRunnerDeps>;
  /** Aborts the VUs (the test's end); default never. */
  readonly signal?: AbortSignal;
}

/** Runs `vus` VUs one after another through a real HTTP client; returns outcomes and metrics. */
export async function runVus(script: LoadScript, options: RunVusOptions = {}) {
  const metrics = new MemoryMetrics();
  const testZeroMs = systemClock.monotonic();
  const http = createTestClient(testZeroMs);
  let assets = options.assets;
  if (!assets && options.readFile) {
    const loaded = await loadScriptAssets(script, options.readFile);
    if (loaded.state === 'invalid') throw new Error(loaded.issues.map(formatScriptIssue).join('\n'));
    assets = loaded.assets;
  }
  const iterate = createVuRunner(script, {
    http,
    metrics,
    clock: systemClock,
    testZeroMs,
    random: options.random ?? seededRandom(1),
    ...(assets ? { assets } : {}),
    ...(options.processor ? { processor: options.processor } : {}),
    ...options.extra,
  });
  const outcomes: IterationOutcome[] = [];
  const signal = options.signal ?? new AbortController().signal;
  for (let vu = 0; vu < (options.vus ?? 1); vu++) {
    const intendedStartMs = systemClock.monotonic() - testZeroMs;
    outcomes.push(await iterate({ vuId: vu, intendedStartMs, phaseIndex: 0, signal }));
  }
  await http.close();
  return { outcomes, metrics };
}
