/**
 * Load-test results (`perfgate load -o`, Artillery's report layout plus a `perfgate` object) →
 * a LoadTest and its gates. What is read:
 * - `aggregate.counters`: `http.requests`, `http.codes.NNN`, `errors.CODE`;
 *   `aggregate.rates['http.request_rate']`; `aggregate.firstCounterAt` / `lastCounterAt`.
 * - `aggregate.summaries`: `perfgate.http.duration` (preferred: measured from the intended start)
 *   else `http.response_time`; `plugins.metrics-by-endpoint.response_time.<name>` per endpoint.
 * - `intermediate[]`: the same per window (`period` is the window start, epoch ms).
 * - `perfgate` (src/load/metrics/results.ts, read 03:40 UTC): `script` (the test's name),
 *   `startedAt`/`endedAt`, `status` (interrupted → warning), `unreachable` (→ a failed health
 *   gate), `histograms` (encoded HDR, decoded for the percentile curve), `health`, `ensure`,
 *   `warnings`, `samples` (see load-perfgate.ts); also `name` and a precomputed `percentiles` curve.
 * Anything missing is skipped, never guessed.
 */

import { binCounts, decodeLatencyHistogram, type LatencyHistogram } from '../../stats/hdr.js';
import type { Gate, LatencySummary, LoadTest, ReportPart } from '../model.js';
import { emptyPart } from '../model.js';
import {
  arrayAt,
  firstString,
  isObject,
  type JsonObject,
  numberAt,
  numericEntries,
  objectAt,
  stringAt,
} from './json-fields.js';
import { loadHealth, loadSamples, loadThresholdGates } from './load-perfgate.js';
import { missingSegmentsGate, regionRows } from './load-regions.js';
import { perRequestData } from './load-scenarios.js';
import { failedByCode, LATENCY_METRICS, windowSeries } from './load-series.js';

export { DEFAULT_WINDOW_MS, LATENCY_METRICS } from './load-series.js';
export const ENDPOINT_PREFIX = 'plugins.metrics-by-endpoint.response_time.';
/** Histogram bins per tenfold of latency (log-spaced: a long tail stays readable). */
const BINS_PER_DECADE = 10;
/** Percentile keys of an Artillery summary and the percentile each stands for. */
const SUMMARY_PERCENTILES: readonly [string, number][] = [
  ['min', 0],
  ['p50', 50],
  ['p75', 75],
  ['p90', 90],
  ['p95', 95],
  ['p99', 99],
  ['p999', 99.9],
  ['max', 100],
];

export function isLoadResults(json: unknown): boolean {
  return isObject(json) && isObject(json.aggregate);
}

export function adaptLoadResults(json: unknown, source: string): ReportPart {
  const part = emptyPart();
  const aggregate = objectAt(json, 'aggregate');
  const perfgate = objectAt(json, 'perfgate');
  const name = firstString(perfgate, ['name', 'script', 'scenario']) ?? baseName(source);
  const firstAt = numberAt(perfgate, 'startedAt') ?? numberAt(aggregate, 'firstCounterAt');
  const lastAt = numberAt(perfgate, 'endedAt') ?? numberAt(aggregate, 'lastCounterAt');
  const counters = objectAt(aggregate, 'counters');
  const summaries = objectAt(aggregate, 'summaries');
  const histograms = objectAt(perfgate, 'histograms');
  const requests = numberAt(counters, 'http.requests') ?? 0;
  const durationMs = firstAt !== undefined && lastAt !== undefined ? lastAt - firstAt : undefined;
  const intervalMs = numberAt(perfgate, 'intervalMs');
  const perRequest = perRequestData(aggregate, histograms, toLatency);
  const latency = headlineLatency(summaries);
  const hasVusers = numberAt(counters, 'vusers.created') !== undefined;
  const test: LoadTest = {
    name,
    source,
    startedAt: firstAt,
    durationMs,
    requests,
    errors: Object.values(failedByCode(counters)).reduce((sum, n) => sum + n, 0),
    rps:
      numberAt(objectAt(aggregate, 'rates'), 'http.request_rate') ??
      (durationMs ? Math.round((requests / durationMs) * 100_000) / 100 : undefined),
    vusers: hasVusers
      ? {
          created: numberAt(counters, 'vusers.created') ?? 0,
          completed: numberAt(counters, 'vusers.completed') ?? 0,
          failed: numberAt(counters, 'vusers.failed') ?? 0,
        }
      : undefined,
    latency,
    ttfb:
      latency?.metric === 'http.response_time'
        ? undefined
        : toLatency('http.response_time', objectAt(summaries, 'http.response_time')),
    intervalMs,
    series: windowSeries(arrayAt(json, 'intermediate'), intervalMs).map(({ vusersActive, ...point }) =>
      hasVusers ? { ...point, vusersActive } : point,
    ),
    percentileCurve: percentileCurve(aggregate, perfgate),
    histogram: latencyHistogram(histograms),
    scenarios: perRequest.scenarios,
    endpoints: perRequest.endpoints.length > 0 ? perRequest.endpoints : endpointRows(summaries),
    statusCodes: prefixed(counters, 'http.codes.').map(([code, count]) => ({ code, count })),
    errorCodes: prefixed(counters, 'errors.').map(([code, count]) => ({ code, count })),
    health: loadHealth(perfgate),
    samples: loadSamples(perfgate),
    regions: regionRows(perfgate),
  };
  part.loadTests.push(test);
  const timed = (gate: Gate): Gate => (durationMs === undefined ? gate : { ...gate, durationMs });
  part.gates.push(...missingSegmentsGate(perfgate, name).map(timed));
  part.gates.push(...loadThresholdGates(perfgate, name).map(timed));
  if (test.health !== undefined) part.gates.push(timed(healthGate(test, name)));
  if (perfgate?.unreachable === true) part.gates.push(timed(unreachableGate(name)));
  if (stringAt(perfgate, 'status') === 'interrupted') part.warnings.push(`${name}: the test was interrupted`);
  part.warnings.push(...arrayAt(perfgate, 'warnings').filter((w): w is string => typeof w === 'string'));
  return part;
}

function baseName(source: string): string {
  const file = source.split(/[\\/]/).pop() ?? source;
  return file.replace(/\.json$/i, '');
}

function prefixed(counters: JsonObject | undefined, prefix: string): [string, number][] {
  return numericEntries(counters)
    .filter(([key]) => key.startsWith(prefix))
    .map(([key, value]): [string, number] => [key.slice(prefix.length), value])
    .sort(([a], [b]) => a.localeCompare(b));
}

function toLatency(metric: string, summary: JsonObject | undefined): LatencySummary | undefined {
  const p50 = numberAt(summary, 'p50') ?? numberAt(summary, 'median');
  const [count, min, max, mean, p95, p99] = ['count', 'min', 'max', 'mean', 'p95', 'p99'].map((key) =>
    numberAt(summary, key),
  );
  if ([count, min, max, mean, p95, p99, p50].some((value) => value === undefined)) return undefined;
  return {
    metric,
    count: count as number,
    min: min as number,
    max: max as number,
    mean: mean as number,
    p50: p50 as number,
    p75: numberAt(summary, 'p75'),
    p90: numberAt(summary, 'p90'),
    p95: p95 as number,
    p99: p99 as number,
    p999: numberAt(summary, 'p999'),
  };
}

function headlineLatency(summaries: JsonObject | undefined): LatencySummary | undefined {
  for (const metric of LATENCY_METRICS) {
    const latency = toLatency(metric, objectAt(summaries, metric));
    if (latency !== undefined) return latency;
  }
  return undefined;
}

function percentileCurve(aggregate: JsonObject | undefined, perfgate: JsonObject | undefined) {
  const precomputed = arrayAt(perfgate, 'percentiles')
    .map((point) => ({ percentile: numberAt(point, 'percentile'), valueMs: numberAt(point, 'valueMs') }))
    .filter(
      (p): p is { percentile: number; valueMs: number } =>
        p.percentile !== undefined && p.valueMs !== undefined,
    );
  if (precomputed.length > 0) return precomputed;
  const fromHistogram = histogramCurve(objectAt(perfgate, 'histograms'));
  if (fromHistogram.length > 0) return fromHistogram;
  const summaries = objectAt(aggregate, 'summaries');
  const metric = LATENCY_METRICS.find((name) => objectAt(summaries, name) !== undefined);
  const summary = metric === undefined ? undefined : objectAt(summaries, metric);
  return SUMMARY_PERCENTILES.flatMap(([key, percentile]) => {
    const valueMs = numberAt(summary, key);
    return valueMs === undefined ? [] : [{ percentile, valueMs }];
  });
}

/** Percentiles drawn on the distribution chart, dense in the tail where latency lives. */
export const CURVE_PERCENTILES = [0, 10, 25, 50, 75, 90, 95, 97.5, 99, 99.5, 99.9, 99.95, 99.99, 100];

/** The headline metric's aggregate histogram, decoded; undefined when absent or undecodable. */
function headlineHistogram(histograms: JsonObject | undefined): LatencyHistogram | undefined {
  for (const metric of LATENCY_METRICS) {
    const encoded = stringAt(histograms, metric);
    if (encoded === undefined) continue;
    try {
      const histogram = decodeLatencyHistogram(encoded);
      if (histogram.count > 0) return histogram;
    } catch {
      // Not a histogram we can decode: fall back to the summary's percentiles.
    }
  }
  return undefined;
}

function histogramCurve(histograms: JsonObject | undefined) {
  const histogram = headlineHistogram(histograms);
  if (histogram === undefined) return [];
  return CURVE_PERCENTILES.map((percentile) => ({ percentile, valueMs: histogram.percentile(percentile) }));
}

/** Sample counts in log-spaced latency ranges (BINS_PER_DECADE per tenfold) from min to max. */
function latencyHistogram(histograms: JsonObject | undefined): LoadTest['histogram'] {
  const histogram = headlineHistogram(histograms);
  if (histogram === undefined) return undefined;
  const { min, max } = histogram.summary();
  const step = (ms: number) => Math.log10(Math.max(ms, 0.001)) * BINS_PER_DECADE;
  const first = Math.floor(step(min * 0.999));
  const last = Math.max(first + 1, Math.ceil(step(max) + 1e-9));
  const edges = Array.from({ length: last - first + 1 }, (_, i) =>
    Number((10 ** ((first + i) / BINS_PER_DECADE)).toPrecision(3)),
  );
  const counts = binCounts(histogram, edges);
  return counts.map((count, i) => ({ fromMs: edges[i] ?? 0, toMs: edges[i + 1] ?? 0, count }));
}

function unreachableGate(name: string): Gate {
  return {
    kind: 'health',
    name: `${name}: target reachable`,
    source: name,
    status: 'failed',
    target: 'at least one response',
    message: 'every request failed with a connection error: the target was never reached',
  };
}

function endpointRows(summaries: JsonObject | undefined) {
  if (summaries === undefined) return [];
  return Object.keys(summaries)
    .filter((key) => key.startsWith(ENDPOINT_PREFIX))
    .flatMap((key) => {
      const latency = toLatency(key, objectAt(summaries, key));
      if (latency === undefined) return [];
      const { count, p50, p95, p99, max } = latency;
      return [{ name: key.slice(ENDPOINT_PREFIX.length), count, p50, p95, p99, max }];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function healthGate(test: LoadTest, name: string): Gate {
  const saturated = test.health?.saturated === true;
  return {
    kind: 'health',
    name: `${name}: load generator health`,
    source: name,
    status: saturated ? 'failed' : 'passed',
    measured: test.health?.maxEventLoopLagMs,
    unit: test.health?.maxEventLoopLagMs === undefined ? undefined : 'ms',
    metric: test.health?.maxEventLoopLagMs === undefined ? undefined : 'max event-loop lag of the generator',
    target: 'generator not saturated',
    message: saturated ? (test.health?.warnings.join('; ') ?? 'saturated') : undefined,
  };
}
