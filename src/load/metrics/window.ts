import { decodeLatencyHistogram, type HistogramSummary, type LatencyHistogram } from '../../stats/hdr.js';

/**
 * One window of samples as exact, mergeable data: counters and rate events as counts, latency
 * summaries as encoded HDR histograms. Windows of several generators merge by `period`.
 */
export interface WindowData {
  /** Wall-clock ms of the window's aligned start (a multiple of the interval), the merge key. */
  readonly period: number;
  /** Wall-clock ms of the first and last moment the window covered. */
  readonly startedAt: number;
  readonly endedAt: number;
  readonly counters: Readonly<Record<string, number>>;
  readonly rateCounts: Readonly<Record<string, number>>;
  readonly histograms: Readonly<Record<string, string>>;
}

/** Artillery's report layout of one window (or the aggregate). */
export interface ReportWindow {
  readonly counters: Record<string, number>;
  /** Events per second over the window. */
  readonly rates: Record<string, number>;
  readonly summaries: Record<string, HistogramSummary>;
  /** Artillery writes a copy of `summaries` here; so do we. */
  readonly histograms: Record<string, HistogramSummary>;
  readonly period: number;
  readonly firstCounterAt: number;
  readonly lastCounterAt: number;
  readonly firstHistogramAt: number;
  readonly lastHistogramAt: number;
  readonly firstMetricAt: number;
  readonly lastMetricAt: number;
}

/** Sum of windows (exact): counters and counts add, histograms merge bucket by bucket. */
export interface MergedWindow {
  period: number;
  startedAt: number;
  endedAt: number;
  counters: Record<string, number>;
  rateCounts: Record<string, number>;
  histograms: Map<string, LatencyHistogram>;
}

export function mergeWindows(windows: readonly WindowData[]): MergedWindow {
  const merged: MergedWindow = {
    period: Number.POSITIVE_INFINITY,
    startedAt: Number.POSITIVE_INFINITY,
    endedAt: Number.NEGATIVE_INFINITY,
    counters: {},
    rateCounts: {},
    histograms: new Map(),
  };
  for (const window of windows) {
    merged.period = Math.min(merged.period, window.period);
    merged.startedAt = Math.min(merged.startedAt, window.startedAt);
    merged.endedAt = Math.max(merged.endedAt, window.endedAt);
    addCounts(merged.counters, window.counters);
    addCounts(merged.rateCounts, window.rateCounts);
    for (const [name, encoded] of Object.entries(window.histograms)) {
      const histogram = decodeLatencyHistogram(encoded);
      const existing = merged.histograms.get(name);
      if (existing) existing.merge(histogram);
      else merged.histograms.set(name, histogram);
    }
  }
  if (windows.length === 0) Object.assign(merged, { period: 0, startedAt: 0, endedAt: 0 });
  return merged;
}

/** Groups windows of several generators by period and merges each group; sorted by period. */
export function mergeByPeriod(windows: readonly WindowData[]): WindowData[] {
  const groups = new Map<number, WindowData[]>();
  for (const window of windows) {
    const group = groups.get(window.period);
    if (group) group.push(window);
    else groups.set(window.period, [window]);
  }
  return [...groups.keys()]
    .sort((a, b) => a - b)
    .map((period) => {
      const group = groups.get(period) ?? [];
      // A period only one generator saw is already exact, encoded data: no decode/re-encode.
      return group.length === 1 && group[0] ? group[0] : encodeMerged(mergeWindows(group));
    });
}

export function encodeMerged(merged: MergedWindow): WindowData {
  const histograms: Record<string, string> = {};
  for (const [name, histogram] of sortedEntries(merged.histograms)) histograms[name] = histogram.encode();
  return {
    period: merged.period,
    startedAt: merged.startedAt,
    endedAt: merged.endedAt,
    counters: sortKeys(merged.counters),
    rateCounts: sortKeys(merged.rateCounts),
    histograms,
  };
}

/** Renders merged data in Artillery's layout: rates per second over the covered span. */
export function toReportWindow(merged: MergedWindow): ReportWindow {
  const seconds = Math.max(1, (merged.endedAt - merged.startedAt) / 1000);
  const rates: Record<string, number> = {};
  for (const [name, count] of Object.entries(sortKeys(merged.rateCounts)))
    rates[name] = Math.round(count / seconds);
  const summaries: Record<string, HistogramSummary> = {};
  for (const [name, histogram] of sortedEntries(merged.histograms)) summaries[name] = histogram.summary();
  const first = merged.startedAt;
  const last = merged.endedAt;
  return {
    counters: sortKeys(merged.counters),
    rates,
    summaries,
    histograms: summaries,
    period: merged.period,
    firstCounterAt: first,
    lastCounterAt: last,
    firstHistogramAt: first,
    lastHistogramAt: last,
    firstMetricAt: first,
    lastMetricAt: last,
  };
}

function addCounts(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [name, value] of Object.entries(from)) into[name] = (into[name] ?? 0) + value;
}

function sortKeys(record: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function sortedEntries<T>(map: ReadonlyMap<string, T>): [string, T][] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
