import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/core/logger.js';
import { silentLogger } from '../../../src/core/logger.js';
import { parseOk, runVus } from './harness.js';
import { type RecordingServer, sendJson, startRecordingServer } from './recording-server.js';

let server: RecordingServer;
let bytesSent = 0;
beforeEach(async () => {
  bytesSent = 0;
  server = await startRecordingServer((request, response) => {
    const missing = request.url.startsWith('/models/9');
    const body = missing ? { error: 'gone' } : { id: request.url.length };
    bytesSent += JSON.stringify(body).length;
    sendJson(response, missing ? 404 : request.method === 'POST' ? 201 : 200, body);
  });
});
afterEach(async () => {
  await server.close();
});

describe("Artillery's metrics, recorded per VU and per request", () => {
  it('counts VUs, requests, codes and bytes, and groups endpoints by their un-templated URL', async () => {
    const script = parseOk(
      `config:
  target: "{{ $env.TARGET }}"
  variables: { id: [7, 9] }
scenarios:
  - name: browse
    flow:
      - post: { url: /models, name: create, json: { a: 1 } }
      - get: { url: "/models/{{ id }}?verbose=1" }
`,
      undefined,
      { TARGET: server.url },
    );
    const { metrics, outcomes } = await runVus(script, { vus: 6 });
    expect(outcomes.every((outcome) => outcome.state === 'completed')).toBe(true);
    const counters = Object.fromEntries(metrics.counters);
    expect(counters).toMatchObject({
      'vusers.created': 6,
      'vusers.created_by_name.browse': 6,
      'vusers.completed': 6,
      'vusers.failed': 0,
      'http.requests': 12,
      'http.responses': 12,
      'http.codes.201': 6,
      'plugins.metrics-by-endpoint./models (create).codes.201': 6,
    });
    const gets = (counters['http.codes.200'] ?? 0) + (counters['http.codes.404'] ?? 0);
    expect(gets).toBe(6);
    expect(counters['plugins.metrics-by-endpoint./models/{{ id }}.codes.404']).toBe(
      counters['http.codes.404'],
    );
    expect(counters['http.downloaded_bytes']).toBe(bytesSent);
    expect(metrics.rates.get('http.request_rate')).toBe(12);
    for (const name of [
      'http.response_time',
      'perfgate.http.duration',
      'perfgate.http.queued',
      'perfgate.http.download',
      'plugins.metrics-by-endpoint.response_time./models (create)',
    ]) {
      expect(metrics.summaries.get(name)?.length, name).toBeGreaterThan(0);
    }
    expect(metrics.summaries.get('http.response_time')).toHaveLength(12);
    expect(metrics.summaries.get('http.response_time.2xx')).toHaveLength(
      6 + (counters['http.codes.200'] ?? 0),
    );
    expect(metrics.summaries.get('vusers.session_length')).toHaveLength(6);
    // Per-scenario sessions, which scenario SLOs judge (an end-to-end flow is one sample).
    expect(counters['perfgate.scenario.browse.completed']).toBe(6);
    expect(counters['perfgate.scenario.browse.failed']).toBeUndefined();
    expect(metrics.summaries.get('perfgate.scenario.browse.session_length')).toEqual(
      metrics.summaries.get('vusers.session_length'),
    );
    const duration = metrics.summaries.get('perfgate.http.duration') ?? [];
    const ttfb = metrics.summaries.get('http.response_time') ?? [];
    expect(duration.every((total, index) => total >= (ttfb[index] ?? 0))).toBe(true);
    // perfgate's per-request names: scenario, method and a label without template text.
    expect(counters['perfgate.scenario.browse.requests.POST create.codes.201']).toBe(6);
    expect(counters['perfgate.scenario.browse.requests.GET /models/{id}.codes.404']).toBe(
      counters['http.codes.404'],
    );
    expect(metrics.summaries.get('perfgate.scenario.browse.requests.POST create.duration')).toHaveLength(6);
  });

  it("records Artillery's http.tcp and http.total with http.extendedMetrics, and says what is not timed apart", async () => {
    const script = parseOk(
      `config:
  target: "{{ $env.TARGET }}"
  http: { extendedMetrics: true, pool: 1 }
scenarios:
  - flow:
      - get: { url: /models/1 }
      - get: { url: /models/2 }
`,
      undefined,
      { TARGET: server.url },
    );
    expect(script.warnings.join('\n')).toContain('http.dns and http.tls are not measured apart');
    const { metrics } = await runVus(script, { vus: 3 });
    // One pooled connection: only the first request opened one.
    expect(metrics.summaries.get('http.tcp')).toHaveLength(1);
    expect(metrics.summaries.get('http.total')).toHaveLength(6);
    const plain = await runVus(
      parseOk(`config:\n  target: "${server.url}"\nscenarios:\n  - flow:\n      - get: { url: /models/1 }\n`),
    );
    expect(plain.metrics.summaries.has('http.total')).toBe(false);
  });

  it('keeps one $uuid per VU, sends parallel requests, and logs through the injected logger', async () => {
    const lines: string[] = [];
    const logger: Logger = { ...silentLogger, info: (message) => lines.push(message) };
    const script = parseOk(
      `config:
  target: "{{ $env.TARGET }}"
scenarios:
  - flow:
      - parallel:
          - get: { url: "/a/{{ $uuid }}" }
          - get: { url: "/b/{{ $uuid }}" }
      - log: "vu {{ $uuid }} done"
`,
      undefined,
      { TARGET: server.url },
    );
    await runVus(script, { vus: 2, extra: { logger } });
    const ids = server.received.map((request) => request.url.split('/')[2]);
    expect(new Set(ids.slice(0, 2)).size).toBe(1);
    expect(new Set(ids.slice(2, 4)).size).toBe(1);
    expect(ids[0]).not.toBe(ids[2]);
    expect(lines).toEqual([`vu ${ids[0]} done`, `vu ${ids[2]} done`]);
  });
});
