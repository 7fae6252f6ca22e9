/**
 * The `perfgate monitor` loop: evaluate every SLO, print the status table, send alert events on
 * state changes, export metrics, sleep. Prometheus down: every SLO is "no data", the loop backs
 * off (interval × 2ⁿ, at most 8 × interval) and keeps going; nothing in it may crash the monitor.
 */
import type { Clock } from '../../core/clock.js';
import { AlertTracker, type SloAlertEvent, type SloNotifier } from '../../slo/live/alerts.js';
import { evaluateSlo, type LiveStatus } from '../../slo/live/evaluate.js';
import type { MonitorMetrics } from '../../slo/live/metrics.js';
import type { BudgetSlo } from '../../slo/model.js';
import type { PrometheusQuerier } from '../../slo/prometheus/client.js';

export const MAX_BACKOFF_FACTOR = 8;

export interface MonitorLoop {
  slos: readonly BudgetSlo[];
  querier: PrometheusQuerier;
  clock: Clock;
  intervalMs: number;
  once: boolean;
  notifiers: readonly SloNotifier[];
  metrics?: MonitorMetrics;
  /** Receives each round's statuses (the CLI prints the table). */
  onRound?: (statuses: readonly LiveStatus[]) => void;
  onNotifyError?: (notifier: string, error: unknown) => void;
  signal?: AbortSignal;
}

async function deliver(loop: MonitorLoop, events: readonly SloAlertEvent[]): Promise<void> {
  for (const event of events) {
    for (const notifier of loop.notifiers) {
      try {
        await notifier.notify(event);
      } catch (error) {
        loop.onNotifyError?.(notifier.name, error);
      }
    }
  }
}

/** One round: every SLO evaluated, events sent, metrics recorded. */
export async function monitorRound(
  loop: MonitorLoop,
  tracker: AlertTracker,
  previous: ReadonlyMap<string, LiveStatus>,
): Promise<LiveStatus[]> {
  const atMs = loop.clock.now();
  const statuses = await Promise.all(
    loop.slos.map((slo) => evaluateSlo(loop.querier, slo, atMs, previous.get(slo.name))),
  );
  const up = statuses.every((status) => status.error === undefined);
  loop.metrics?.evaluation(up);
  for (const status of statuses) loop.metrics?.record(status);
  loop.onRound?.(statuses);
  await deliver(
    loop,
    statuses.flatMap((status) => tracker.update(status)),
  );
  return statuses;
}

/** Runs until `signal` aborts (or once); returns the last round's statuses. */
export async function runMonitor(loop: MonitorLoop): Promise<LiveStatus[]> {
  const tracker = new AlertTracker();
  const previous = new Map<string, LiveStatus>();
  let failures = 0;
  let last: LiveStatus[] = [];
  while (loop.signal?.aborted !== true) {
    last = await monitorRound(loop, tracker, previous);
    for (const status of last) previous.set(status.slo.name, status);
    if (loop.once) break;
    failures = last.some((status) => status.error !== undefined) ? failures + 1 : 0;
    const backoff = Math.min(2 ** Math.max(0, failures - 1), MAX_BACKOFF_FACTOR);
    try {
      await loop.clock.sleep(loop.intervalMs * (failures > 0 ? backoff : 1), loop.signal);
    } catch {
      break;
    }
  }
  return last;
}
