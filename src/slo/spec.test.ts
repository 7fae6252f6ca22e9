import { describe, expect, it } from 'vitest';
import { type SloSpec, sloFromSpec } from './spec.js';

const DAY = 86_400_000;
const base: SloSpec = {
  name: 'api_availability',
  service: 'api',
  sli: { type: 'availability' },
  slo: { target: 99.5, operator: '>=' },
};

const issuesOf = (spec: SloSpec): string[] => {
  const outcome = sloFromSpec(spec);
  return outcome.state === 'invalid' ? outcome.issues : [];
};

describe('sloFromSpec', () => {
  it('turns targets into objectives and budgets', () => {
    const cases: [SloSpec, number, number][] = [
      [base, 0.995, 0.005],
      [{ ...base, sli: { type: 'error_rate' }, slo: { target: 1, operator: '<=' } }, 0.99, 0.01],
      [
        { ...base, sli: { type: 'latency', percentile: 99 }, slo: { target: 2, operator: '<=', unit: 's' } },
        0.99,
        0.01,
      ],
    ];
    for (const [spec, objective, budget] of cases) {
      expect(sloFromSpec(spec)).toMatchObject({ state: 'ok', slo: { objective, budget } });
    }
    const latency = sloFromSpec(cases[2]?.[0] ?? base);
    expect(latency.state === 'ok' && latency.slo.indicator).toMatchObject({
      kind: 'latency',
      thresholdMs: 2_000,
    });
  });

  it('rescales tiers for the period and accepts custom tiers', () => {
    const weekly = sloFromSpec({ ...base, errorBudget: { period: 'week', timezone: 'Europe/Berlin' } });
    expect(weekly.state === 'ok' && weekly.slo.period).toEqual({
      kind: 'calendar',
      unit: 'week',
      timeZone: 'Europe/Berlin',
      nominalMs: 7 * DAY,
    });
    // f = X · P / L: 0.02 · 7d / 1h = 3.36
    expect(weekly.state === 'ok' && weekly.slo.tiers[0]?.factor).toBe(3.36);
    const custom = sloFromSpec({
      ...base,
      alerting: { tiers: [{ name: 'fast', severity: 'critical', long: 60_000, short: 10_000, factor: 10 }] },
    });
    const tier = custom.state === 'ok' ? custom.slo.tiers[0] : undefined;
    expect(tier).toMatchObject({ name: 'fast', factor: 10 });
    expect(tier?.budgetShare).toBeCloseTo((10 * 60_000) / (30 * DAY), 12);
  });

  it('warns about tiers that can never fire (workbook: a 90 % target)', () => {
    const loose = sloFromSpec({ ...base, slo: { target: 90, operator: '>=' } });
    expect(loose.state === 'ok' ? loose.slo.warnings : []).toEqual([
      'api_availability: tier page-fast can never fire: it needs an error ratio above 14.4 × 10 % ≥ 100 %',
    ]);
  });

  it('lists every problem', () => {
    expect(issuesOf({ ...base, slo: { target: 100, operator: '>=' } })[0]).toMatch(/no error budget/);
    expect(issuesOf({ ...base, errorBudget: { budgetPercentage: 1 } })).toEqual([
      'api_availability: budgetPercentage 1 disagrees with the target, which leaves 0.5 %',
    ]);
    expect(issuesOf({ ...base, slo: { target: 99, operator: '<=' } })[0]).toMatch(/needs operator >=/);
    expect(issuesOf({ ...base, errorBudget: { period: 2 * DAY } })[0]).toMatch(/long window must not exceed/);
    const noWindow = {
      ...base,
      sli: { type: 'availability' as const, prometheus: { bad: 'sum(x)', total: 'sum(y[{{window}}])' } },
    };
    expect(issuesOf(noWindow)).toEqual(['api_availability: PromQL "sum(x)" needs {{window}} for the range']);
  });

  it('says loudly when the latency threshold is not a histogram bucket', () => {
    const spec: SloSpec = {
      ...base,
      sli: {
        type: 'latency',
        percentile: 95,
        prometheus: { histogram: 'http_seconds', buckets: [0.1, 0.25, 0.5] },
      },
      slo: { target: 300, operator: '<=', unit: 'ms' },
    };
    const stricter = sloFromSpec(spec);
    expect(stricter).toMatchObject({ state: 'ok', slo: { prometheus: { thresholdSeconds: 0.3, le: 0.25 } } });
    expect(stricter.state === 'ok' ? stricter.slo.warnings : []).toEqual([
      expect.stringContaining(
        'latency threshold 0.3s is not a bucket of http_seconds (le: 0.1, 0.25, 0.5): the live SLI counts requests over 0.25s as bad, STRICTER',
      ),
    ]);
    expect(sloFromSpec({ ...spec, slo: { target: 250, operator: '<=' } })).toMatchObject({
      slo: {
        prometheus: { kind: 'histogram', metric: 'http_seconds', le: 0.25, selector: '' },
        warnings: [],
      },
    });
    expect(issuesOf({ ...spec, slo: { target: 50, operator: '<=' } })[0]).toContain(
      'no bucket lies below it',
    );
  });
});
