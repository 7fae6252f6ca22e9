import { describe, expect, it } from 'vitest';
import { type SloSpec, type SpecIssue, sloFromSpec, slosFromSpecs } from './spec.js';

const DAY = 86_400_000;
const base: SloSpec = {
  name: 'api_availability',
  service: 'api',
  sli: { type: 'availability' },
  slo: { target: 99.5, operator: '>=' },
};

const issuesOf = (spec: SloSpec): SpecIssue[] => {
  const outcome = sloFromSpec(spec);
  return outcome.state === 'invalid' ? outcome.issues : [];
};
const okSlo = (spec: SloSpec) => {
  const outcome = sloFromSpec(spec);
  if (outcome.state !== 'ok') throw new Error(JSON.stringify(outcome.issues));
  return outcome.slo;
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
      // "No bad event at all": a 100 % objective has a zero budget.
      [{ ...base, slo: { target: 100, operator: '>=' } }, 1, 0],
      [{ ...base, sli: { type: 'error_rate' }, slo: { target: 0, operator: '<=' } }, 1, 0],
    ];
    for (const [spec, objective, budget] of cases) {
      expect(sloFromSpec(spec)).toMatchObject({ state: 'ok', slo: { objective, budget } });
    }
    expect(okSlo(cases[2]?.[0] ?? base).indicator).toMatchObject({ kind: 'latency', thresholdMs: 2_000 });
  });

  it('identifies an SLO by service and name, or by its id', () => {
    expect(okSlo(base).id).toBe('api-api_availability');
    expect(okSlo({ ...base, id: 'checkout.avail' }).id).toBe('checkout.avail');
    expect(issuesOf({ ...base, id: '-bad id' })).toEqual([
      { path: ['id'], message: expect.stringContaining('may use letters') },
    ]);
  });

  it('refuses two SLOs with one id, and allows one name on two services', () => {
    const other = { ...base, service: 'web' };
    expect(slosFromSpecs([base, other]).map((slo) => slo.id)).toEqual([
      'api-api_availability',
      'web-api_availability',
    ]);
    expect(() => slosFromSpecs([base, { ...other, id: 'api-api_availability' }])).toThrow(
      /slos\[1\]: duplicate SLO id "api-api_availability" \(also slos\[0\]\)/,
    );
  });

  it('uses the workbook windows on 28d and 30d, scales them (factors kept) on other long periods', () => {
    expect(okSlo(base).tierOrigin.kind).toBe('workbook');
    const weekly = okSlo({ ...base, errorBudget: { period: 'week', timezone: 'Europe/Berlin' } });
    expect(weekly.period).toEqual({
      kind: 'calendar',
      unit: 'week',
      timeZone: 'Europe/Berlin',
      nominalMs: 7 * DAY,
    });
    expect(weekly.tierOrigin.kind).toBe('scaled');
    expect(weekly.tiers.map((tier) => tier.factor)).toEqual([14.4, 6, 3, 1]);
    // 1h · 7/30 = 14m, 6h → 84m, 1d → 336m, 3d → 1008m; short windows L/12, at least 5m.
    expect(weekly.tiers.map((tier) => [tier.longWindowMs / 60_000, tier.shortWindowMs / 60_000])).toEqual([
      [14, 5],
      [84, 7],
      [336, 28],
      [1008, 84],
    ]);
    expect(weekly.tierOrigin.explanation).toContain('scaled by 7d/30d');
  });

  it('refuses a period too short to scale the windows to, unless windows are given', () => {
    expect(issuesOf({ ...base, errorBudget: { period: DAY } })).toEqual([
      {
        path: ['errorBudget', 'period'],
        message: expect.stringContaining('list the windows in errorBudget.windows'),
      },
    ]);
    const windows = [
      { name: 'fast', severity: 'critical' as const, long: 3_600_000, short: 300_000, factor: 10 },
    ];
    const daily = okSlo({ ...base, errorBudget: { period: DAY, windows } });
    expect(daily.tierOrigin.kind).toBe('custom');
    expect(daily.tiers[0]).toMatchObject({ name: 'fast', factor: 10 });
  });

  it('warns about tiers that can never fire (workbook: a 90 % target)', () => {
    expect(okSlo({ ...base, slo: { target: 90, operator: '>=' } }).warnings).toEqual([
      'api_availability: tier page-fast can never fire: it needs an error ratio above 14.4 × 10 % ≥ 100 %',
    ]);
  });

  it('locates every problem at its field', () => {
    expect(issuesOf({ ...base, slo: { target: 101, operator: '>=' } })).toEqual([
      { path: ['slo', 'target'], message: expect.stringContaining('(0, 100]') },
    ]);
    expect(issuesOf({ ...base, slo: { target: -1, operator: '>=' } })[0]?.path).toEqual(['slo', 'target']);
    expect(issuesOf({ ...base, errorBudget: { budgetPercentage: 1 } })).toEqual([
      {
        path: ['errorBudget', 'budgetPercentage'],
        message: 'budgetPercentage 1 disagrees with the target, which leaves 0.5 %',
      },
    ]);
    expect(issuesOf({ ...base, slo: { target: 99, operator: '<=' } })[0]).toMatchObject({
      path: ['slo', 'operator'],
      message: expect.stringContaining('needs operator >='),
    });
    const latency = {
      ...base,
      sli: { type: 'latency' as const },
      slo: { target: 300, operator: '<=' as const, unit: '%' },
    };
    expect(issuesOf(latency)[0]?.path).toEqual(['slo', 'unit']);
    const tiers = [{ name: 'a', severity: 'critical' as const, long: 60_000, short: 120_000, factor: 2 }];
    expect(issuesOf({ ...base, errorBudget: { windows: tiers } })).toEqual([
      { path: ['errorBudget', 'windows', 0], message: 'tier a: short window must be < long window' },
    ]);
  });

  it('checks the queries with Prometheus’ grammar and needs the window placeholder', () => {
    const spec = (bad: string): SloSpec => ({
      ...base,
      sli: { type: 'availability', prometheus: { bad, total: 'sum(rate(y[{{.window}}]))' } },
    });
    expect(issuesOf(spec('sum(rate(x[{{window}}]))'))).toEqual([]);
    expect(issuesOf(spec('sum(x)'))).toEqual([
      { path: ['sli', 'prometheus', 'bad'], message: expect.stringContaining('needs {{window}}') },
    ]);
    expect(issuesOf(spec('sum(rate(x[{{window}}])'))).toEqual([
      { path: ['sli', 'prometheus', 'bad'], message: expect.stringContaining('syntax error') },
    ]);
    expect(issuesOf(spec('sum(rate(sum(x)[{{window}}]))'))[0]?.message).toContain(
      'ranges are only allowed on vector selectors',
    );
  });

  it('keeps user labels and refuses one that clashes with a label perfgate needs, naming both', () => {
    expect(okSlo({ ...base, labels: { team: 'core' } }).labels).toEqual({ team: 'core' });
    expect(issuesOf({ ...base, labels: { severity: 'high', 'bad-name': 'x' } })).toEqual([
      {
        path: ['labels', 'severity'],
        message: expect.stringMatching(
          /label "severity" clashes with the label "severity" perfgate puts on every rule/,
        ),
      },
      { path: ['labels', 'bad-name'], message: expect.stringContaining('is not a Prometheus label name') },
    ]);
  });
});

describe('histogram sources', () => {
  const spec: SloSpec = {
    ...base,
    sli: {
      type: 'latency',
      percentile: 95,
      prometheus: { histogram: 'http_seconds', buckets: [0.1, 0.25, 0.5] },
    },
    slo: { target: 300, operator: '<=', unit: 'ms' },
  };

  it('say loudly when the latency threshold is not a bucket', () => {
    const stricter = okSlo(spec);
    expect(stricter.prometheus).toMatchObject({ threshold: 0.3, le: 0.25, unit: 's' });
    expect(stricter.warnings).toEqual([
      expect.stringContaining(
        'latency threshold 0.3s is not a bucket of http_seconds (le: 0.1, 0.25, 0.5): the live SLI counts requests over 0.25s as bad, STRICTER',
      ),
    ]);
    expect(okSlo({ ...spec, slo: { target: 250, operator: '<=' } })).toMatchObject({
      prometheus: { kind: 'histogram', metric: 'http_seconds', le: 0.25, selector: '' },
      warnings: [],
    });
    expect(issuesOf({ ...spec, slo: { target: 50, operator: '<=' } })).toEqual([
      { path: ['slo', 'target'], message: expect.stringContaining('no bucket lies below it') },
    ]);
  });

  it('write bounds in the histogram’s unit: milliseconds when the name says so', () => {
    const ms = okSlo({
      ...spec,
      sli: {
        type: 'latency',
        prometheus: { histogram: 'http_request_duration_milliseconds', buckets: [100, 300] },
      },
    });
    expect(ms.prometheus).toMatchObject({ unit: 'ms', threshold: 300, le: 300 });
  });

  it('respect operator <: a bucket counts requests ≤ its bound, so the bucket below is used', () => {
    const strict = okSlo({ ...spec, slo: { target: 250, operator: '<' } });
    expect(strict.prometheus).toMatchObject({ le: 0.1 });
    expect(strict.warnings[0]).toContain('operator < counts requests ≤ 0.1s as good');
  });
});

describe('other sources', () => {
  it('read a raw error or success ratio (Sloth raw, OpenSLO raw)', () => {
    const raw = okSlo({
      ...base,
      sli: { type: 'availability', prometheus: { successRatio: 'avg_over_time(up[{{window}}])' } },
    });
    expect(raw.prometheus).toEqual({ kind: 'error-ratio', query: '1 - (\navg_over_time(up[{{window}}])\n)' });
  });

  it('sample a gauge against the target', () => {
    const gauge = okSlo({
      ...base,
      sli: { type: 'gauge', percentile: 99, prometheus: { query: 'sum(kafka_lag)' } },
      slo: { target: 100, operator: '<=' },
    });
    expect(gauge).toMatchObject({ objective: 0.99, budget: 0.01 });
    expect(gauge.prometheus).toEqual({
      kind: 'gauge',
      query: 'sum(kafka_lag)',
      bad: { operator: '>', value: 100 },
    });
  });

  it('name the field when a source does not fit the SLI', () => {
    expect(
      issuesOf({ ...base, sli: { type: 'availability', prometheus: { histogram: 'x_seconds' } } }),
    ).toEqual([
      { path: ['sli', 'type'], message: 'a histogram source needs a latency SLI, not availability' },
    ]);
  });
});
