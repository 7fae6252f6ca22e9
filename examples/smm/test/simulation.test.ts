import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, metricValue, record, scrapeMetrics } from './helpers/http.js';
import { type ServiceProcess, startService } from './helpers/service-process.js';

const RUNS = 100;
const CONCURRENCY = 10;

describe('simulation', () => {
  let service: ServiceProcess;
  const simulate = (body: unknown) => call(service.baseUrl, 'POST', '/api/simulations', body);

  beforeAll(async () => {
    service = await startService('simulation', { SMM_SIMULATION_FAILURE_RATE: '0.5' });
  });
  afterAll(async () => {
    await service.stop();
  });

  it('fails about the configured share of runs, as HTTP 200 with status failed', async () => {
    const statuses: string[] = [];
    for (let batch = 0; batch < RUNS / CONCURRENCY; batch++) {
      const replies = await Promise.all(
        Array.from({ length: CONCURRENCY }, () => simulate({ scenario: 'smoke', steps: 20 })),
      );
      for (const reply of replies) {
        expect(reply.status).toBe(200);
        statuses.push(record(reply.body).status as string);
      }
    }
    const failed = statuses.filter((status) => status === 'failed').length;
    expect(failed + statuses.filter((status) => status === 'succeeded').length).toBe(RUNS);
    expect(failed).toBeGreaterThanOrEqual(30);
    expect(failed).toBeLessThanOrEqual(70);
    const text = await scrapeMetrics(service.baseUrl);
    expect(metricValue(text, 'simulation_runs_total', { status: 'failed' })).toBe(failed);
    expect(metricValue(text, 'simulation_runs_total', { status: 'succeeded' })).toBe(RUNS - failed);
    const durations = metricValue(text, 'simulation_run_duration_seconds_count', { status: 'failed' });
    expect(durations).toBe(failed);
  });

  it('stores each run for GET, with the outcome details', async () => {
    const run = record((await simulate({ scenario: 'orbit', steps: 500 })).body);
    expect(run).toMatchObject({ scenario: 'orbit', steps: 500 });
    expect(run.durationMs).toBeGreaterThan(0);
    if (run.status === 'succeeded') expect(run.meanDisplacement).toBeGreaterThan(0);
    else expect(run.error).toMatch(/diverged at step \d+/);
    const fetched = await call(service.baseUrl, 'GET', `/api/simulations/${String(run.id)}`);
    expect(fetched.body).toEqual(run);
    expect((await call(service.baseUrl, 'GET', '/api/simulations/sim_missing')).status).toBe(404);
  });

  it('rejects bad scenarios and step counts with 400', async () => {
    for (const bad of [{}, { scenario: '' }, { scenario: 'x', steps: 0 }, { scenario: 'x', steps: 10_001 }]) {
      expect((await simulate(bad)).status).toBe(400);
    }
  });
});
