import { Counter, Gauge, Registry } from 'prom-client';
import { decodeLatencyHistogram } from '../../stats/hdr.js';
import { HdrBackedHistogram } from './prometheus-histogram.js';
import { DURATION_BUCKETS_SECONDS, PROM, TEST_LABEL } from './prometheus-names.js';
import { parseRequestName, SCENARIO_PREFIX, sortScenarioNames } from './request-names.js';
import type { LoadResults } from './results.js';
import type { WindowData } from './window.js';

export { DURATION_BUCKETS_SECONDS, PROM, TEST_LABEL } from './prometheus-names.js';

/** Load-engine names read from windows (see load/flow/metric-names.ts, request-names.ts). */
const QUEUED = 'perfgate.http.queued';
const CREATED_BY_NAME = 'vusers.created_by_name.';
const VUSERS = {
  created: 'vusers.created',
  completed: 'vusers.completed',
  failed: 'vusers.failed',
  interrupted: 'perfgate.vusers.interrupted',
} as const;
/** The `scenario` of VUs that failed before a scenario was picked (every scenario has weight 0). */
export const NO_SCENARIO = '(none)';
/** The `status` of a request that got no response (its code is in perfgate_errors_total). */
export const NO_RESPONSE_STATUS = 'error';

export interface LoadTestMetricsOptions {
  /** The `test` label: the script's name. */
  readonly test: string;
  /** The script's scenario names (more are learnt from `vusers.created_by_name.*` as windows arrive). */
  readonly scenarios?: readonly string[];
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
 * exact HDR samples. Requests are labelled `scenario`, `method`, `endpoint` (perfgate's label:
 * the request's name, or its path with `{variable}` for each template) and `status`; VUs by
 * `scenario`. Nothing runs per request: the exporter costs one pass over each window's names,
 * and the label children of each name are bound once and cached by that name.
 */
export class LoadTestMetrics {
  readonly registry = new Registry();
  readonly #updates = new Map<string, CounterUpdate | null>();
  readonly #scenarios = new Set<string>();
  #sortedScenarios: string[] = [];
  readonly #vusers = { created: 0, completed: 0, failed: 0, interrupted: 0 };
  /** VUs failed in a scenario so far: the rest of `vusers.failed` had no scenario. */
  #failedInScenarios = 0;
  readonly #requests: Counter<'scenario' | 'method' | 'endpoint' | 'status'>;
  readonly #errors: Counter<'code'>;
  readonly #duration: HdrBackedHistogram;
  readonly #vuserCounters: Record<'created' | 'completed' | 'failed', Counter<'scenario'>>;
  readonly #vusersActive: Gauge;
  readonly #lag: Gauge;
  readonly #slip: Gauge;
  readonly #cpu: Gauge;

  constructor(options: LoadTestMetricsOptions) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ [TEST_LABEL]: options.test });
    this.#learnScenarios(options.scenarios ?? []);
    const counter = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
      new Counter<L>({ name, help, labelNames, registers });
    const gauge = (name: string, help: string) => new Gauge({ name, help, registers });
    this.#requests = counter(
      PROM.requests,
      'Finished HTTP requests by scenario, method, endpoint and status (status="error": no response).',
      ['scenario', 'method', 'endpoint', 'status'],
    );
    this.#errors = counter(PROM.errors, 'Errors by code, as Artillery counts errors.*.', ['code']);
    this.#duration = new HdrBackedHistogram(
      PROM.duration,
      'Request duration from the intended start (coordinated-omission free) to the last byte, seconds.',
      DURATION_BUCKETS_SECONDS,
    );
    this.registry.registerMetric(this.#duration.asMetric());
    this.#vuserCounters = {
      created: counter(PROM.vusersCreated, 'Virtual users started, by scenario.', ['scenario']),
      completed: counter(PROM.vusersCompleted, 'Virtual users that completed their scenario.', ['scenario']),
      failed: counter(PROM.vusersFailed, 'Virtual users that failed, by scenario.', ['scenario']),
    };
    this.#vusersActive = gauge(PROM.vusersActive, 'Virtual users started and not yet finished.');
    this.#lag = gauge(PROM.eventLoopLag, 'Event-loop lag p99 of the load generator, seconds.');
    this.#slip = gauge(
      PROM.scheduleSlip,
      'How late requests started against their intended start, p99, seconds.',
    );
    this.#cpu = gauge(PROM.cpu, 'CPU of the load generator as a ratio of one core (1 = one full core).');
  }

  /** Adds one closed window (of any generator: windows of several workers simply add up). */
  applyWindow(window: WindowData): void {
    this.#learnScenarios(
      Object.keys(window.counters)
        .filter((name) => name.startsWith(CREATED_BY_NAME))
        .map((name) => name.slice(CREATED_BY_NAME.length)),
    );
    for (const name in window.counters) {
      const value = window.counters[name] ?? 0;
      if (value !== 0) this.#updateOf(name)?.(value);
    }
    const unattributed = this.#vusers.failed - this.#failedInScenarios;
    if (unattributed > 0) {
      this.#vuserCounters.failed.labels(NO_SCENARIO).inc(unattributed);
      this.#failedInScenarios += unattributed;
    }
    this.#vusersActive.set(
      this.#vusers.created - this.#vusers.completed - this.#vusers.failed - this.#vusers.interrupted,
    );
    for (const name in window.histograms) {
      const encoded = window.histograms[name];
      if (encoded === undefined) continue;
      if (name === QUEUED) {
        this.#slip.set(decodeLatencyHistogram(encoded).percentile(99) / 1000);
        continue;
      }
      const parsed = name.startsWith(SCENARIO_PREFIX)
        ? parseRequestName(name, this.#sortedScenarios)
        : undefined;
      if (parsed?.kind !== 'duration') continue;
      const labels = { scenario: parsed.scenario, method: parsed.method, endpoint: parsed.endpoint };
      this.#duration.add(name, () => labels, decodeLatencyHistogram(encoded));
    }
  }

  /** Sets the generator health gauges; readings left out keep their last value. */
  setHealth(reading: HealthReading): void {
    if (reading.eventLoopLagMs !== undefined) this.#lag.set(reading.eventLoopLagMs / 1000);
    if (reading.scheduleSlipMs !== undefined) this.#slip.set(reading.scheduleSlipMs / 1000);
    if (reading.cpuPercent !== undefined) this.#cpu.set(reading.cpuPercent / 100);
  }

  #learnScenarios(names: readonly string[]): void {
    const before = this.#scenarios.size;
    for (const name of names) this.#scenarios.add(name);
    if (this.#scenarios.size === before && this.#sortedScenarios.length > 0) return;
    this.#sortedScenarios = sortScenarioNames(this.#scenarios);
    // Names undecided for want of their scenario get another chance.
    for (const [name, update] of this.#updates) if (update === null) this.#updates.delete(name);
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
    if (name.startsWith(CREATED_BY_NAME)) {
      const child = this.#vuserCounters.created.labels(name.slice(CREATED_BY_NAME.length));
      return (value) => child.inc(value);
    }
    const key = VUSER_KEYS.get(name);
    if (key !== undefined) return (value) => (this.#vusers[key] += value);
    return name.startsWith(SCENARIO_PREFIX) ? this.#decideScenarioName(name) : null;
  }

  /** `perfgate.scenario.<s>.completed|failed` and the per-request `codes`/`errors` names. */
  #decideScenarioName(name: string): CounterUpdate | null {
    const scenario = this.#sortedScenarios.find((candidate) =>
      [`${SCENARIO_PREFIX}${candidate}.completed`, `${SCENARIO_PREFIX}${candidate}.failed`].includes(name),
    );
    if (scenario !== undefined) {
      if (name.endsWith('.completed')) {
        const child = this.#vuserCounters.completed.labels(scenario);
        return (value) => child.inc(value);
      }
      const child = this.#vuserCounters.failed.labels(scenario);
      return (value) => {
        // The rest of vusers.failed (no scenario picked) goes to NO_SCENARIO once the window is read.
        this.#failedInScenarios += value;
        child.inc(value);
      };
    }
    const parsed = parseRequestName(name, this.#sortedScenarios);
    if (parsed === undefined || parsed.kind === 'duration') return null;
    const status = parsed.kind === 'code' ? parsed.status : NO_RESPONSE_STATUS;
    const child = this.#requests.labels(parsed.scenario, parsed.method, parsed.endpoint, status);
    return (value) => child.inc(value);
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
