import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, metricValue, record, scrapeMetrics } from './helpers/http.js';
import { type ServiceProcess, startService } from './helpers/service-process.js';

describe('workspace', () => {
  let service: ServiceProcess;

  beforeAll(async () => {
    service = await startService('workspace');
  });
  afterAll(async () => {
    await service.stop();
  });

  it('provisions a workspace in 50–400 ms and returns it by id', async () => {
    const created = await call(service.baseUrl, 'POST', '/api/workspaces', {
      name: 'demo',
      template: 'python',
    });
    expect(created.status).toBe(201);
    const workspace = record(created.body);
    expect(workspace).toMatchObject({ name: 'demo', template: 'python', status: 'ready' });
    const provisioningMs = workspace.provisioningMs as number;
    expect(provisioningMs).toBeGreaterThanOrEqual(49);
    expect(provisioningMs).toBeLessThan(450);
    expect(created.elapsedMs).toBeGreaterThanOrEqual(provisioningMs - 1);
    const fetched = await call(service.baseUrl, 'GET', `/api/workspaces/${String(workspace.id)}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(workspace);
  });

  it('defaults to the blank template and lists workspaces in creation order', async () => {
    const created = record((await call(service.baseUrl, 'POST', '/api/workspaces', { name: 'second' })).body);
    expect(created.template).toBe('blank');
    const list = record((await call(service.baseUrl, 'GET', '/api/workspaces')).body);
    expect(list.total).toBe(2);
    expect((list.workspaces as Array<{ name: string }>).map((w) => w.name)).toEqual(['demo', 'second']);
  });

  it('rejects bad input with 400 and unknown ids with 404', async () => {
    const bad = await call(service.baseUrl, 'POST', '/api/workspaces', { name: '', template: 'cobol' });
    expect(bad.status).toBe(400);
    expect(record(bad.body).issues).toHaveLength(2);
    expect((await call(service.baseUrl, 'GET', '/api/workspaces/ws_missing')).status).toBe(404);
  });

  it('observes creation durations per template', async () => {
    const text = await scrapeMetrics(service.baseUrl);
    expect(metricValue(text, 'workspace_creation_duration_seconds_count', { template: 'python' })).toBe(1);
    expect(metricValue(text, 'workspace_creation_duration_seconds_count', { template: 'blank' })).toBe(1);
    expect(
      metricValue(text, 'workspace_creation_duration_seconds_bucket', { template: 'blank', le: '0.05' }),
    ).toBe(0);
    const created = { route: '/api/workspaces', method: 'POST', status: '201' };
    expect(metricValue(text, 'workspace_requests_total', created)).toBe(2);
  });
});
