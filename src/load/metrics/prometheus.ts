import { Counter, Gauge, Registry } from 'prom-client';
import { decodeLatencyHistogram } from '../../stats/hdr.js';
import { HdrBackedHistogram } from './prometheus-histogram.js';
import { DURATION_BUCKETS_SECONDS, PROM, TEST_LABEL } from './prometheus-names.js';
import type { LoadResults } from './results.js';
import type { WindowData } from './window.js';

export { DURATION_BUCKETS_SECONDS, PROM, TEST_LABEL } from './prometheus-names.js';

/** Load-engine names read from windows (see load/flow/metric-names.ts). */
const ENDPOINT_DURATION = 'perfgate.metrics-by-endpoint.duration.';
const QUEUED = 'perfgate.http.queued';
const VUSERS = {
  created: 'vusers.created',
  completed: 'vusers.completed',
  failed: 'vusers.failed',
  interrupted: 'perfgate.vusers.interrupted',
} as const;

export interface LoadTestMetricsOptions {
  /** The `test` label: the script's name. */
  readonly test: string;
  /** The script's metrics-by-endpoint namespace (Artillery's default `plugins.metrics-by-endpoint`). */
  readonly endpointNamespace: string;
}

/** Generator health in the units the results use (ms, % of one core). */
export interface HealthReading {
  readonly eventLoopLagMs?: number;
  readonly scheduleSlipMs?: number;
  readonly cpuPercent?: number;
}

type CounterUpdate = (value: number) => void;
type VuserKey = keyof typeof VUSERS;
const VUSER_KEYS = new Map<string, VuserKey>(
  Object.entries(VUSERS).map(([key, name]) => [name, key as VuserKey]),
);

/**
 * A load test as Prometheus metrics in its own prom-client Registry (never the global one),
 * fed with closed windows: counters add each window's counts, the duration histogram adds its
 * exact HDR samples. Nothing runs per request: the exporter costs one pass over each window's
 * names, and the label children of each name are bound once and cached by that name.
 */
export class LoadTestMetrics {
  readonly registry = new Registry();
  readonly #namespace: string;
  readonly #updates = new Map<string, CounterUpdate | null>();
  readonly #vusers = { created: 0, completed: 0, failed: 0, interrupted: 0 };
  readonly #requests: Counter<'endpoint'>;
  readonly #responses: Counter<'endpoint' | 'code'>;
  readonly #errors: Counter<'code'>;
  readonly #duration: HdrBackedHistogram;
  readonly #vuserCounters: Record<Exclude<VuserKey, 'interrupted'>, Counter>;
  readonly #vusersActive: Gauge;
  readonly #lag: Gauge;
  readonly #slip: Gauge;
  readonly #cpu: Gauge;

  constructor(options: LoadTestMetricsOptions) {
    this.#namespace = `${options.endpointNamespace}.`;
    const registers = [this.registry];
    this.registry.setDefaultLabels({ [TEST_LABEL]: options.test });
    const counter = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
      new Counter<L>({ name, help, labelNames, registers });
    const gauge = (name: string, help: string) => new Gauge({ name, help, registers });
    this.#requests = counter(PROM.requests, 'Finished HTTP requests (response or error) by endpoint.', [
      'endpoint',
    ]);
    this.#responses = counter(PROM.responses, 'HTTP responses by endpoint and status code.', [
      'endpoint',
      'code',
    ]);
    this.#errors = counter(PROM.errors, 'Errors by code, as Artillery counts errors.*.', ['code']);
    this.#duration = new HdrBackedHistogram(
      PROM.duration,
      'Request duration from the intended start (coordinated-omission free) to the last byte, by endpoint.',
      DURATION_BUCKETS_SECONDS,
    );
    this.registry.registerMetric(this.#duration.asMetric());
    this.#vuserCounters = {
      created: counter(PROM.vusersCreated, 'Virtual users started.'),
      completed: counter(PROM.vusersCompleted, 'Virtual users that completed their scenario.'),
      failed: counter(PROM.vusersFailed, 'Virtual users that failed.'),
    };
    this.#vusersActive = gauge(PROM.vusersActive, 'Virtual users started and not yet finished.');
    this.#lag = gauge(PROM.eventLoopLag, 'Event-loop lag p99 of the load generator, seconds.');
    this.#slip = gauge(
      PROM.scheduleSlip,
      'How late requests started against their intended start, p99, seconds.',
    );
    this.#cpu = gauge(PROM.cpu, 'CPU of the load generator, % of one core.');
  }

  /** Adds one closed window (of any generator: windows of several workers simply add up). */
  applyWindow(window: WindowData): void {
    for (const name in window.counters) {
      const value = window.counters[name] ?? 0;
      if (value !== 0) this.#updateOf(name)?.(value);
    }
    this.#vusersActive.set(
      this.#vusers.created - this.#vusers.completed - this.#vusers.failed - this.#vusers.interrupted,
    );
    for (const name in window.histograms) {
      const encoded = window.histograms[name];
      if (encoded === undefined) continue;
      if (name.startsWith(ENDPOINT_DURATION)) {
        const endpoint = name.slice(ENDPOINT_DURATION.length);
        this.#duration.add(endpoint, () => ({ endpoint }), decodeLatencyHistogram(encoded));
      } else if (name === QUEUED) {
        this.#slip.set(decodeLatencyHistogram(encoded).percentile(99) / 1000);
      }
    }
  }

  /** Sets the generator health gauges; readings left out keep their last value. */
  setHealth(reading: HealthReading): void {
    if (reading.eventLoopLagMs !== undefined) this.#lag.set(reading.eventLoopLagMs / 1000);
    if (reading.scheduleSlipMs !== undefined) this.#slip.set(reading.scheduleSlipMs / 1000);
    if (reading.cpuPercent !== undefined) this.#cpu.set(reading.cpuPercent);
  }

  /** The update a counter name maps to, decided once per name (null: not exported). */
  #updateOf(name: string): CounterUpdate | null {
    let update = this.#updates.get(name);
    if (update === undefined) {
      update = this.#decide(name);
      this.#updates.set(name, update);
    }
    return update;
  }

  #decide(name: string): CounterUpdate | null {
    if (name.startsWith('errors.')) {
      const child = this.#errors.labels(name.slice('errors.'.length));
      return (value) => child.inc(value);
    }
    const key = VUSER_KEYS.get(name);
    if (key !== undefined) {
      const counter = key === 'interrupted' ? undefined : this.#vuserCounters[key];
      return (value) => {
        this.#vusers[key] += value;
        counter?.inc(value);
      };
    }
    return name.startsWith(this.#namespace) ? this.#decideEndpoint(name.slice(this.#namespace.length)) : null;
  }

  /** `<endpoint>.codes.<status>` or `<endpoint>.errors.<code>` (endpoint names may hold dots). */
  #decideEndpoint(rest: string): CounterUpdate | null {
    const codes = /^(.+)\.codes\.(\d{3})$/.exec(rest);
    if (codes?.[1] !== undefined && codes[2] !== undefined) {
      const requests = this.#requests.labels(codes[1]);
      const responses = this.#responses.labels(codes[1], codes[2]);
      return (value) => {
        requests.inc(value);
        responses.inc(value);
      };
    }
    const at = rest.lastIndexOf('.errors.');
    if (at <= 0) return null;
    const requests = this.#requests.labels(rest.slice(0, at));
    return (value) => requests.inc(value);
  }
}

/** Run outcome the push adds to the final aggregate. */
export interface RunOutcome {
  readonly passed: boolean;
  /** When the run ended, wall-clock ms. */
  readonly endedAt: number;
}

/**
 * The final results as one registry (for a Pushgateway): the same series as the live exporter,
 * rebuilt from every window of the results, health from the judged generator health, plus
 * `perfgate_run_passed` and `perfgate_run_timestamp_seconds`.
 */
export function finalMetrics(
  results: LoadResults,
  options: LoadTestMetricsOptions,
  outcome: RunOutcome,
): Registry {
  const metrics = new LoadTestMetrics(options);
  for (const window of results.perfgate.windows) metrics.applyWindow(window);
  const { health } = results.perfgate;
  metrics.setHealth({
    eventLoopLagMs: health.eventLoopLagMs.p99,
    scheduleSlipMs: health.scheduleSlipMs.p99,
    ...(health.cpuPercent === undefined ? {} : { cpuPercent: health.cpuPercent }),
  });
  const registers = [metrics.registry];
  new Gauge({ name: PROM.runPassed, help: '1 when the run passed its gates, else 0.', registers }).set(
    outcome.passed ? 1 : 0,
  );
  new Gauge({ name: PROM.runTimestamp, help: 'When the run ended, Unix seconds.', registers }).set(
    Math.round(outcome.endedAt / 1000),
  );
  return metrics.registry;
}
