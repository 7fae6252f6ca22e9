import { startSpreadMs } from '../../load/metrics/coverage.js';
import type { LoadResults } from '../../load/metrics/results.js';
import { decodeLatencyHistogram } from '../../stats/hdr.js';
import type { Output } from '../output.js';

const HEADLINE = 'perfgate.http.duration';

/**
 * After a merge: which segments ran, how far apart their schedules started, what is missing, and
 * the headline latency of each region next to the whole run's.
 */
export function printDistribution(output: Output, results: LoadResults): void {
  const { perfgate } = results;
  const generators = perfgate.generators ?? [];
  if (generators.length > 1) {
    const shared = generators.every((g) => g.startAt !== undefined && g.startAt === generators[0]?.startAt);
    output.result(
      `segments ${perfgate.segments.join(', ')}: schedules started within ${startSpreadMs(generators).toFixed(1)} ms of each other${shared ? ' (one --start-at)' : ''}`,
    );
  }
  const missing = perfgate.missingSegments ?? [];
  if (missing.length > 0) {
    output.error(
      `segment(s) ${missing.join(', ')} of the test handed over no results: the run is incomplete and cannot be trusted`,
    );
  }
  const regions = Object.entries(perfgate.regions ?? {});
  if (regions.length === 0) return;
  output.result(`latency by region (${HEADLINE}, ms):`);
  output.result(
    `  ${'whole run'.padEnd(20)} ${latencyLine(results.aggregate.counters, perfgate.histograms)}`,
  );
  for (const [name, region] of regions) {
    output.result(`  ${name.padEnd(20)} ${latencyLine(region.counters, region.histograms)}`);
  }
}

function latencyLine(
  counters: Readonly<Record<string, number>>,
  histograms: Readonly<Record<string, string>>,
) {
  const encoded = histograms[HEADLINE];
  const requests = counters['http.requests'] ?? 0;
  if (encoded === undefined) return `${requests} requests, no latency`;
  const s = decodeLatencyHistogram(encoded).summary();
  return `${requests} requests · p50 ${s.p50.toFixed(1)} · p95 ${s.p95.toFixed(1)} · p99 ${s.p99.toFixed(1)} · max ${s.max.toFixed(1)}`;
}
