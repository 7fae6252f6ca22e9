/**
 * Latency distributions for the gate: a CDF from a percentile summary, the share of samples above
 * a threshold and a percentile read back from the CDF. Linear interpolation between points.
 */
import type { LatencyEvidence } from './types.js';

/** Artillery's summary keys and the cumulative share each stands for. */
const SUMMARY_POINTS: ReadonlyArray<readonly [string, number]> = [
  ['min', 0],
  ['p50', 0.5],
  ['p75', 0.75],
  ['p90', 0.9],
  ['p95', 0.95],
  ['p99', 0.99],
  ['p999', 0.999],
  ['max', 1],
];

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Builds (approximate) latency evidence from an Artillery summary `{min, max, count, p50, …}`. */
export function latencyFromSummary(
  metric: string,
  summary: Readonly<Record<string, unknown>>,
): LatencyEvidence {
  const count = isNumber(summary.count) ? summary.count : 0;
  const percentiles: Record<string, number> = {};
  const cdf: [number, number][] = [];
  for (const [key, share] of SUMMARY_POINTS) {
    const raw = key === 'p50' && !isNumber(summary.p50) ? summary.median : summary[key];
    if (!isNumber(raw)) continue;
    if (key.startsWith('p')) percentiles[key] = raw;
    const last = cdf[cdf.length - 1];
    // Equal values (e.g. p99 = max) keep the higher share: the CDF jumps there.
    if (last !== undefined && raw <= last[0]) last[1] = Math.max(last[1], share);
    else cdf.push([raw, share]);
  }
  return { metric, count, cdf, exact: false, percentiles };
}

/** Share of samples strictly above `thresholdMs`: 1 − CDF(threshold). */
export function shareAbove(latency: LatencyEvidence, thresholdMs: number): number {
  const { cdf } = latency;
  const first = cdf[0];
  const last = cdf[cdf.length - 1];
  if (first === undefined || last === undefined) return 0;
  if (thresholdMs < first[0]) return 1;
  if (thresholdMs >= last[0]) return 0;
  for (let i = 1; i < cdf.length; i++) {
    const [x1, y1] = cdf[i] ?? last;
    const [x0, y0] = cdf[i - 1] ?? first;
    if (thresholdMs < x1) return 1 - (y0 + ((y1 - y0) * (thresholdMs - x0)) / (x1 - x0));
  }
  return 0;
}

/** The p-th percentile (0 < p < 100): as reported when present, else read from the CDF. */
export function percentileOf(
  latency: LatencyEvidence,
  p: number,
): { value: number; interpolated: boolean } | undefined {
  const key = `p${String(p).replace('.', '')}`;
  const reported = latency.percentiles[key];
  if (reported !== undefined) return { value: reported, interpolated: false };
  const share = p / 100;
  const { cdf } = latency;
  for (let i = 1; i < cdf.length; i++) {
    const [x1, y1] = cdf[i] ?? [0, 0];
    const [x0, y0] = cdf[i - 1] ?? [0, 0];
    if (share <= y1) return { value: x0 + ((x1 - x0) * (share - y0)) / (y1 - y0), interpolated: true };
  }
  return undefined;
}
