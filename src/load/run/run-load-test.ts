import type { Clock } from '../../core/clock.js';
import { PerfgateError } from '../../core/errors.js';
import { type Logger, silentLogger } from '../../core/logger.js';
import type { ScriptAssets } from '../data/assets.js';
import { checkPayloadPartition } from '../data/partition.js';
import type { ReadUpload } from '../flow/multipart.js';
import type { ProcessorModule } from '../flow/processor.js';
import { runFlowOnce } from '../flow/run-once.js';
import { createVuRunner } from '../flow/vu-runner.js';
import type { CpuUsageProbe } from '../health/monitor.js';
import type { HealthLimits } from '../health/verdict.js';
import { createHttpClient } from '../http/client.js';
import { WindowedRecorder } from '../metrics/recorder.js';
import { buildResults, type GeneratorResult, type LoadResults } from '../metrics/results.js';
import type { WindowData } from '../metrics/window.js';
import { plan } from '../schedule/plan.js';
import { formatSegment, type Segment, subSegment, WHOLE_TEST } from '../schedule/segment.js';
import { checkStartAt } from '../schedule/start-at.js';
import { formatScriptIssue } from '../script/issues.js';
import type { LoadScript } from '../script/model.js';
import { parseScript } from '../script/parse.js';
import { type GeneratorRun, type IterationFactory, runGenerator } from './generator.js';
import { defaultIntervalMs } from './interval.js';

/** Artillery's window width: the widest default window (see interval.ts). */
export const DEFAULT_INTERVAL_MS = 10_000;
/** After a stop (SIGINT), in-flight iterations get this long before they are aborted. */
export const DEFAULT_GRACE_MS = 2_000;

/** Everything a worker thread needs to run its share: plain, structured-cloneable data. */
export interface WorkerInput {
  readonly script: LoadScript;
  readonly segment: Segment;
  readonly intervalMs: number;
  readonly graceMs: number;
  readonly startAt?: number;
  readonly assets?: ScriptAssets;
  readonly sharedVars: Readonly<Record<string, unknown>>;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Starts one worker generator (the worker_threads edge lives in `cli/`): resolves with its
 * result; `onWindow` gets each window as it closes; aborting `stop` stops its arrivals.
 */
export type SpawnWorker = (
  input: WorkerInput,
  onWindow: (window: WindowData) => void,
  stop: AbortSignal,
) => Promise<
  GeneratorResult & { interrupted: boolean; startedAt: number; endedAt: number; suggestedExitCode?: number }
>;

export interface RunLoadTestOptions {
  readonly clock: Clock;
  /** For `{{ $env.X }}`; nothing from the process unless passed. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** For a script given as an Artillery object: `-e NAME` and `--target`. */
  readonly environment?: string;
  readonly target?: string;
  /** This machine's share (`--segment I/N`); default the whole test. */
  readonly segment?: Segment;
  /**
   * Wall-clock ms at which the schedule starts (`--start-at`): everything is prepared first, then
   * the generators wait for it. More than a second past when they are ready: INVALID_ARGUMENT.
   */
  readonly startAt?: number;
  /** A label for this generator's region; merged results keep each region's histograms. */
  readonly region?: string;
  /** Reporting window; default: adapted to the planned duration (`defaultIntervalMs`). */
  readonly intervalMs?: number;
  /** Abort to stop early (SIGINT): no new arrivals, in-flight get `graceMs`, results marked interrupted. */
  readonly signal?: AbortSignal;
  readonly graceMs?: number;
  readonly assets?: ScriptAssets;
  readonly processor?: ProcessorModule;
  /** Reads a templated `formData` file when its request is sent (only `cli/` touches files). */
  readonly readUpload?: ReadUpload;
  readonly random?: () => number;
  readonly logger?: Logger;
  readonly cpuUsage?: CpuUsageProbe;
  /** Each closed window of this process's generator (live progress). */
  readonly onWindow?: (window: WindowData) => void;
  /** More than 1 needs `spawnWorker`: the segment is striped across worker threads. */
  readonly workers?: number;
  readonly spawnWorker?: SpawnWorker;
  /** The VU side; default part A's `createVuRunner` (tests pass a stub). */
  readonly createIteration?: IterationFactory;
  readonly healthLimits?: HealthLimits;
}

/**
 * The library entry (`import { runLoadTest } from 'perfgate'`): runs an Artillery script — the
 * normalised `LoadScript` or the script as a plain object — and returns the results in the
 * layout `-o` writes. `ensure` is evaluated into `results.perfgate.ensure`.
 */
export async function runLoadTest(
  script: LoadScript | object,
  options: RunLoadTestOptions,
): Promise<LoadResults> {
  const loaded = isLoadScript(script) ? script : parseObject(script, options);
  const segment = options.segment ?? WHOLE_TEST;
  const stop = options.signal ?? new AbortController().signal;
  checkPayloadPartition(options.assets, segment.count * workerCount(options));
  const intervalMs = options.intervalMs ?? defaultIntervalMs(plan(loaded.phases, segment).durationMs);
  const sharedVars = await runOnce(loaded, 'before', {}, options, stop);
  if (options.startAt !== undefined) checkStartAt(options.startAt, options.clock.now());
  const runs = await runGenerators(loaded, segment, sharedVars, { ...options, intervalMs }, stop);
  await runOnce(loaded, 'after', sharedVars, options, stop);
  const status = runs.some((run) => run.interrupted) ? 'interrupted' : 'completed';
  const startedAt = Math.min(...runs.map((run) => run.startedAt));
  const endedAt = Math.max(...runs.map((run) => run.endedAt));
  const generator = {
    segment: formatSegment(segment),
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.startAt === undefined ? {} : { startAt: options.startAt }),
    startedAt,
    endedAt,
    status,
  } as const;
  return buildResults(
    runs.flatMap((run) => run.windows),
    runs.map((run) => run.health),
    runs.map((run) => run.samples),
    {
      status,
      script: loaded.file,
      startedAt,
      endedAt,
      intervalMs,
      segments: [formatSegment(segment)],
      ensureSpec: loaded.ensure,
      warnings: loaded.warnings,
      suggestedExitCode: Math.max(0, ...runs.map((run) => run.suggestedExitCode ?? 0)),
      ...(options.healthLimits === undefined ? {} : { healthLimits: options.healthLimits }),
      ...(options.region === undefined ? {} : { region: options.region }),
      generators: [generator],
    },
  );
}

/** Worker threads this run will use (1 unless several are asked for and can be spawned). */
function workerCount(options: RunLoadTestOptions): number {
  return options.spawnWorker ? Math.max(1, Math.floor(options.workers ?? 1)) : 1;
}

async function runGenerators(
  script: LoadScript,
  segment: Segment,
  sharedVars: Readonly<Record<string, unknown>>,
  options: RunLoadTestOptions,
  stop: AbortSignal,
): Promise<(GeneratorRun & { suggestedExitCode?: number })[]> {
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const workers = workerCount(options);
  if (workers > 1 && options.spawnWorker) {
    const { spawnWorker } = options;
    const onWindow = options.onWindow ?? (() => {});
    const env = options.env ?? {};
    return Promise.all(
      Array.from({ length: workers }, (_, part) =>
        spawnWorker(
          {
            script,
            segment: subSegment(segment, part, workers),
            intervalMs,
            graceMs,
            ...(options.startAt === undefined ? {} : { startAt: options.startAt }),
            ...(options.assets ? { assets: options.assets } : {}),
            sharedVars,
            env,
          },
          onWindow,
          stop,
        ),
      ),
    );
  }
  const run = await runGenerator(script, {
    clock: options.clock,
    segment,
    intervalMs,
    graceMs,
    stopSignal: stop,
    ...(options.startAt === undefined ? {} : { startAt: options.startAt }),
    createIteration: options.createIteration ?? vuRunnerFactory(options, sharedVars),
    ...(options.cpuUsage ? { cpuUsage: options.cpuUsage } : {}),
    ...(options.onWindow ? { onWindow: options.onWindow } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return [run];
}

/** Part A's VU runner with this run's data: one call runs one VU. */
export function vuRunnerFactory(
  options: Pick<RunLoadTestOptions, 'assets' | 'processor' | 'random' | 'logger' | 'env' | 'readUpload'>,
  sharedVars: Readonly<Record<string, unknown>>,
): IterationFactory {
  return ({ script, http, metrics, clock, testZeroMs, segment, realtime }) =>
    createVuRunner(script, {
      http,
      ...(realtime === undefined ? {} : { realtime }),
      metrics,
      clock,
      testZeroMs,
      random: options.random ?? Math.random,
      logger: options.logger ?? silentLogger,
      segment,
      env: options.env ?? {},
      sharedVars,
      ...(options.assets ? { assets: options.assets } : {}),
      ...(options.processor ? { processor: options.processor } : {}),
      ...(options.readUpload ? { readUpload: options.readUpload } : {}),
    });
}

/** `before`/`after`: run once in this thread with their own connections; `before`'s captures go to every VU. */
async function runOnce(
  script: LoadScript,
  which: 'before' | 'after',
  sharedVars: Readonly<Record<string, unknown>>,
  options: RunLoadTestOptions,
  stop: AbortSignal,
): Promise<Readonly<Record<string, unknown>>> {
  if (!script[which]) return sharedVars;
  const { clock } = options;
  const testZeroMs = clock.monotonic();
  const http = createHttpClient({
    clock,
    testZeroMs,
    rejectUnauthorized: script.http.rejectUnauthorized,
    traceparent: script.http.traceparent,
    connectTimeoutMs: script.http.timeoutMs,
  });
  try {
    const result = await runFlowOnce(script, which, {
      http,
      metrics: new WindowedRecorder(clock.now()),
      clock,
      testZeroMs,
      random: options.random ?? Math.random,
      logger: options.logger ?? silentLogger,
      env: options.env ?? {},
      sharedVars,
      signal: stop,
      ...(options.assets ? { assets: options.assets } : {}),
      ...(options.processor ? { processor: options.processor } : {}),
      ...(options.readUpload ? { readUpload: options.readUpload } : {}),
    });
    if (result.state === 'ok') return { ...sharedVars, ...result.vars };
    throw new PerfgateError('ABORTED', `the ${which} flow failed: ${result.errorCode}`);
  } finally {
    await http.close();
  }
}

function isLoadScript(value: object): value is LoadScript {
  const candidate = value as Partial<LoadScript>;
  return (
    Array.isArray(candidate.phases) &&
    Array.isArray(candidate.scenarios) &&
    typeof candidate.http === 'object'
  );
}

function parseObject(script: object, options: RunLoadTestOptions): LoadScript {
  const parsed = parseScript(JSON.stringify(script), '<script object>', {
    env: options.env ?? {},
    ...(options.environment === undefined ? {} : { environment: options.environment }),
    ...(options.target === undefined ? {} : { targetOverride: options.target }),
  });
  if (parsed.state === 'ok') return parsed.script;
  throw new PerfgateError(
    'INVALID_ARGUMENT',
    `invalid load script:\n${parsed.issues.map(formatScriptIssue).join('\n')}`,
  );
}
