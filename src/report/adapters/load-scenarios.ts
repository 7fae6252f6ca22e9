/**
 * Scenarios and endpoints from perfgate's per-request names (src/load/metrics/request-names.ts):
 * per scenario its VUs (`vusers.created_by_name.<name>`, `perfgate.scenario.<name>.completed|failed`),
 * session length (`perfgate.scenario.<name>.session_length`), requests, failed requests and its
 * endpoints; per endpoint (method and label, over all scenarios) the same with exact percentiles
 * of the duration from the intended start, merged from the encoded HDR histograms.
 */
import {
  parseRequestName,
  type RequestKey,
  SCENARIO_PREFIX,
  scenarioNamesIn,
} from '../../load/metrics/request-names.js';
import { decodeLatencyHistogram, type LatencyHistogram } from '../../stats/hdr.js';
import type { EndpointRow, LatencySummary, ScenarioRow } from '../model.js';
import { type JsonObject, numberAt, numericEntries, objectAt, stringAt } from './json-fields.js';

interface EndpointTally {
  key: RequestKey;
  count: number;
  errors: number;
  /** Encoded aggregate histogram of its duration, if the results carry one. */
  encoded?: string;
  summary?: JsonObject;
}

const keyOf = (key: RequestKey, withScenario: boolean) =>
  `${withScenario ? `${key.scenario}\u0000` : ''}${key.method}\u0000${key.endpoint}`;

function tallies(
  counters: JsonObject | undefined,
  summaries: JsonObject | undefined,
  histograms: JsonObject | undefined,
  scenarios: string[],
): Map<string, EndpointTally> {
  const byKey = new Map<string, EndpointTally>();
  const tally = (key: RequestKey) => {
    const id = keyOf(key, true);
    let found = byKey.get(id);
    if (found === undefined) {
      found = {
        key: { scenario: key.scenario, method: key.method, endpoint: key.endpoint },
        count: 0,
        errors: 0,
      };
      byKey.set(id, found);
    }
    return found;
  };
  for (const [name, value] of numericEntries(counters)) {
    const parsed = parseRequestName(name, scenarios);
    if (parsed === undefined || parsed.kind === 'duration') continue;
    const entry = tally(parsed);
    entry.count += value;
    if (parsed.kind === 'error' || parsed.status.startsWith('5')) entry.errors += value;
  }
  for (const name of Object.keys(summaries ?? {})) {
    const parsed = parseRequestName(name, scenarios);
    if (parsed?.kind !== 'duration') continue;
    const entry = tally(parsed);
    entry.summary = objectAt(summaries, name);
    entry.encoded = stringAt(histograms, name);
  }
  return byKey;
}

function rowOf(
  key: RequestKey,
  count: number,
  errors: number,
  summary: Partial<LatencySummary>,
): EndpointRow {
  return {
    name: key.endpoint,
    method: key.method,
    count,
    errors,
    p50: summary.p50 ?? 0,
    p95: summary.p95 ?? 0,
    p99: summary.p99 ?? 0,
    max: summary.max ?? 0,
  };
}

function summaryOf(json: JsonObject | undefined): Partial<LatencySummary> {
  return {
    p50: numberAt(json, 'p50') ?? numberAt(json, 'median'),
    p95: numberAt(json, 'p95'),
    p99: numberAt(json, 'p99'),
    max: numberAt(json, 'max'),
  };
}

function byEndpoint(a: EndpointRow, b: EndpointRow): number {
  return a.name.localeCompare(b.name) || (a.method ?? '').localeCompare(b.method ?? '');
}

export interface PerRequestData {
  scenarios: ScenarioRow[];
  /** Per (method, endpoint) over all scenarios; empty when the results have no per-request names. */
  endpoints: EndpointRow[];
}

export function perRequestData(
  aggregate: JsonObject | undefined,
  histograms: JsonObject | undefined,
  toLatency: (metric: string, summary: JsonObject | undefined) => LatencySummary | undefined,
): PerRequestData {
  const counters = objectAt(aggregate, 'counters');
  const summaries = objectAt(aggregate, 'summaries');
  const names = scenarioNamesIn(Object.fromEntries(numericEntries(counters)));
  const all = [...tallies(counters, summaries, histograms, names).values()];
  const scenarios = [...names]
    .sort((a, b) => a.localeCompare(b))
    .map((name): ScenarioRow => {
      const mine = all.filter((t) => t.key.scenario === name);
      const count = (suffix: string) => numberAt(counters, `${SCENARIO_PREFIX}${name}.${suffix}`) ?? 0;
      const session = `${SCENARIO_PREFIX}${name}.session_length`;
      return {
        name,
        vusersCreated: numberAt(counters, `vusers.created_by_name.${name}`) ?? 0,
        vusersCompleted: count('completed'),
        vusersFailed: count('failed'),
        sessionLength: toLatency(session, objectAt(summaries, session)),
        requests: mine.reduce((sum, t) => sum + t.count, 0),
        errors: mine.reduce((sum, t) => sum + t.errors, 0),
        endpoints: mine.map((t) => rowOf(t.key, t.count, t.errors, summaryOf(t.summary))).sort(byEndpoint),
      };
    });
  return { scenarios, endpoints: mergedEndpoints(all) };
}

/** One row per (method, endpoint): counts add; percentiles from the merged histograms (exact). */
function mergedEndpoints(all: EndpointTally[]): EndpointRow[] {
  const groups = new Map<string, EndpointTally[]>();
  for (const t of all) groups.set(keyOf(t.key, false), [...(groups.get(keyOf(t.key, false)) ?? []), t]);
  return [...groups.values()]
    .map((group) => {
      const [first] = group as [EndpointTally];
      const count = group.reduce((sum, t) => sum + t.count, 0);
      const errors = group.reduce((sum, t) => sum + t.errors, 0);
      if (group.length === 1) return rowOf(first.key, count, errors, summaryOf(first.summary));
      const merged = mergeHistograms(group.map((t) => t.encoded));
      const summary = merged?.summary();
      return rowOf(first.key, count, errors, summary ?? {});
    })
    .sort(byEndpoint);
}

function mergeHistograms(encoded: (string | undefined)[]): LatencyHistogram | undefined {
  if (encoded.some((text) => text === undefined)) return undefined;
  try {
    const [first, ...rest] = encoded.map((text) => decodeLatencyHistogram(text as string));
    for (const histogram of rest) first?.merge(histogram);
    return first;
  } catch {
    return undefined;
  }
}
