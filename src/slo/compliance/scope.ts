/**
 * Which requests of a load result an SLO judges: its endpoint, its scenario, or the whole run.
 * An endpoint written `METHOD /path` matches a metrics-by-endpoint name equal to it, to the path,
 * or to a URL whose path is that path (Artillery names endpoints by request name or URL as written).
 */

import { editDistance } from '../../stats/edit-distance.js';
import type { LoadEvidence, RequestEvidence } from '../evidence/types.js';
import type { SloScope } from '../model.js';

/** How many of the endpoints seen a not-covered reason names. */
const CLOSEST_SHOWN = 3;

export type ScopeMatch =
  | { state: 'matched'; label: string; requests: RequestEvidence; notes: string[] }
  | { state: 'not-covered'; reason: string };

function pathOf(name: string): string {
  try {
    return new URL(name).pathname;
  } catch {
    return name;
  }
}

/** The endpoint names of `evidence` that `endpoint` refers to. */
export function matchingEndpoints(endpoint: string, names: readonly string[]): string[] {
  if (names.includes(endpoint)) return [endpoint];
  const path = endpoint.replace(/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+/i, '');
  return names.filter(
    (name) => name === path || pathOf(name.replace(/^(GET|POST|PUT|PATCH|DELETE)\s+/i, '')) === path,
  );
}

const comparable = (name: string) =>
  pathOf(name.replace(/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+/i, '')).toLowerCase();

/**
 * The endpoints seen that are closest to `endpoint` (edit distance between paths, then between
 * the full names), so a misspelt SLO endpoint shows what it probably meant.
 */
export function closestEndpoints(
  endpoint: string,
  names: readonly string[],
  count = CLOSEST_SHOWN,
): string[] {
  const path = comparable(endpoint);
  const scored = names.map((name) => ({
    name,
    path: editDistance(path, comparable(name)),
    full: editDistance(endpoint.toLowerCase(), name.toLowerCase()),
  }));
  scored.sort((a, b) => a.path - b.path || a.full - b.full || a.name.localeCompare(b.name));
  return scored.slice(0, count).map((entry) => entry.name);
}

function notCoveredEndpoint(endpoint: string, names: readonly string[]): ScopeMatch {
  const closest = closestEndpoints(endpoint, names);
  const seen =
    closest.length > 0 ? `; closest seen: ${closest.join(', ')}` : '; the results name no endpoints';
  return { state: 'not-covered', reason: `no endpoint "${endpoint}" in the results${seen}` };
}

function mergeRequests(parts: readonly RequestEvidence[]): RequestEvidence {
  const add = (target: Record<string, number>, source: Readonly<Record<string, number>>) => {
    for (const [key, value] of Object.entries(source)) target[key] = (target[key] ?? 0) + value;
  };
  const codes: Record<string, number> = {};
  const errors: Record<string, number> = {};
  for (const part of parts) {
    add(codes, part.codes);
    add(errors, part.errors);
  }
  const only = parts.length === 1 ? parts[0] : undefined;
  return {
    requests: parts.reduce((total, part) => total + part.requests, 0),
    codes,
    errors,
    // Summaries cannot be merged exactly; latency is kept only for a single matching endpoint.
    latency: only?.latency ?? {},
  };
}

/**
 * Picks the requests an SLO scope covers in a load result; with `region`, within that region's
 * share of a distributed run.
 */
export function selectScope(scope: SloScope, evidence: LoadEvidence): ScopeMatch {
  if (scope.benchmark !== undefined) return { state: 'not-covered', reason: 'judges a benchmark' };
  if (scope.region === undefined) return selectWithin(scope, evidence);
  const region = evidence.regions?.[scope.region];
  if (region === undefined) {
    const known = Object.keys(evidence.regions ?? {});
    const reason = `no region "${scope.region}" in the results${known.length > 0 ? ` (regions: ${known.join(', ')})` : ''}`;
    return { state: 'not-covered', reason };
  }
  const match = selectWithin(scope, { ...evidence, ...region });
  return match.state === 'matched' ? { ...match, label: `${match.label}, region ${scope.region}` } : match;
}

function selectWithin(scope: SloScope, evidence: LoadEvidence): ScopeMatch {
  if (scope.endpoint !== undefined) {
    const seen = Object.keys(evidence.endpoints);
    const names = matchingEndpoints(scope.endpoint, seen);
    if (names.length === 0) return notCoveredEndpoint(scope.endpoint, seen);
    const parts = names.flatMap((name) => (evidence.endpoints[name] ? [evidence.endpoints[name]] : []));
    const notes = names.length > 1 ? [`endpoints ${names.join(', ')} merged; latency not mergeable`] : [];
    return {
      state: 'matched',
      label: `endpoint ${names.join(' + ')}`,
      requests: mergeRequests(parts),
      notes,
    };
  }
  if (scope.scenario !== undefined) {
    const scenario = evidence.scenarios[scope.scenario];
    if (scenario === undefined) {
      return {
        state: 'not-covered',
        reason: `no per-scenario metrics for "${scope.scenario}" in the results`,
      };
    }
    return { state: 'matched', label: `scenario ${scope.scenario}`, requests: scenario, notes: [] };
  }
  return { state: 'matched', label: 'whole run', requests: evidence.whole, notes: [] };
}
