/**
 * A distributed load test's parts in its results (src/load/metrics/results.ts): `perfgate.regions`
 * (`{ <name>: { segments, counters, histograms } }`, latency from the encoded HDR histogram of
 * `perfgate.http.duration`, else `http.response_time`) and `perfgate.missingSegments` (segments
 * that handed over nothing: a failed health gate, the run is incomplete).
 */
import { decodeLatencyHistogram } from '../../stats/hdr.js';
import type { Gate, RegionRow } from '../model.js';
import { arrayAt, type JsonObject, numericEntries, objectAt, stringAt } from './json-fields.js';

const LATENCY_METRICS = ['perfgate.http.duration', 'http.response_time'];

export function regionRows(perfgate: JsonObject | undefined): RegionRow[] | undefined {
  const regions = objectAt(perfgate, 'regions');
  if (regions === undefined) return undefined;
  return Object.keys(regions)
    .sort()
    .map((name) => {
      const region = objectAt(regions, name);
      const counters = numericEntries(objectAt(region, 'counters'));
      const count = (keep: (key: string) => boolean) =>
        counters.reduce((sum, [key, value]) => (keep(key) ? sum + value : sum), 0);
      return {
        name,
        segments: arrayAt(region, 'segments').filter((s): s is string => typeof s === 'string'),
        requests: count((key) => key === 'http.requests'),
        errors: count((key) => key.startsWith('errors.') || /^http\.codes\.5\d\d$/.test(key)),
        ...latencyOf(objectAt(region, 'histograms')),
      };
    });
}

function latencyOf(histograms: JsonObject | undefined): Partial<RegionRow> {
  for (const metric of LATENCY_METRICS) {
    const encoded = stringAt(histograms, metric);
    if (encoded === undefined) continue;
    try {
      const { p50, p95, p99, max, count } = decodeLatencyHistogram(encoded).summary();
      return count === 0 ? {} : { p50, p95, p99, max };
    } catch {
      // Not a histogram we can decode: the row shows counts only.
    }
  }
  return {};
}

export function missingSegmentsGate(perfgate: JsonObject | undefined, testName: string): Gate[] {
  const missing = arrayAt(perfgate, 'missingSegments').filter((s): s is string => typeof s === 'string');
  if (missing.length === 0) return [];
  return [
    {
      kind: 'health',
      name: `${testName}: every segment handed over results`,
      source: testName,
      status: 'failed',
      target: 'all segments of the split',
      message: `segment(s) ${missing.join(', ')} handed over no results: the run is incomplete`,
    },
  ];
}
