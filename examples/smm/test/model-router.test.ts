import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, metricValue, record, scrapeMetrics } from './helpers/http.js';
import { type ServiceProcess, startService } from './helpers/service-process.js';

describe('model-router', () => {
  let service: ServiceProcess;
  const route = (body: unknown) => call(service.baseUrl, 'POST', '/api/route', body);
  const routedName = async (body: unknown) => record(record((await route(body)).body).model).name;

  beforeAll(async () => {
    service = await startService('model-router');
  });
  afterAll(async () => {
    await service.stop();
  });

  it('starts with four seeded models', async () => {
    const reply = await call(service.baseUrl, 'GET', '/api/models');
    expect(reply.status).toBe(200);
    const names = (record(reply.body).models as Array<{ name: string }>).map((model) => model.name);
    expect(names).toEqual(['atlas-large', 'sage-medium', 'atlas-small', 'swift-mini']);
    expect(record(reply.body).total).toBe(4);
  });

  it('creates a model with defaults and returns it by id', async () => {
    const created = await call(service.baseUrl, 'POST', '/api/models', {
      name: 'local-llm',
      provider: 'self',
    });
    expect(created.status).toBe(201);
    const model = record(created.body);
    expect(model).toMatchObject({
      name: 'local-llm',
      provider: 'self',
      contextWindow: 8192,
      costPer1kTokens: 0.002,
    });
    expect(model.id).toMatch(/^mdl_/);
    const fetched = await call(service.baseUrl, 'GET', `/api/models/${String(model.id)}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(model);
    expect(record((await call(service.baseUrl, 'GET', '/api/models')).body).total).toBe(5);
  });

  it('rejects bad models with every issue, and unknown ids with 404', async () => {
    const bad = await call(service.baseUrl, 'POST', '/api/models', {
      name: '',
      provider: 7,
      contextWindow: 0,
      costPer1kTokens: -1,
    });
    expect(bad.status).toBe(400);
    expect(record(bad.body).issues).toHaveLength(4);
    expect((await call(service.baseUrl, 'POST', '/api/models', [])).status).toBe(400);
    expect((await call(service.baseUrl, 'GET', '/api/models/mdl_missing')).status).toBe(404);
    const wrongMethod = await call(service.baseUrl, 'DELETE', '/api/models/mdl_missing');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
  });

  it('routes to the cheapest model that fits the prompt, window and budget', async () => {
    expect(await routedName({ prompt: 'hello' })).toBe('swift-mini');
    expect(await routedName({ prompt: 'hello', minContextWindow: 100_000 })).toBe('sage-medium');
    // ~12,500 tokens: too long for swift-mini (8k) and local-llm (8k), fits atlas-small (32k).
    expect(await routedName({ prompt: 'x'.repeat(50_000) })).toBe('atlas-small');
    expect(await routedName({ prompt: 'hello', minContextWindow: 150_000 })).toBe('atlas-large');
    await call(service.baseUrl, 'POST', '/api/models', {
      name: 'penny',
      provider: 'cheap',
      costPer1kTokens: 0.0001,
    });
    expect(await routedName({ prompt: 'hello' })).toBe('penny');
  });

  it('answers 422 when nothing fits and 400 on a bad routing request', async () => {
    expect((await route({ prompt: 'hi', maxCostPer1kTokens: 0.00001 })).status).toBe(422);
    expect((await route({ prompt: 'hi', minContextWindow: 10_000_000 })).status).toBe(422);
    const bad = await route({ prompt: '', minContextWindow: 1.5 });
    expect(bad.status).toBe(400);
    expect(record(bad.body).issues).toEqual([
      'prompt: must be a non-empty string',
      'minContextWindow: must be an integer',
    ]);
  });

  it('waits the simulated latency it reports', async () => {
    const replies = await Promise.all(Array.from({ length: 8 }, () => route({ prompt: 'latency check' })));
    for (const reply of replies) {
      const latencyMs = record(reply.body).latencyMs as number;
      expect(latencyMs).toBeGreaterThan(20);
      expect(latencyMs).toBeLessThanOrEqual(1_500);
      expect(reply.elapsedMs).toBeGreaterThanOrEqual(latencyMs - 2);
    }
  });

  it('records request durations in the histogram with the buckets SLOs need', async () => {
    const text = await scrapeMetrics(service.baseUrl);
    const labels = { route: '/api/route', method: 'POST', status: '200' };
    const routed = metricValue(text, 'model_router_request_duration_seconds_count', labels);
    expect(routed).toBe(13);
    expect(metricValue(text, 'model_router_requests_total', labels)).toBe(13);
    for (const le of ['0.1', '0.25', '0.5', '1', '2', '5']) {
      expect(
        metricValue(text, 'model_router_request_duration_seconds_bucket', { ...labels, le }),
      ).toBeDefined();
    }
    // Every routed call waited at least ~20 ms, so none can fall in the 5 ms bucket.
    expect(
      metricValue(text, 'model_router_request_duration_seconds_bucket', { ...labels, le: '0.005' }),
    ).toBe(0);
    const sum = metricValue(text, 'model_router_request_duration_seconds_sum', labels) ?? 0;
    expect(sum).toBeGreaterThan(13 * 0.02);
  });
});
