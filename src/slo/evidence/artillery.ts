/**
 * Reads a load-test result in Artillery's report layout (`aggregate.counters|summaries`, plus
 * perfgate's `perfgate` object) into LoadEvidence. Metric names read:
 * - whole run: `http.requests`, `http.codes.<code>`, `errors.<code>`; summaries
 *   `perfgate.http.duration` and `http.response_time`;
 * - per endpoint: `plugins.metrics-by-endpoint.<name>.codes.<code>` and `….<name>.errors.<code>`;
 *   summaries `plugins.metrics-by-endpoint.response_time.<name>` (Artillery, time to first byte) and
 *   `perfgate.metrics-by-endpoint.duration.<name>` (perfgate, from the intended start);
 * - per scenario: whole sessions (an end-to-end flow is one "request"): counters
 *   `perfgate.scenario.<name>.completed|failed` and the summary `perfgate.scenario.<name>.session_length`
 *   (ms from the arrival's intended start to the flow's end) — a scenario's latency SLI judges
 *   session lengths, its availability judges failed sessions;
 * - duration: `aggregate.firstMetricAt`/`lastMetricAt`, else `perfgate.startedAt`/`endedAt` (ms epoch),
 *   else `perfgate.durationMs`.
 * Latencies come from `perfgate.histograms[<summary name>]` (encoded HDR histograms) when present,
 * else from percentile summaries, whose shares above a threshold are interpolated (approximate).
 * - per region (a distributed run): `perfgate.regions.<name>.counters|histograms`, read as the
 *   whole result is; one generator's result with `perfgate.region` is that region's whole.
 */
import { PerfgateError } from '../../core/errors.js';
import { latencyFromHistogram, latencyFromSummary } from './latency.js';
import type { LatencyEvidence, LoadEvidence, RegionEvidence, RequestEvidence } from './types.js';

type Json = Readonly<Record<string, unknown>>;

const ENDPOINT_PREFIX = 'plugins.metrics-by-endpoint.';
const LATENCY_METRICS = ['perfgate.http.duration', 'http.response_time'] as const;
/** Per-endpoint summary prefix for each latency metric. */
const ENDPOINT_LATENCY_PREFIX: Readonly<Record<(typeof LATENCY_METRICS)[number], string>> = {
  'perfgate.http.duration': 'perfgate.metrics-by-endpoint.duration.',
  'http.response_time': `${ENDPOINT_PREFIX}response_time.`,
};

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const numbersOf = (value: unknown): Record<string, number> => {
  const out: Record<string, number> = {};
  if (!isObject(value)) return out;
  for (const [key, entry] of Object.entries(value)) if (typeof entry === 'number') out[key] = entry;
  return out;
};

/** `{ '200': n }` and `{ ETIMEDOUT: n }` from counters under `prefix` (`http.` or `<endpoint>.`). */
function codesAndErrors(counters: Record<string, number>, prefix: string) {
  const codes: Record<string, number> = {};
  const errors: Record<string, number> = {};
  for (const [key, value] of Object.entries(counters)) {
    if (key.startsWith(`${prefix}codes.`)) codes[key.slice(prefix.length + 6)] = value;
  }
  const errorPrefix = prefix === 'http.' ? 'errors.' : `${prefix}errors.`;
  for (const [key, value] of Object.entries(counters)) {
    if (key.startsWith(errorPrefix)) errors[key.slice(errorPrefix.length)] = value;
  }
  return { codes, errors };
}

const sum = (values: Record<string, number>): number => Object.values(values).reduce((a, b) => a + b, 0);

/** Latency of one summary name: from its HDR histogram when the result has one, else the summary. */
function latencyOf(
  metric: string,
  key: string,
  summaries: Json,
  histograms: Json,
): LatencyEvidence | undefined {
  const summary = isObject(summaries[key]) ? summaries[key] : undefined;
  const encoded = histograms[key];
  if (typeof encoded === 'string') {
    try {
      return latencyFromHistogram(metric, encoded, summary);
    } catch {
      // An undecodable histogram falls back to the summary below.
    }
  }
  return summary === undefined ? undefined : latencyFromSummary(metric, summary);
}

function wholeRun(aggregate: Json, histograms: Json = {}): RequestEvidence {
  const counters = numbersOf(aggregate.counters);
  const summaries = isObject(aggregate.summaries) ? aggregate.summaries : {};
  const { codes, errors } = codesAndErrors(counters, 'http.');
  const latency: Record<string, LatencyEvidence> = {};
  for (const metric of LATENCY_METRICS) {
    const evidence = latencyOf(metric, metric, summaries, histograms);
    if (evidence !== undefined) latency[metric] = evidence;
  }
  const requests = counters['http.requests'] ?? sum(codes) + sum(errors);
  return { requests, codes, errors, latency };
}

function endpointNames(counters: Record<string, number>, summaries: Json): Set<string> {
  const names = new Set<string>();
  for (const key of Object.keys(counters)) {
    const match = /^plugins\.metrics-by-endpoint\.(.+)\.(codes|errors)\.[^.]+$/.exec(key);
    if (match?.[1] !== undefined) names.add(match[1]);
  }
  for (const key of Object.keys(summaries)) {
    const prefix = ENDPOINT_LATENCY_PREFIX['http.response_time'];
    if (key.startsWith(prefix)) names.add(key.slice(prefix.length));
  }
  return names;
}

function endpoints(aggregate: Json, histograms: Json): Record<string, RequestEvidence> {
  const counters = numbersOf(aggregate.counters);
  const summaries = isObject(aggregate.summaries) ? aggregate.summaries : {};
  const out: Record<string, RequestEvidence> = {};
  for (const name of endpointNames(counters, summaries)) {
    const { codes, errors } = codesAndErrors(counters, `${ENDPOINT_PREFIX}${name}.`);
    const latency: Record<string, LatencyEvidence> = {};
    for (const metric of LATENCY_METRICS) {
      const evidence = latencyOf(metric, `${ENDPOINT_LATENCY_PREFIX[metric]}${name}`, summaries, histograms);
      if (evidence !== undefined) latency[metric] = evidence;
    }
    out[name] = { requests: sum(codes) + sum(errors), codes, errors, latency };
  }
  return out;
}

function durationOf(aggregate: Json, perfgate: Json): number | undefined {
  const first = aggregate.firstMetricAt;
  const last = aggregate.lastMetricAt;
  if (typeof first === 'number' && typeof last === 'number' && last > first) return last - first;
  const { startedAt, endedAt } = perfgate;
  if (typeof startedAt === 'number' && typeof endedAt === 'number' && endedAt > startedAt)
    return endedAt - startedAt;
  const declared = perfgate.durationMs;
  return typeof declared === 'number' && declared > 0 ? declared : undefined;
}

const SCENARIO_METRIC = /^perfgate\.scenario\.(.+)\.(completed|failed)$/;

/** Each scenario's sessions as RequestEvidence: a failed session is an error, its length the latency. */
function scenarioSessions(aggregate: Json, histograms: Json): Record<string, RequestEvidence> {
  const counters = numbersOf(aggregate.counters);
  const summaries = isObject(aggregate.summaries) ? aggregate.summaries : {};
  const names = new Set<string>();
  for (const key of Object.keys(counters)) {
    const name = SCENARIO_METRIC.exec(key)?.[1];
    if (name !== undefined) names.add(name);
  }
  const out: Record<string, RequestEvidence> = {};
  for (const name of names) {
    const completed = counters[`perfgate.scenario.${name}.completed`] ?? 0;
    const failed = counters[`perfgate.scenario.${name}.failed`] ?? 0;
    const latency: Record<string, LatencyEvidence> = {};
    const key = `perfgate.scenario.${name}.session_length`;
    // Sessions have one length, whichever request latency metric the SLO names.
    for (const metric of LATENCY_METRICS) {
      const evidence = latencyOf(metric, key, summaries, histograms);
      if (evidence !== undefined) latency[metric] = evidence;
    }
    const codes: Record<string, number> = completed > 0 ? { session: completed } : {};
    out[name] = { requests: completed + failed, codes, errors: failed > 0 ? { failed } : {}, latency };
  }
  return out;
}

/** True when `report` looks like an Artillery-layout load result. */
export function isArtilleryReport(report: unknown): boolean {
  return isObject(report) && isObject(report.aggregate) && isObject(report.aggregate.counters);
}

/** LoadEvidence from a parsed Artillery-layout report; `INVALID_ARGUMENT` when it is not one. */
export function loadEvidenceFromArtillery(report: unknown, source: string): LoadEvidence {
  if (!isArtilleryReport(report) || !isObject(report) || !isObject(report.aggregate)) {
    throw new PerfgateError('INVALID_ARGUMENT', `${source}: not a load-test result (no aggregate.counters)`);
  }
  const aggregate = report.aggregate;
  const perfgate = isObject(report.perfgate) ? report.perfgate : {};
  const histograms = isObject(perfgate.histograms) ? perfgate.histograms : {};
  const scenarios = scenarioSessions(aggregate, histograms);
  const evidence: LoadEvidence = {
    kind: 'load',
    source,
    whole: wholeRun(aggregate, histograms),
    endpoints: endpoints(aggregate, histograms),
    scenarios,
    notes: ['latency shares come from percentile summaries (interpolated, approximate)'],
  };
  const durationMs = durationOf(aggregate, perfgate);
  if (durationMs !== undefined) evidence.durationMs = durationMs;
  const regions = regionEvidence(aggregate, perfgate, histograms);
  if (regions !== undefined) evidence.regions = regions;
  return evidence;
}

/** Each region's requests, from its merged counters and histograms (no summaries: exact only). */
function regionEvidence(
  aggregate: Json,
  perfgate: Json,
  histograms: Json,
): Record<string, RegionEvidence> | undefined {
  const scoped = (counters: unknown, hdr: Json): RegionEvidence => {
    const part = { counters, summaries: {} };
    return {
      whole: wholeRun(part, hdr),
      endpoints: endpoints(part, hdr),
      scenarios: scenarioSessions(part, hdr),
    };
  };
  if (isObject(perfgate.regions)) {
    const out: Record<string, RegionEvidence> = {};
    for (const [name, region] of Object.entries(perfgate.regions)) {
      if (isObject(region))
        out[name] = scoped(region.counters, isObject(region.histograms) ? region.histograms : {});
    }
    return out;
  }
  if (typeof perfgate.region === 'string')
    return { [perfgate.region]: scoped(aggregate.counters, histograms) };
  return undefined;
}
