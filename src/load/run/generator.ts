import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import type { HttpClient, IterationFn, MetricsRecorder } from '../contracts.js';
import type { RealtimeTransports } from '../engines/contracts.js';
import { execute } from '../executor/executor.js';
import { type CpuUsageProbe, startHealthMonitor } from '../health/monitor.js';
import { createHttpClient } from '../http/client.js';
import { needsWarmUp, warmUpHttp } from '../http/warm-up.js';
import { WindowedRecorder } from '../metrics/recorder.js';
import type { GeneratorResult } from '../metrics/results.js';
import { RequestSampler } from '../metrics/samples.js';
import type { WindowData } from '../metrics/window.js';
import { plan } from '../schedule/plan.js';
import type { Segment } from '../schedule/segment.js';
import { waitUntil } from '../schedule/start-at.js';
import type { LoadScript } from '../script/model.js';

/** What the iteration factory gets: the VU runner (part A's `createVuRunner`) or a test stub. */
export interface IterationDeps {
  readonly script: LoadScript;
  readonly http: HttpClient;
  readonly metrics: MetricsRecorder;
  readonly clock: Clock;
  readonly testZeroMs: number;
  readonly segment: Segment;
  /** WebSocket and Socket.IO connections, when the script has ws or socketio scenarios. */
  readonly realtime?: RealtimeTransports;
}

export type IterationFactory = (deps: IterationDeps) => IterationFn;

export interface GeneratorOptions {
  readonly clock: Clock;
  readonly segment: Segment;
  readonly intervalMs: number;
  readonly createIteration: IterationFactory;
  /** Aborted: start no more arrivals, let in-flight iterations finish within `graceMs`. */
  readonly stopSignal: AbortSignal;
  readonly graceMs: number;
  /** Wall-clock ms (`--start-at`) at which the schedule's zero lies; default: as soon as ready. */
  readonly startAt?: number;
  readonly cpuUsage?: CpuUsageProbe;
  readonly onWindow?: (window: WindowData) => void;
  readonly logger?: Logger;
}

export interface GeneratorRun extends GeneratorResult {
  /** True when the stop signal ended the schedule before its end. */
  readonly interrupted: boolean;
  readonly startedAt: number;
  readonly endedAt: number;
}

/**
 * One load generator (the main thread, or one worker thread): plans its segment, runs the
 * executor with the iteration function, records windows every `intervalMs` (aligned to the wall
 * clock so generators' windows merge by period) and watches its own health.
 */
export async function runGenerator(script: LoadScript, options: GeneratorOptions): Promise<GeneratorRun> {
  const { clock, segment } = options;
  const schedule = plan(script.phases, segment);
  if (needsWarmUp(schedule)) await warmUpHttp();
  // Loaded only for ws/socketio scripts (ws and socket.io-client add ~0.2 s of CPU to a start),
  // and before the clock starts: an import inside the test would block the loop and delay arrivals.
  const realtime = script.scenarios.some((s) => s.engine === 'ws' || s.engine === 'socketio')
    ? { realtime: (await import('../engines/transports.js')).createRealtimeTransports() }
    : {};
  // Stopped while waiting: the executor below then starts nothing and the run ends at once.
  if (options.startAt !== undefined) await waitUntil(clock, options.startAt, options.stopSignal);
  const startedAt = clock.now();
  // With --start-at the test's zero is that instant (not the wake-up, a little later), so the
  // arrivals of every segment on every machine keep their places on one time line.
  const zeroWall = options.startAt ?? startedAt;
  const testZeroMs = clock.monotonic() - Math.max(0, startedAt - zeroWall);
  const wallNow = () => zeroWall + (clock.monotonic() - testZeroMs);
  const recorder = new WindowedRecorder(startedAt);
  const sampler = new RequestSampler();
  const http = defaultHttp(script, clock, testZeroMs, sampler.observe);
  const health = startHealthMonitor(clock, options.cpuUsage);
  const iterationStop = new AbortController();
  const scheduleDone = new AbortController();
  const windows: WindowData[] = [];
  // The ticker names the period it closes; the last window takes the period it ends in.
  const closeWindow = (period?: number) => {
    const endedAt = wallNow();
    const window = recorder.closeWindow(endedAt, period ?? periodOf(endedAt - 1, options.intervalMs));
    windows.push(window);
    options.onWindow?.(window);
  };
  const stopGrace = graceAfterStop(options, iterationStop, scheduleDone.signal);
  const ticker = windowTicker(clock, wallNow, options.intervalMs, scheduleDone.signal, closeWindow);
  const iterate = options.createIteration({
    script,
    http,
    metrics: recorder,
    clock,
    testZeroMs,
    segment,
    ...realtime,
  });
  try {
    await execute(schedule, {
      clock,
      testZeroMs,
      iterate,
      metrics: recorder,
      stopSignal: options.stopSignal,
      iterationSignal: iterationStop.signal,
      onSlip: health.recordSlip,
    });
  } finally {
    scheduleDone.abort();
    await ticker;
    await stopGrace;
    closeWindow();
    await http.close();
  }
  return {
    windows: windows.filter(
      (w) => Object.keys(w.counters).length > 0 || Object.keys(w.histograms).length > 0,
    ),
    health: health.stop(),
    samples: sampler.samples(),
    interrupted: options.stopSignal.aborted,
    startedAt,
    endedAt: wallNow(),
  };
}

function defaultHttp(
  script: LoadScript,
  clock: Clock,
  testZeroMs: number,
  observe: RequestSampler['observe'],
): HttpClient {
  const { http } = script;
  return createHttpClient({
    clock,
    testZeroMs,
    observe,
    ...(http.pool === undefined ? {} : { pool: http.pool }),
    ...(http.maxSockets === undefined ? {} : { maxSockets: http.maxSockets }),
    rejectUnauthorized: http.rejectUnauthorized,
    traceparent: http.traceparent,
    connectTimeoutMs: http.timeoutMs,
  });
}

/** The aligned start of the window holding wall time `at`. */
export function periodOf(at: number, intervalMs: number): number {
  return Math.floor(at / intervalMs) * intervalMs;
}

/**
 * Closes a window at every wall-clock multiple of the interval until `done` aborts, naming the
 * period it closes. Timers may fire a little early: the rest is waited out, so a window never
 * closes before its boundary (two closes in one period would merge into one window and leave the
 * next period empty — with short windows that happened every few seconds).
 */
async function windowTicker(
  clock: Clock,
  wallNow: () => number,
  intervalMs: number,
  done: AbortSignal,
  closeWindow: (period: number) => void,
): Promise<void> {
  while (!done.aborted) {
    const next = periodOf(wallNow(), intervalMs) + intervalMs;
    try {
      for (let left = next - wallNow(); left > 0 && !done.aborted; left = next - wallNow()) {
        await clock.sleep(left, done);
      }
    } catch {
      return;
    }
    if (!done.aborted) closeWindow(next - intervalMs);
  }
}

/** After the stop signal, in-flight iterations get `graceMs`; then their signal aborts them. */
async function graceAfterStop(
  options: GeneratorOptions,
  iterationStop: AbortController,
  scheduleDone: AbortSignal,
): Promise<void> {
  const { stopSignal, clock, graceMs } = options;
  if (!stopSignal.aborted) {
    const stopped = new Promise<void>((resolve) => {
      stopSignal.addEventListener('abort', () => resolve(), { once: true });
      scheduleDone.addEventListener('abort', () => resolve(), { once: true });
    });
    await stopped;
    if (!stopSignal.aborted) return;
  }
  await clock.sleep(graceMs, scheduleDone).catch(() => undefined);
  if (!scheduleDone.aborted) iterationStop.abort();
}
