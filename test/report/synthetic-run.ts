/**
 * A 60 s load test's results built with the load engine's own recorder and results builder (no
 * 60 s wait in the suite): two scenarios (one named with markup), 2 s windows, a slow spell with
 * 5xx and timeouts in the middle, a 6 s pause in which nothing happens (empty windows: gaps), and
 * an `ensure` that fails. Deterministic: latencies come from a seeded generator.
 */

import { WindowedRecorder } from '../../src/load/metrics/recorder.js';
import { requestKeyPrefix, requestNames } from '../../src/load/metrics/request-names.js';
import { buildResults, type LoadResults } from '../../src/load/metrics/results.js';
import { createLatencyHistogram } from '../../src/stats/hdr.js';
import { mulberry32 } from '../../src/stats/random.js';

export const HOSTILE_SCENARIO = '<img src=x onerror=alert(1)>';
const STARTED_AT = Date.UTC(2026, 10, 27, 3, 0, 0);
const WINDOW_MS = 2_000;

interface Request {
  scenario: string;
  method: string;
  endpoint: string;
  artillery: string;
}

const REQUESTS: Request[] = [
  { scenario: 'browse', method: 'GET', endpoint: '/api/models', artillery: '/api/models' },
  { scenario: 'browse', method: 'GET', endpoint: '/api/models/{id}', artillery: '/api/models/{{ id }}' },
  { scenario: HOSTILE_SCENARIO, method: 'POST', endpoint: 'route', artillery: '/api/route (route)' },
];

function record(
  recorder: WindowedRecorder,
  request: Request,
  ms: number,
  status: number | 'ETIMEDOUT',
): void {
  const key = requestKeyPrefix(request.scenario, request.method, request.endpoint);
  recorder.counter('http.requests');
  if (status === 'ETIMEDOUT') {
    recorder.counter(['errors.ETIMEDOUT', requestNames.error(key, 'ETIMEDOUT')]);
    return;
  }
  recorder.counter([
    'http.responses',
    `http.codes.${status}`,
    `plugins.metrics-by-endpoint.${request.artillery}.codes.${status}`,
    requestNames.code(key, status),
  ]);
  recorder.summary(
    ['http.response_time', `plugins.metrics-by-endpoint.response_time.${request.artillery}`],
    ms * 0.9,
  );
  recorder.summary(['perfgate.http.duration', requestNames.duration(key)], ms);
}

function session(recorder: WindowedRecorder, scenario: string, ms: number, failed: boolean): void {
  recorder.counter(['vusers.created', `vusers.created_by_name.${scenario}`]);
  if (failed) {
    recorder.counter(['vusers.failed', `perfgate.scenario.${scenario}.failed`]);
    return;
  }
  recorder.counter(['vusers.completed', `perfgate.scenario.${scenario}.completed`]);
  recorder.summary(['vusers.session_length', `perfgate.scenario.${scenario}.session_length`], ms);
}

/** Window `w`'s 20 arrivals: slow with failures in the spell (w 12–15), none in the pause (w 20–22). */
function fillWindow(recorder: WindowedRecorder, w: number, random: () => number): void {
  const spell = w >= 12 && w < 16;
  if (w >= 20 && w < 23) return;
  for (let i = 0; i < 20; i++) {
    const request = REQUESTS[i % REQUESTS.length] as Request;
    const ms = (spell ? 180 : 25) * (0.6 + random() * 0.8) * (random() < 0.02 ? 6 : 1);
    const failed = spell && i % 7 === 0;
    const status = failed ? (i % 2 === 0 ? 503 : 'ETIMEDOUT') : random() < 0.05 ? 404 : 200;
    record(recorder, request, ms, status);
    session(recorder, request.scenario, ms * 2, status === 'ETIMEDOUT');
  }
}

export function syntheticSixtySecondRun(): LoadResults {
  const random = mulberry32(42);
  const recorder = new WindowedRecorder(STARTED_AT);
  const windows = [];
  for (let w = 0; w < 30; w++) {
    fillWindow(recorder, w, random);
    const end = STARTED_AT + (w + 1) * WINDOW_MS;
    windows.push(recorder.closeWindow(end, end - WINDOW_MS));
  }
  const slip = createLatencyHistogram();
  slip.record(1);
  return buildResults(
    windows.filter((w) => Object.keys(w.counters).length > 0),
    [{ eventLoopLagMs: { p50: 1, p99: 4, max: 9 }, cpuPercent: 35, scheduleSlip: slip.encode() }],
    [{ slowest: [], failed: [] }],
    {
      status: 'completed',
      script: 'checkout-60s.yml',
      startedAt: STARTED_AT,
      endedAt: STARTED_AT + 60_000,
      intervalMs: WINDOW_MS,
      segments: ['0/1'],
      ensureSpec: {
        thresholds: [{ metric: 'perfgate.http.duration.p95', limit: 150 }],
        conditions: [],
        legacy: [],
        maxErrorRate: 1,
      },
      warnings: [],
    },
  );
}
