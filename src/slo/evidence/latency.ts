/**
 * Latency distributions for the gate: a CDF from a percentile summary, the share of samples above
 * a threshold and a percentile read back from the CDF. Linear interpolation between points.
 */
import { decodeLatencyHistogram } from '../../stats/hdr.js';
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

/** Adds a CDF point, keeping both coordinates increasing (equal values keep the higher share). */
function pushPoint(cdf: [number, number][], value: number, share: number): void {
  const last = cdf[cdf.length - 1];
  if (last !== undefined && value <= last[0]) last[1] = Math.max(last[1], share);
  else cdf.push([value, share]);
}

/** Percentiles read from a histogram: every 0.1 up to p99, then every 0.01. */
const HISTOGRAM_PERCENTILES: readonly number[] = [
  ...Array.from({ length: 991 }, (_, i) => i / 10),
  ...Array.from({ length: 100 }, (_, i) => 99 + (i + 1) / 100),
];

/**
 * Latency evidence from an encoded HDR histogram (src/stats/hdr.ts; 3 significant digits): the
 * CDF at 1,091 percentiles, so a share above a threshold is off by at most 0.1 % of requests.
 */
export function latencyFromHistogram(
  metric: string,
  encoded: string,
  reported: Readonly<Record<string, unknown>> = {},
): LatencyEvidence {
  const histogram = decodeLatencyHistogram(encoded);
  const cdf: [number, number][] = [];
  for (const p of HISTOGRAM_PERCENTILES) pushPoint(cdf, histogram.percentile(p), p / 100);
  const percentiles: Record<string, number> = {};
  for (const [key] of SUMMARY_POINTS) {
    const value = reported[key];
    if (key.startsWith('p') && isNumber(value)) percentiles[key] = value;
  }
  return { metric, count: histogram.count, cdf, exact: true, percentiles };
}

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
    pushPoint(cdf, raw, share);
  }
  return { metric, count, cdf, exact: false, percentiles };
}

/** Share of samples strictly above `thresholdMs`: 1 − CDF(threshold) (interpolated for summaries). */
export function shareAbove(latency: LatencyEvidence, thresholdMs: number): number {
  const { cdf } = latency;
  const first = cdf[0];
  const last = cdf[cdf.length - 1];
  if (first === undefined || last === undefined) return 0;
  if (thresholdMs < first[0]) return 1;
  if (thresholdMs >= last[0]) return 0;
  if (latency.exact) {
    // A histogram's CDF is a step function: the share at or below the last point not above the threshold.
    let below = 0;
    for (const [value, share] of cdf) if (value <= thresholdMs) below = share;
    return 1 - below;
  }
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
  if (latency.exact) {
    const point = cdf.find(([, atOrBelow]) => atOrBelow >= share - 1e-12);
    return point === undefined ? undefined : { value: point[0], interpolated: false };
  }
  for (let i = 1; i < cdf.length; i++) {
    const [x1, y1] = cdf[i] ?? [0, 0];
    const [x0, y0] = cdf[i - 1] ?? [0, 0];
    if (share <= y1) return { value: x0 + ((x1 - x0) * (share - y0)) / (y1 - y0), interpolated: true };
  }
  return undefined;
}
