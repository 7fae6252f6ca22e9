import { describe, expect, it } from 'vitest';
import type { EnsureSpec } from '../script/model.js';
import { type EnsureAggregate, ensurePassed, evaluateEnsure } from './evaluate.js';

const SUMMARY = {
  min: 2,
  max: 400,
  count: 1000,
  mean: 40,
  p50: 30,
  median: 30,
  p75: 50,
  p90: 120,
  p95: 180,
  p99: 260,
  p999: 390,
};

const AGGREGATE: EnsureAggregate = {
  counters: {
    'vusers.created': 200,
    'vusers.completed': 197,
    'vusers.failed': 3,
    'http.codes.200': 990,
    'http.codes.500': 10,
  },
  rates: { 'http.request_rate': 16 },
  summaries: {
    'http.response_time': SUMMARY,
    'plugins.metrics-by-endpoint.response_time./api/models (create)': { ...SUMMARY, p95: 90 },
  },
};

const spec = (partial: Partial<EnsureSpec>): EnsureSpec => ({
  thresholds: [],
  conditions: [],
  legacy: [],
  ...partial,
});

describe('evaluateEnsure (Artillery semantics)', () => {
  it.each([
    ['http.response_time.p99', 261, true, 260],
    ['http.response_time.p99', 260, false, 260],
    ['http.response_time.p95', 150, false, 180],
    ['plugins.metrics-by-endpoint.response_time./api/models (create).p95', 100, true, 90],
    ['http.request_rate', 20, true, 16],
    ['vusers.failed', 1, false, 3],
  ])('threshold %s < %d → passed %s', (metric, limit, passed, measured) => {
    const [verdict] = evaluateEnsure(spec({ thresholds: [{ metric, limit }] }), AGGREGATE);
    expect(verdict).toMatchObject({
      kind: 'threshold',
      expression: `${metric} < ${limit}`,
      measured,
      passed,
      strict: true,
    });
  });

  it('fails a threshold on a metric with no data instead of skipping it', () => {
    const [verdict] = evaluateEnsure(
      spec({ thresholds: [{ metric: 'http.codes.503', limit: 1 }] }),
      AGGREGATE,
    );
    expect(verdict).toMatchObject({ passed: false, note: 'no data for http.codes.503' });
  });

  it.each([
    ['http.response_time.p95 < 200 and http.request_rate > 15', true],
    ['http.response_time.p95 < 200 and http.request_rate > 20', false],
    ['http.response_time.p95 < 100 or vusers.failed == 3', true],
    ['not (http.codes.500 > 5)', false],
    ['http.codes.500 / (http.codes.200 + http.codes.500) * 100 <= 1', true],
    ["'plugins.metrics-by-endpoint.response_time./api/models (create).p95' < 100", true],
    ['vusers.failed in (0, 1, 2)', false],
    ['-http.response_time.min < 0', true],
  ])('condition %s → %s', (expression, passed) => {
    const [verdict] = evaluateEnsure(spec({ conditions: [{ expression, strict: true }] }), AGGREGATE);
    expect(verdict?.passed).toBe(passed);
  });

  it('reports the values a condition read, and marks a missing one', () => {
    const [verdict] = evaluateEnsure(
      spec({ conditions: [{ expression: 'http.codes.404 < 1', strict: true }] }),
      AGGREGATE,
    );
    expect(verdict).toMatchObject({
      passed: false,
      values: { 'http.codes.404': undefined },
      note: 'no data for http.codes.404',
    });
  });

  it('checks legacy keys against http.response_time and maxErrorRate against failed VUs', () => {
    const verdicts = evaluateEnsure(
      spec({
        legacy: [
          { stat: 'p95', limit: 200 },
          { stat: 'max', limit: 300 },
        ],
        maxErrorRate: 1,
      }),
      AGGREGATE,
    );
    expect(
      verdicts.map(({ kind, expression, measured, passed }) => ({ kind, expression, measured, passed })),
    ).toEqual([
      { kind: 'legacy', expression: 'p95 < 200', measured: 180, passed: true },
      { kind: 'legacy', expression: 'max < 300', measured: 400, passed: false },
      { kind: 'maxErrorRate', expression: 'maxErrorRate < 1', measured: 1.5, passed: false },
    ]);
    expect(evaluateEnsure(spec({ maxErrorRate: 1.5 }), AGGREGATE)[0]?.passed).toBe(true);
  });

  it('lets a failing non-strict condition through and fails on a strict one', () => {
    const lenient = evaluateEnsure(
      spec({ conditions: [{ expression: 'vusers.failed == 0', strict: false }] }),
      AGGREGATE,
    );
    expect(lenient[0]?.passed).toBe(false);
    expect(ensurePassed(lenient)).toBe(true);
    expect(
      ensurePassed(
        evaluateEnsure(spec({ conditions: [{ expression: 'vusers.failed == 0', strict: true }] }), AGGREGATE),
      ),
    ).toBe(false);
  });

  it('fails maxErrorRate when no VU ran', () => {
    const [verdict] = evaluateEnsure(spec({ maxErrorRate: 5 }), { counters: {}, summaries: {} });
    expect(verdict).toMatchObject({ passed: false, note: 'no VUs were created' });
  });
});
