/**
 * Whether a late load generator could have changed a verdict. Every latency is measured from the
 * request's intended start, so a generator that starts requests late can only make latencies look
 * worse (and can send fewer requests than planned); it cannot make a failing target look healthy.
 * A run whose latency and throughput gates all passed despite the delay is therefore a valid pass
 * (the delay is reported); only a failing latency or throughput gate, or iterations the generator
 * dropped, leave the result untrusted — the delay may be what failed it.
 */
import type { EnsureVerdict } from '../ensure/evaluate.js';
import { DROPPED_ITERATIONS } from '../executor/executor.js';
import type { GeneratorHealth } from './verdict.js';

/** Gates about failures alone: a late start neither causes nor hides an error response. */
const ERROR_ONLY_METRIC = /^(errors\.|http\.codes\.|vusers\.failed$)/;

/** True for Artillery's `maxErrorRate` and expressions that name only error metrics. */
export function isErrorOnlyExpression(expression: string): boolean {
  if (/\bmaxErrorRate\b/.test(expression)) return true;
  const metrics = expression.match(/[A-Za-z_][\w.]*\.[\w.]+/g) ?? [];
  return metrics.length > 0 && metrics.every((metric) => ERROR_ONLY_METRIC.test(metric));
}

/** True when a check reads only error counts or ratios; everything else is assumed delay-sensitive. */
export function isErrorOnlyCheck(verdict: EnsureVerdict): boolean {
  if (verdict.kind === 'maxErrorRate') return true;
  const metrics = Object.keys(verdict.values);
  return metrics.length > 0 && metrics.every((metric) => ERROR_ONLY_METRIC.test(metric));
}

export interface DelayImpact {
  /** The generator fell behind its schedule (health `untrusted`). */
  delayed: boolean;
  /** Why the delay may have decided the outcome; empty when no verdict depends on it. */
  decisive: string[];
}

/** The load test's own verdicts (`ensure`, dropped iterations) against its generator's delay. */
export function delayImpact(
  health: Pick<GeneratorHealth, 'verdict'>,
  ensure: readonly EnsureVerdict[],
  counters: Readonly<Record<string, number>>,
): DelayImpact {
  if (health.verdict !== 'untrusted') return { delayed: false, decisive: [] };
  const decisive = ensure
    .filter((verdict) => verdict.strict && !verdict.passed && !isErrorOnlyCheck(verdict))
    .map((verdict) => `ensure ${verdict.expression} failed`);
  const dropped = counters[DROPPED_ITERATIONS] ?? 0;
  if (dropped > 0) decisive.push(`${dropped} iterations dropped: the planned throughput was not reached`);
  return { delayed: true, decisive };
}
