import { describe, expect, it } from 'vitest';
import { EMPTY_ENSURE } from '../script/ensure-spec.js';
import { finalMetrics, LoadTestMetrics } from './prometheus.js';
import { WindowedRecorder } from './recorder.js';
import { requestKeyPrefix, requestNames } from './request-names.js';
import { buildResults } from './results.js';
import type { WindowData } from './window.js';

const browse = (method: string, endpoint: string) => requestKeyPrefix('browse v1.2', method, endpoint);

/** One generator's window: `requests` GET responses of `endpoint` taking `ms` each, one VU per request. */
function window(
  endpoint: string,
  requests: number,
  ms: number,
  extra: (r: WindowedRecorder) => void = () => {},
): WindowData {
  const recorder = new WindowedRecorder(0);
  for (let i = 0; i < requests; i++) {
    recorder.counter(['vusers.created', 'vusers.created_by_name.browse v1.2']);
    recorder.counter('http.requests');
    recorder.counter(requestNames.code(browse('GET', endpoint), 200));
    recorder.summary(requestNames.duration(browse('GET', endpoint)), ms);
    recorder.summary('perfgate.http.queued', 2);
    recorder.counter(['vusers.completed', 'perfgate.scenario.browse v1.2.completed']);
  }
  extra(recorder);
  return recorder.closeWindow(1000, 0);
}

const lines = async (metrics: LoadTestMetrics) => (await metrics.registry.metrics()).split('\n');

describe('LoadTestMetrics', () => {
  it('adds windows of several generators into counters by endpoint and code', async () => {
    const metrics = new LoadTestMetrics({ test: 'checkout' });
    metrics.applyWindow(window('/api/v1.2/items', 3, 10));
    metrics.applyWindow(
      window('/api/v1.2/items', 2, 10, (r) => {
        r.counter(requestNames.code(browse('POST', 'sign in'), 503), 4);
        r.counter(requestNames.error(browse('POST', 'sign in'), 'ETIMEDOUT'));
        r.counter('errors.ETIMEDOUT');
        r.counter(['vusers.created', 'vusers.created_by_name.browse v1.2'], 2);
        r.counter(['vusers.failed', 'perfgate.scenario.browse v1.2.failed']);
        // A VU that failed before any scenario was picked.
        r.counter('vusers.created');
        r.counter('vusers.failed');
      }),
    );
    const text = await lines(metrics);
    const labels = (method: string, endpoint: string, status: string) =>
      `{scenario="browse v1.2",method="${method}",endpoint="${endpoint}",status="${status}",test="checkout"}`;
    expect(text).toContain(`perfgate_http_requests_total${labels('GET', '/api/v1.2/items', '200')} 5`);
    expect(text).toContain(`perfgate_http_requests_total${labels('POST', 'sign in', '503')} 4`);
    expect(text).toContain(`perfgate_http_requests_total${labels('POST', 'sign in', 'error')} 1`);
    expect(text).toContain('perfgate_errors_total{code="ETIMEDOUT",test="checkout"} 1');
    expect(text).toContain('perfgate_vusers_created_total{scenario="browse v1.2",test="checkout"} 7');
    expect(text).toContain('perfgate_vusers_completed_total{scenario="browse v1.2",test="checkout"} 5');
    expect(text).toContain('perfgate_vusers_failed_total{scenario="browse v1.2",test="checkout"} 1');
    expect(text).toContain('perfgate_vusers_failed_total{scenario="(none)",test="checkout"} 1');
    // 8 created, 5 completed, 2 failed.
    expect(text).toContain('perfgate_vusers_active{test="checkout"} 1');
    expect(text).toContain('perfgate_generator_schedule_slip_seconds{test="checkout"} 0.002');
  });

  it('turns HDR samples into cumulative Prometheus buckets with sum and count', async () => {
    const metrics = new LoadTestMetrics({ test: 't' });
    metrics.applyWindow(window('/a', 4, 40));
    metrics.applyWindow(window('/a', 1, 400));
    metrics.applyWindow(window('/a', 1, 90_000));
    const text = await lines(metrics);
    const bucket = (le: string) =>
      text
        .find((l) =>
          l.startsWith(
            `perfgate_http_request_duration_seconds_bucket{scenario="browse v1.2",method="GET",endpoint="/a",le="${le}"`,
          ),
        )
        ?.split(' ')
        .at(-1);
    expect(bucket('0.025')).toBe('0');
    expect(bucket('0.05')).toBe('4');
    expect(bucket('0.3')).toBe('4');
    expect(bucket('0.5')).toBe('5');
    expect(bucket('60')).toBe('5');
    expect(bucket('+Inf')).toBe('6');
    expect(text).toContain(
      'perfgate_http_request_duration_seconds_count{scenario="browse v1.2",method="GET",endpoint="/a",test="t"} 6',
    );
    const sum = Number(
      text
        .find((l) => l.startsWith('perfgate_http_request_duration_seconds_sum'))
        ?.split(' ')
        .at(-1),
    );
    expect(sum).toBeCloseTo(4 * 0.04 + 0.4 + 90, 1);
  });

  it('pushes the final aggregate with the verdict and the end time', async () => {
    const windows = [window('/a', 3, 10), window('/a', 2, 10)];
    const results = buildResults(windows, [], [], {
      status: 'completed',
      startedAt: 0,
      endedAt: 1_700_000_000_500,
      intervalMs: 1000,
      segments: ['0/1'],
      ensureSpec: EMPTY_ENSURE,
      warnings: [],
    });
    const text = (
      await finalMetrics(results, { test: 't' }, { passed: false, endedAt: 1_700_000_000_500 }).metrics()
    ).split('\n');
    expect(text).toContain(
      'perfgate_http_requests_total{scenario="browse v1.2",method="GET",endpoint="/a",status="200",test="t"} 5',
    );
    expect(text).toContain('perfgate_run_passed{test="t"} 0');
    expect(text).toContain('perfgate_run_timestamp_seconds{test="t"} 1700000001');
  });
});
