import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/cli/clock.js';
import { runLoadTest } from '../../src/load/index.js';
import { checkRunSlos } from '../../src/pipeline/slo-gate.js';
import { sloFromSpec } from '../../src/slo/spec.js';
import { type RecordingServer, startRecordingServer } from '../load/flow/recording-server.js';

let server: RecordingServer;

beforeAll(async () => {
  server = await startRecordingServer((request, response) => {
    if (request.headers['x-slow']) setTimeout(() => response.end('{}'), 1_500);
    else response.end('{}');
  });
});
afterAll(() => server.close());

/**
 * Requests to `/x` (one endpoint for metrics-by-endpoint); `slow` ones wait 1.5 s. The objective
 * (1 s) sits far from both, so a stalled busy machine cannot move a fast request across it.
 */
const script = (arrivals: number, speed: 'fast' | 'slow') => ({
  config: { target: server.url, phases: [{ duration: 1, arrivalCount: arrivals }] },
  scenarios: [
    { name: speed, flow: [{ get: { url: '/x', headers: speed === 'slow' ? { 'x-slow': '1' } : {} } }] },
  ],
});

const p95 = sloFromSpec({
  name: 'x_p95',
  service: 'api',
  sli: { type: 'latency', percentile: 95, endpoint: 'GET /x' },
  slo: { target: 1_000, operator: '<=', unit: 'ms' },
});

describe('checkRunSlos', () => {
  it('judges an SLO that two scripts cover once, on their merged results', async () => {
    if (p95.state !== 'ok') throw new Error(p95.issues.join('\n'));
    const fast = await runLoadTest(script(100, 'fast'), { clock: systemClock });
    const slow = await runLoadTest(script(4, 'slow'), { clock: systemClock });
    const loads = [
      { source: 'fast.json', service: 'api', scenarios: ['fast'], results: fast },
      { source: 'slow.json', service: 'api', scenarios: ['slow'], results: slow },
    ];
    // Alone, the 4 slow requests miss the objective; with the other 100 they are under 5 %.
    expect(checkRunSlos([p95.slo], [loads[1] as (typeof loads)[number]]).map((c) => c.verdict)).toEqual([
      'fail',
    ]);
    const checks = checkRunSlos([p95.slo], loads);
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ verdict: 'pass', source: 'fast.json + slow.json' });
  }, 20_000);
});
