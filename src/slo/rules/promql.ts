/**
 * PromQL for an SLO's error ratio over a window. Every ratio divides by `(total > 0)` so a window
 * without traffic yields no sample instead of NaN (Sloth #231, #749). Ratio queries must return
 * one label-less series each (wrap them in `sum(...)`).
 */
import type { BudgetSlo, PrometheusSource } from '../model.js';

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

/** A Prometheus duration for `ms` in its largest whole unit: 5m, 1h, 3d, 30d. */
export function promDuration(ms: number): string {
  for (const [unit, size] of UNITS) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${Math.max(1, Math.round(ms))}ms`;
}

/** The windows an SLO's rules record: every tier's short and long window, then the period. */
export function recordedWindows(slo: BudgetSlo): number[] {
  const windows = new Set<number>();
  for (const tier of slo.tiers) {
    windows.add(tier.shortWindowMs);
    windows.add(tier.longWindowMs);
  }
  windows.add(slo.period.nominalMs);
  return [...windows].sort((a, b) => a - b);
}

/** `le` label values as prom-client and Go clients print them (`0.3`, `2`, `+Inf`). */
export function leLabel(seconds: number): string {
  return Number.isFinite(seconds) ? String(seconds) : '+Inf';
}

function withMatchers(metric: string, selector: string, extra?: string): string {
  const matchers = [selector.trim(), extra].filter((part) => part !== undefined && part !== '');
  return `${metric}{${matchers.join(',')}}`;
}

const fill = (query: string, window: string): string => query.replaceAll('{{window}}', window);

/** `bad / (total > 0)` over `window` (a Prometheus duration). */
export function errorRatioExpr(source: PrometheusSource, window: string): string {
  if (source.kind === 'histogram') {
    const total = `sum(rate(${withMatchers(`${source.metric}_count`, source.selector)}[${window}]))`;
    const good = `sum(rate(${withMatchers(`${source.metric}_bucket`, source.selector, `le="${leLabel(source.le)}"`)}[${window}]))`;
    return `(${total} - ${good})\n/\n(${total} > 0)`;
  }
  // `or vector(0)`: a service that never failed has no error series at all, which must read as 0, not as no data.
  const events = `(${fill(source.eventsQuery, window)} or vector(0))`;
  const total = `(${fill(source.totalQuery, window)} > 0)`;
  return source.events === 'bad' ? `${events}\n/\n${total}` : `1 - (\n${events}\n/\n${total}\n)`;
}
