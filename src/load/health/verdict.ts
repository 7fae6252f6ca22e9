import { type HistogramSummary, mergeEncodedHistograms } from '../../stats/hdr.js';
import { type GeneratorSample, SUSTAINED, thirdHighestRank } from './monitor.js';

/** Above these the generator, not the target, limited the run: its latencies are not the target's. */
export interface HealthLimits {
  /** p99 of how late iterations started against their intended start. */
  readonly scheduleSlipP99Ms: number;
  /** p99 of the event loop's delay. */
  readonly eventLoopLagP99Ms: number;
  /** CPU of one generator above this is reported as a warning (closed-model runs saturate on purpose). */
  readonly cpuWarnPercent: number;
}

export const DEFAULT_HEALTH_LIMITS: HealthLimits = {
  scheduleSlipP99Ms: 100,
  eventLoopLagP99Ms: 100,
  cpuWarnPercent: 90,
};

/** `perfgate.health` in the results: the worst generator's figures and the verdict. */
export interface GeneratorHealth {
  readonly generators: number;
  readonly eventLoopLagMs: GeneratorSample['eventLoopLagMs'];
  /** Highest CPU of one generator, % of one core. */
  readonly cpuPercent?: number;
  readonly scheduleSlipMs: HistogramSummary;
  /** Per generator, so merges stay exact. */
  readonly samples: readonly GeneratorSample[];
  readonly verdict: 'trusted' | 'untrusted';
  readonly reasons: readonly string[];
  readonly warnings: readonly string[];
}

export function judgeHealth(
  samples: readonly GeneratorSample[],
  limits: HealthLimits = DEFAULT_HEALTH_LIMITS,
): GeneratorHealth {
  const worst = (pick: (s: GeneratorSample) => number) => Math.max(0, ...samples.map(pick));
  const slipHistogram = mergeEncodedHistograms(samples.map((sample) => sample.scheduleSlip));
  const slip = slipHistogram.summary();
  // Sustained, not one hiccup: a short run's p99 is its maximum, and one GC pause or busy
  // neighbour must not make a one-VU check exit 3. At least three samples must be over the limit.
  const slipThird = slip.count < SUSTAINED ? 0 : slipHistogram.percentile(thirdHighestRank(slip.count));
  const lagThird = worst((s) => s.eventLoopLagMs.third ?? s.eventLoopLagMs.p99);
  const eventLoopLagMs = {
    p50: worst((s) => s.eventLoopLagMs.p50),
    p99: worst((s) => s.eventLoopLagMs.p99),
    max: worst((s) => s.eventLoopLagMs.max),
  };
  const cpus = samples.flatMap((s) => (s.cpuPercent === undefined ? [] : [s.cpuPercent]));
  const cpuPercent = cpus.length > 0 ? Math.max(...cpus) : undefined;
  const reasons: string[] = [];
  if (slip.p99 > limits.scheduleSlipP99Ms && slipThird > limits.scheduleSlipP99Ms) {
    reasons.push(
      `iterations started late: schedule slip p99 ${slip.p99} ms > ${limits.scheduleSlipP99Ms} ms`,
    );
  }
  if (eventLoopLagMs.p99 > limits.eventLoopLagP99Ms && lagThird > limits.eventLoopLagP99Ms) {
    reasons.push(`event loop blocked: lag p99 ${eventLoopLagMs.p99} ms > ${limits.eventLoopLagP99Ms} ms`);
  }
  const warnings =
    cpuPercent !== undefined && cpuPercent > limits.cpuWarnPercent
      ? [`a load generator used ${cpuPercent}% of a core: add --workers or machines if latencies look high`]
      : [];
  return {
    generators: samples.length,
    eventLoopLagMs,
    ...(cpuPercent === undefined ? {} : { cpuPercent }),
    scheduleSlipMs: slip,
    samples,
    verdict: reasons.length > 0 ? 'untrusted' : 'trusted',
    reasons,
    warnings,
  };
}
