import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/cli/clock.js';
import type { HttpClient, HttpRequestSpec } from '../../../src/load/contracts.js';
import type { ProcessorModule } from '../../../src/load/flow/processor.js';
import { createVuRunner } from '../../../src/load/flow/vu-runner.js';
import { createTestClient, parseOk, runVus, seededRandom } from './harness.js';
import { MemoryMetrics } from './memory-metrics.js';
import { type RecordingServer, sendJson, startRecordingServer } from './recording-server.js';

let server: RecordingServer;
const arrivals: number[] = [];
beforeEach(async () => {
  arrivals.length = 0;
  server = await startRecordingServer((request, response) => {
    arrivals.push(performance.now());
    if (request.url === '/missing') return sendJson(response, 404, { error: 'nope' });
    sendJson(response, 200, { id: 5, items: [1, 2] });
  });
});
afterEach(async () => {
  await server.close();
});

const withTarget = (flow: string, config = '') =>
  parseOk(
    `config:\n  target: "{{ $env.TARGET }}"\n${config}\nscenarios:\n  - name: s\n    flow:\n${flow}`,
    undefined,
    {
      TARGET: server.url,
    },
  );

/** Wraps a real client to keep the specs the VU sent. */
function spying(client: HttpClient): { client: HttpClient; specs: HttpRequestSpec[] } {
  const specs: HttpRequestSpec[] = [];
  return {
    specs,
    client: {
      request: (spec) => {
        specs.push(spec);
        return client.request(spec);
      },
      close: () => client.close(),
    },
  };
}

describe('think', () => {
  it('sleeps the fractional seconds and schedules the next request that much later', async () => {
    const script = withTarget(
      `      - get: { url: /one }\n      - think: 0.5\n      - get: { url: /two }\n      - think: "{{ pause }}"`,
      '  variables: { pause: "20ms" }',
    );
    const metrics = new MemoryMetrics();
    const zero = systemClock.monotonic();
    const { client, specs } = spying(createTestClient(zero));
    const iterate = createVuRunner(script, {
      http: client,
      metrics,
      clock: systemClock,
      testZeroMs: zero,
      random: seededRandom(1),
    });
    const started = systemClock.monotonic();
    const outcome = await iterate({
      vuId: 1,
      intendedStartMs: 0,
      phaseIndex: 0,
      signal: new AbortController().signal,
    });
    expect(outcome).toEqual({ state: 'completed' });
    expect((arrivals[1] ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(490);
    const [first, second] = specs;
    expect(first?.intendedStartMs).toBe(0);
    expect((second?.intendedStartMs ?? 0) - (first?.intendedStartMs ?? 0)).toBeGreaterThanOrEqual(500);
    expect(systemClock.monotonic() - started).toBeGreaterThanOrEqual(515);
    expect(metrics.summaries.get('vusers.session_length')?.[0]).toBeGreaterThanOrEqual(515);
    await client.close();
  });

  it('stops sleeping and reports the VU as interrupted when the test ends', async () => {
    const script = withTarget('      - think: 30\n      - get: { url: /never }');
    const metrics = new MemoryMetrics();
    const http = createTestClient(0);
    const iterate = createVuRunner(script, { http, metrics, clock: systemClock, random: seededRandom(1) });
    const controller = new AbortController();
    const running = iterate({ vuId: 1, intendedStartMs: 0, phaseIndex: 0, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await running).toEqual({ state: 'failed', errorCode: 'ABORTED' });
    expect(metrics.count('perfgate.vusers.interrupted')).toBe(1);
    expect(metrics.count('vusers.failed')).toBe(0);
    expect(server.received).toEqual([]);
    await http.close();
  });
});

describe('loop', () => {
  it('repeats count times, iterates over literal lists, and restores the outer $loopCount when nested', async () => {
    const script = withTarget(
      `      - loop:
          - loop:
              - get: { url: "/o{{ $loopCount }}/{{ $loopElement }}" }
            over: [x, y]
          - get: { url: "/after/{{ $loopCount }}" }
        count: "{{ times }}"`,
      '  variables: { times: 2 }',
    );
    await runVus(script);
    expect(server.received.map((request) => request.url)).toEqual([
      '/o0/x',
      '/o1/y',
      '/after/0',
      '/o0/x',
      '/o1/y',
      '/after/1',
    ]);
  });

  it('runs a loop without a bound until the test ends, even when its body never waits', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const script = withTarget('      - loop:\n          - log: "spin {{ $loopCount }}"');
    const { outcomes } = await runVus(script, { signal: controller.signal });
    expect(outcomes).toEqual([{ state: 'failed', errorCode: 'ABORTED' }]);
  });

  it('takes a "from-to" count range as Artillery does', async () => {
    await runVus(
      withTarget('      - loop:\n          - get: { url: "/r{{ $loopCount }}" }\n        count: "2-4"'),
    );
    expect(server.received.map((request) => request.url)).toEqual(['/r2', '/r3']);
  });

  it('loops while a processor function says so, deciding after each pass as Artillery does', async () => {
    const processor = (await import(
      new URL('../../fixtures/load/hooks.mjs', import.meta.url).href
    )) as ProcessorModule;
    const script = parseOk(
      `config:\n  target: "{{ $env.TARGET }}"\n  processor: ./hooks.mjs\nscenarios:\n  - flow:\n      - loop:\n          - get: { url: "/poll/{{ $loopCount }}" }\n        whileTrue: untilThree`,
      '/virtual/script.yml',
      { TARGET: server.url },
    );
    await runVus(script, { processor });
    expect(server.received.map((request) => request.url)).toEqual(['/poll/0', '/poll/1', '/poll/2']);
  });
});

describe('failures end the VU as Artillery does', () => {
  it('a strict capture that finds nothing fails the VU with errors.Failed capture or match', async () => {
    const script = withTarget(
      '      - get: { url: /one, capture: { json: "$.nothing", as: x } }\n      - get: { url: /two }',
    );
    const { outcomes, metrics } = await runVus(script);
    expect(outcomes).toEqual([{ state: 'failed', errorCode: 'Failed capture or match' }]);
    expect(metrics.count('errors.Failed capture or match')).toBe(1);
    expect(metrics.count('vusers.failed')).toBe(1);
    expect(server.received).toHaveLength(1);
  });

  it('a deprecated match that fails ends the VU like a failed capture; one that holds carries on', async () => {
    const script = withTarget(
      '      - get: { url: /one, match: { json: "$.id", value: "{{ expected }}" } }\n      - get: { url: /two, match: [ { json: "$.id", value: 6 } ] }\n      - get: { url: /three }',
      '  variables: { expected: 5 }',
    );
    const { outcomes, metrics } = await runVus(script);
    expect(outcomes).toEqual([{ state: 'failed', errorCode: 'Failed capture or match' }]);
    expect(metrics.count('errors.Failed capture or match')).toBe(1);
    expect(server.received.map((request) => request.url)).toEqual(['/one', '/two']);
  });

  it('a non-strict capture carries on; the missing variable renders as undefined, as in Artillery', async () => {
    const script = withTarget(
      '      - get: { url: /one, capture: { json: "$.nothing", as: x, strict: false } }\n      - get: { url: "/two{{ x }}" }',
    );
    const { outcomes } = await runVus(script);
    expect(outcomes).toEqual([{ state: 'completed' }]);
    expect(server.received.map((request) => request.url)).toEqual(['/one', '/twoundefined']);
  });

  it('a refused connection counts errors.ECONNREFUSED and per-endpoint errors', async () => {
    const closed = await startRecordingServer();
    const url = closed.url;
    await closed.close();
    const script = parseOk(`config:\n  target: ${url}\nscenarios:\n  - flow:\n      - get: { url: /x }`);
    const { outcomes, metrics } = await runVus(script);
    expect(outcomes).toEqual([{ state: 'failed', errorCode: 'ECONNREFUSED' }]);
    expect(metrics.count('errors.ECONNREFUSED')).toBe(1);
    expect(metrics.count('plugins.metrics-by-endpoint./x.errors.ECONNREFUSED')).toBe(1);
    expect(metrics.count('http.requests')).toBe(1);
    expect(metrics.count('http.responses')).toBe(0);
  });
});

describe('expect plugin', () => {
  it('counts passed and failed checks by type without failing the VU', async () => {
    const script = withTarget(
      `      - get:
          url: /one
          expect: [ { statusCode: 200 }, { contentType: json }, { hasProperty: items }, { hasHeader: content-type }, { equals: ["{{ id }}", "5"] } ]
          capture: { json: "$.id", as: id }
      - get:
          url: /missing
          expect: [ { statusCode: [200, 201] }, { hasProperty: items } ]`,
      '  plugins:\n    expect: {}',
    );
    const { outcomes, metrics } = await runVus(script);
    expect(outcomes).toEqual([{ state: 'completed' }]);
    expect(metrics.count('plugins.expect.ok')).toBe(1);
    expect(metrics.count('plugins.expect.failed')).toBe(1);
    expect(metrics.count('plugins.expect.ok.statusCode')).toBe(1);
    expect(metrics.count('plugins.expect.failed.statusCode')).toBe(1);
    expect(metrics.count('plugins.expect.ok.equals')).toBe(1);
    expect(metrics.count('plugins.expect.failed.hasProperty')).toBe(1);
  });

  it('fails the VU on a failed check with reportFailuresAsErrors', async () => {
    const script = withTarget(
      '      - get: { url: /missing, expect: [ { statusCode: 200 } ] }\n      - get: { url: /next }',
      '  plugins:\n    expect: { reportFailuresAsErrors: true }',
    );
    const { outcomes, metrics } = await runVus(script);
    expect(outcomes).toEqual([{ state: 'failed', errorCode: 'Failed expectations' }]);
    expect(metrics.count('errors.Failed expectations')).toBe(1);
    expect(server.received).toHaveLength(1);
  });
});
