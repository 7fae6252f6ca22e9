import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/core/clock.js';
import type { HttpClient, HttpRequestSpec, HttpResponse } from '../../../src/load/contracts.js';
import { createVuRunner } from '../../../src/load/flow/vu-runner.js';
import { parseOk, seededRandom } from './harness.js';
import { MemoryMetrics } from './memory-metrics.js';

/** Test time under the test's control: sleeps advance it, optionally oversleeping. */
class ManualClock implements Clock {
  nowMs = 0;
  readonly sleeps: number[] = [];
  constructor(private readonly oversleepMs = 0) {}
  now(): number {
    return this.nowMs;
  }
  monotonic(): number {
    return this.nowMs;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.nowMs += ms + this.oversleepMs;
  }
}

/**
 * A thin HttpClient double (flow logic only): each response takes `serviceMs` of service from
 * when it is sent, and the VU notices it `noticeLagMs` later (a busy event loop).
 */
function stubClient(
  clock: ManualClock,
  serviceMs: number,
  noticeLagMs: number,
): { client: HttpClient; specs: HttpRequestSpec[] } {
  const specs: HttpRequestSpec[] = [];
  const client: HttpClient = {
    async request(spec) {
      specs.push(spec);
      const sentAt = clock.nowMs;
      const endedAt = sentAt + serviceMs;
      clock.nowMs = endedAt + noticeLagMs;
      const response: HttpResponse = {
        state: 'response',
        status: 200,
        headers: {},
        bytes: 2,
        timings: {
          queuedMs: sentAt - spec.intendedStartMs,
          ttfbMs: serviceMs,
          downloadMs: 0,
          totalMs: endedAt - spec.intendedStartMs,
        },
      };
      return response;
    },
    async close() {},
  };
  return { client, specs };
}

const SCRIPT = parseOk(`config:
  target: http://127.0.0.1:9
scenarios:
  - flow:
      - get: { url: /one }
      - think: 0.5
      - get: { url: /two }
      - get: { url: /three }
`);

async function runOnce(clock: ManualClock, arrivalMs: number, startedAtMs: number) {
  const { client, specs } = stubClient(clock, 100, 3);
  const metrics = new MemoryMetrics();
  clock.nowMs = startedAtMs;
  const iterate = createVuRunner(SCRIPT, { http: client, metrics, clock, random: seededRandom(1) });
  await iterate({ vuId: 1, intendedStartMs: arrivalMs, phaseIndex: 0, signal: new AbortController().signal });
  return { specs, metrics };
}

describe('intended start of each request', () => {
  it('is the arrival, then the end of the previous response plus the think time', async () => {
    const clock = new ManualClock();
    const { specs, metrics } = await runOnce(clock, 1_000, 1_000);
    expect(specs.map((spec) => spec.intendedStartMs)).toEqual([1_000, 1_600, 1_700]);
    // The VU noticed the first response 3 ms late: it sleeps 497 ms, not 500, to stay on time.
    expect(clock.sleeps).toEqual([497]);
    // /three was sent 3 ms after it was due and its end was noticed 3 ms late: 1 806 − 1 000.
    expect(metrics.summaries.get('vusers.session_length')).toEqual([806]);
  });

  it('keeps the schedule when the VU starts late or oversleeps, so the delay shows as queue time', async () => {
    const clock = new ManualClock(40);
    const { specs } = await runOnce(clock, 1_000, 1_250);
    expect(specs.map((spec) => spec.intendedStartMs)).toEqual([1_000, 1_850, 1_990]);
    expect(specs.map((spec) => spec.intendedStartMs)[0]).toBeLessThan(1_250);
  });
});

describe('think jitter (http.defaults.think.jitter)', () => {
  it.each([
    ['"20%"', 550],
    ['30', 515],
  ])('varies each think by ± %s', async (jitter, expectedMs) => {
    const script = parseOk(`config:
  target: http://127.0.0.1:9
  http: { defaults: { think: { jitter: ${jitter} } } }
scenarios:
  - flow:
      - think: 0.5
`);
    const clock = new ManualClock();
    const { client } = stubClient(clock, 0, 0);
    const iterate = createVuRunner(script, {
      http: client,
      metrics: new MemoryMetrics(),
      clock,
      random: () => 0.75,
    });
    await iterate({ vuId: 1, intendedStartMs: 0, phaseIndex: 0, signal: new AbortController().signal });
    expect(clock.sleeps).toEqual([expectedMs]);
  });
});
