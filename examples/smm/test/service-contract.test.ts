import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, metricValue, record, scrapeMetrics } from './helpers/http.js';
import {
  type ServiceName,
  type ServiceProcess,
  spawnService,
  startService,
  waitForExit,
} from './helpers/service-process.js';

interface ServiceCase {
  readonly name: ServiceName;
  readonly metricPrefix: string;
  /** A cheap `/api` GET that answers 200 when no fault is injected. */
  readonly apiProbe: string;
  /** A POST route that takes JSON, for the malformed-body check. */
  readonly jsonRoute: string;
}

const SERVICES: readonly ServiceCase[] = [
  { name: 'model-router', metricPrefix: 'model_router', apiProbe: '/api/models', jsonRoute: '/api/models' },
  {
    name: 'toolhub',
    metricPrefix: 'toolhub',
    apiProbe: '/api/tools/tool-00001',
    jsonRoute: '/api/tools/search',
  },
  { name: 'workspace', metricPrefix: 'workspace', apiProbe: '/api/workspaces', jsonRoute: '/api/workspaces' },
  {
    name: 'simulation',
    metricPrefix: 'simulation',
    apiProbe: '/api/simulations/none',
    jsonRoute: '/api/simulations',
  },
];

// The same contract for every service: health, metrics, error answers, fault knobs, shutdown.
// Each starts with SMM_FAULT_ERROR_RATE=1, so the env defaults and DELETE's reset are both visible.
describe.each(SERVICES)('$name service contract', ({ name, metricPrefix, apiProbe, jsonRoute }) => {
  let service: ServiceProcess;
  const probeOk = name === 'simulation' ? 404 : 200;

  beforeAll(async () => {
    service = await startService(name, { SMM_FAULT_ERROR_RATE: '1' });
  });
  afterAll(async () => {
    await service.stop();
  });

  it('answers every /api request with an injected 500 while /health stays 200', async () => {
    for (let i = 0; i < 5; i++) {
      const reply = await call(service.baseUrl, 'GET', apiProbe);
      expect(reply.status).toBe(500);
      expect(reply.body).toEqual({ error: 'injected fault' });
    }
    const health = await call(service.baseUrl, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', service: name });
    expect(record(health.body).uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('shows, validates and changes the fault knobs', async () => {
    expect((await call(service.baseUrl, 'GET', '/admin/faults')).body).toEqual({
      latencyMs: 0,
      errorRate: 1,
      stallMs: 0,
    });
    for (const bad of [{ errorRate: 1.5 }, { latencyMs: -1 }, { stallMs: 'x' }, { latency: 5 }, [1]]) {
      expect((await call(service.baseUrl, 'PUT', '/admin/faults', bad)).status).toBe(400);
    }
    const updated = await call(service.baseUrl, 'PUT', '/admin/faults', { errorRate: 0 });
    expect(updated.body).toEqual({ latencyMs: 0, errorRate: 0, stallMs: 0 });
    expect((await call(service.baseUrl, 'GET', apiProbe)).status).toBe(probeOk);
  });

  it('adds the configured latency to /api requests but not to /health', async () => {
    await call(service.baseUrl, 'PUT', '/admin/faults', { errorRate: 0, latencyMs: 200 });
    const slow = await call(service.baseUrl, 'GET', apiProbe);
    expect(slow.status).toBe(probeOk);
    expect(slow.elapsedMs).toBeGreaterThanOrEqual(195);
    expect((await call(service.baseUrl, 'GET', '/health')).elapsedMs).toBeLessThan(150);
  });

  it('stalls every route, /health included, but not /admin', async () => {
    await call(service.baseUrl, 'PUT', '/admin/faults', { latencyMs: 0, stallMs: 300 });
    const health = await call(service.baseUrl, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.elapsedMs).toBeGreaterThanOrEqual(295);
    expect((await call(service.baseUrl, 'GET', '/admin/faults')).elapsedMs).toBeLessThan(150);
  });

  it('DELETE /admin/faults goes back to the env defaults', async () => {
    const reset = await call(service.baseUrl, 'DELETE', '/admin/faults');
    expect(reset.body).toEqual({ latencyMs: 0, errorRate: 1, stallMs: 0 });
    expect((await call(service.baseUrl, 'GET', apiProbe)).status).toBe(500);
    expect((await call(service.baseUrl, 'GET', '/health')).elapsedMs).toBeLessThan(150);
    await call(service.baseUrl, 'PUT', '/admin/faults', { errorRate: 0 });
  });

  it('answers 404, 405 and 400 as JSON', async () => {
    const missing = await call(service.baseUrl, 'GET', '/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(record(missing.body).error).toEqual(expect.any(String));
    const wrongMethod = await call(service.baseUrl, 'POST', '/health', {});
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    const malformed = await call(service.baseUrl, 'POST', jsonRoute, '{"oops"');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ error: 'malformed JSON body' });
  });

  it('exposes Prometheus metrics with request counts and process metrics', async () => {
    const response = await fetch(`${service.baseUrl}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await scrapeMetrics(service.baseUrl);
    const counter = `${metricPrefix}_requests_total`;
    expect(
      metricValue(text, counter, { route: '/health', method: 'GET', status: '200' }),
    ).toBeGreaterThanOrEqual(3);
    expect(metricValue(text, counter, { status: '500' })).toBeGreaterThanOrEqual(5);
    expect(metricValue(text, counter, { route: 'unmatched', status: '404' })).toBe(1);
    expect(metricValue(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('shuts down with exit code 0 within ~2 s on SIGTERM, even with a request hanging', async () => {
    await call(service.baseUrl, 'PUT', '/admin/faults', { stallMs: 10_000 });
    const hanging = fetch(`${service.baseUrl}/health`).catch(() => 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const startedAt = performance.now();
    expect(await service.stop()).toBe(0);
    expect(performance.now() - startedAt).toBeLessThan(2_500);
    expect(await hanging).toBe('aborted');
  });
});

describe('process lifecycle', () => {
  it('exits 0 promptly on SIGINT (Ctrl-C)', async () => {
    const service = await startService('simulation');
    expect((await call(service.baseUrl, 'GET', '/health')).status).toBe(200);
    const startedAt = performance.now();
    expect(await service.stop('SIGINT')).toBe(0);
    expect(performance.now() - startedAt).toBeLessThan(1_000);
  });

  it('exits 1 with a clear message when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const { code, stderr } = await waitForExit(spawnService('workspace', { PORT: String(port) }));
      expect(code).toBe(1);
      expect(stderr).toContain(`port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('exits 1 when a fault knob in the env is out of range', async () => {
    const { code, stderr } = await waitForExit(spawnService('toolhub', { SMM_FAULT_ERROR_RATE: '2' }));
    expect(code).toBe(1);
    expect(stderr).toContain('SMM_FAULT_ERROR_RATE');
  });
});
