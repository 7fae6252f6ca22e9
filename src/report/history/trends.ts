/**
 * Trends: each metric's history with its step changes. Short histories (up to 30 runs) use a
 * t-test over every split (src/stats/step-change.ts), which sees a clear step in 4 + 4 runs;
 * longer ones use E-divisive means, whose permutation test needs more points. Pure: series in,
 * Trend rows out (the store provides the series).
 */
import { detectChangePoints } from '../../stats/change-points.js';
import { mulberry32 } from '../../stats/random.js';
import { detectStepChanges } from '../../stats/step-change.js';
import type { Trend } from '../model.js';
import type { MetricSeries } from './store.js';

/** Runs of history analysed by default. */
export const DEFAULT_TREND_RUNS = 100;
/** Fewer points than this cannot show a step change with the default minimum segment of 3. */
export const MIN_TREND_POINTS = 6;
/** Longest history analysed with the short-series method; longer ones use E-divisive means. */
export const SHORT_SERIES_MAX = 30;
/** Fixed seed: the same history always gives the same change points. */
export const TREND_SEED = 0x9e3779b9;

export interface TrendOptions {
  seed?: number;
  /** Only these metrics (e.g. those of the current run); all when omitted. */
  metrics?: ReadonlySet<string>;
}

export function computeTrends(series: readonly MetricSeries[], options: TrendOptions = {}): Trend[] {
  return series
    .filter((s) => options.metrics === undefined || options.metrics.has(s.name))
    .filter((s) => s.points.length >= 2)
    .map((s) => {
      const values = s.points.map((p) => p.value);
      const changes =
        values.length < MIN_TREND_POINTS
          ? []
          : values.length <= SHORT_SERIES_MAX
            ? detectStepChanges(values)
            : detectChangePoints(values, { random: mulberry32(options.seed ?? TREND_SEED) });
      return {
        metric: s.name,
        unit: s.unit,
        better: s.better,
        points: s.points.map((p) => ({ runId: p.runId, at: p.recordedAt, value: p.value })),
        changes: changes.map((c) => ({
          index: c.index,
          runId: (s.points[c.index] as { runId: number }).runId,
          before: c.meanBefore,
          after: c.meanAfter,
          change: c.relativeChange,
          pValue: c.pValue,
        })),
      };
    });
}
