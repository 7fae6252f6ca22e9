/**
 * The time series of a load test from Artillery's `intermediate` windows: one point per window
 * of `intervalMs` from the first window to the last, windows nobody recorded filled in as empty
 * points (zero counts, no percentiles: a gap, never a made-up value), with responses by status
 * class, failed requests by code and the virtual users active in each window.
 */
import type { WindowPoint } from '../model.js';
import { isObject, type JsonObject, numberAt, numericEntries, objectAt } from './json-fields.js';

/** Artillery's reporting window when the results do not say. */
export const DEFAULT_WINDOW_MS = 10_000;
/** Never fill more empty windows than this (a corrupt `period` must not allocate millions). */
const MAX_POINTS = 10_000;

/** Summaries tried in order for the headline latency. */
export const LATENCY_METRICS = ['perfgate.http.duration', 'http.response_time'] as const;

interface Window {
  at: number;
  seconds: number;
  counters: JsonObject | undefined;
  summaries: JsonObject | undefined;
}

function prefixedCounts(counters: JsonObject | undefined, prefix: string): [string, number][] {
  return numericEntries(counters)
    .filter(([key]) => key.startsWith(prefix))
    .map(([key, value]): [string, number] => [key.slice(prefix.length), value]);
}

/** Failed requests by code: transport errors (`errors.CODE`) and 5xx responses (`HTTP 503`). */
export function failedByCode(counters: JsonObject | undefined): Record<string, number> {
  const byCode: Record<string, number> = {};
  for (const [code, n] of prefixedCounts(counters, 'errors.')) byCode[code] = n;
  for (const [status, n] of prefixedCounts(counters, 'http.codes.')) {
    if (status.startsWith('5')) byCode[`HTTP ${status}`] = n;
  }
  return byCode;
}

function statusClasses(counters: JsonObject | undefined): Record<string, number> {
  const classes: Record<string, number> = {};
  for (const [status, n] of prefixedCounts(counters, 'http.codes.')) {
    const name = `${status.charAt(0)}xx`;
    classes[name] = (classes[name] ?? 0) + n;
  }
  return classes;
}

/**
 * `exactSpans`: the windows' first/last times are the window's own bounds (perfgate's results),
 * so a window that ran long (a late tick on a busy machine) gets its real length; Artillery's
 * are the first and last event in it, so its windows count as `intervalMs` long.
 */
function windowsOf(intermediate: unknown[], intervalMs: number, exactSpans: boolean): Window[] {
  return intermediate
    .filter(isObject)
    .flatMap((window) => {
      const at = numberAt(window, 'period') ?? numberAt(window, 'firstCounterAt');
      if (at === undefined) return [];
      const first = numberAt(window, 'firstCounterAt');
      const last = numberAt(window, 'lastCounterAt');
      const covered = first !== undefined && last !== undefined && last > first ? last - first : intervalMs;
      return [
        {
          at,
          seconds: (exactSpans ? covered : Math.min(covered, intervalMs)) / 1000,
          counters: objectAt(window, 'counters'),
          summaries: objectAt(window, 'summaries'),
        },
      ];
    })
    .sort((a, b) => a.at - b.at);
}

/** The window starts from the first to the last, every `intervalMs`, recorded or not. */
function allStarts(windows: Window[], intervalMs: number): number[] {
  const first = windows[0]?.at;
  const last = windows.at(-1)?.at;
  if (first === undefined || last === undefined) return [];
  const count = Math.min(MAX_POINTS, Math.round((last - first) / intervalMs) + 1);
  const starts = Array.from({ length: count }, (_, i) => first + i * intervalMs);
  // Windows off the grid (other producers) keep their own start.
  for (const window of windows) if (!starts.includes(window.at)) starts.push(window.at);
  return starts.sort((a, b) => a - b);
}

function latencyOf(summaries: JsonObject | undefined): JsonObject | undefined {
  for (const metric of LATENCY_METRICS) {
    const summary = objectAt(summaries, metric);
    if ((numberAt(summary, 'count') ?? 1) > 0 && numberAt(summary, 'p95') !== undefined) return summary;
  }
  return undefined;
}

/**
 * The series; `intervalMs` from `perfgate.intervalMs` (perfgate's results: exact window spans),
 * else the spacing of the windows, else 10 s.
 */
export function windowSeries(intermediate: unknown[], intervalMs: number | undefined): WindowPoint[] {
  const exact = intervalMs !== undefined;
  const rough = windowsOf(intermediate, intervalMs ?? DEFAULT_WINDOW_MS, exact);
  const spacing = rough.length > 1 ? (rough[1]?.at ?? 0) - (rough[0]?.at ?? 0) : undefined;
  const width = intervalMs ?? (spacing !== undefined && spacing > 0 ? spacing : DEFAULT_WINDOW_MS);
  const windows = windowsOf(intermediate, width, exact);
  const byStart = new Map(windows.map((w) => [w.at, w]));
  let active = 0;
  return allStarts(windows, width).map((at): WindowPoint => {
    const window = byStart.get(at);
    const counters = window?.counters;
    const count = (name: string) => numberAt(counters, name) ?? 0;
    // Gatling's "active users": running at some point in the window = running at its start + started in it.
    const activeDuring = active + count('vusers.created');
    active =
      activeDuring -
      count('vusers.completed') -
      count('vusers.failed') -
      count('perfgate.vusers.interrupted');
    const seconds = window?.seconds ?? width / 1000;
    const requests = count('http.requests');
    const latency = latencyOf(window?.summaries);
    const errorCodes = failedByCode(counters);
    return {
      at,
      seconds,
      ...(latency === undefined
        ? {}
        : { p50: numberAt(latency, 'p50'), p95: numberAt(latency, 'p95'), p99: numberAt(latency, 'p99') }),
      requests,
      rps: Math.round((requests / seconds) * 100) / 100,
      errors: Object.values(errorCodes).reduce((sum, n) => sum + n, 0),
      statusClasses: statusClasses(counters),
      errorCodes,
      vusersActive: Math.max(0, activeDuring),
    };
  });
}
