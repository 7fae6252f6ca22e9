import { describe, expect, it } from 'vitest';
import { type BudgetSlo, hasBudget } from '../model.js';
import { sloFromSpec } from '../spec.js';
import { goFormat4g } from './expected-alerts.js';
import { errorRatioExpr, labelValueSpellings, numericLabelMatcher, promDuration } from './promql.js';
import { generateRules } from './rules.js';
import { countersFor, valuesNotation, windowRatio } from './simulate.js';
import { labelsFor, parseCounterQuery, seriesFor } from './test-series.js';

function slo(prometheus: { bad?: string; good?: string; total: string }): BudgetSlo {
  const outcome = sloFromSpec({
    name: 'api_availability',
    service: 'api',
    sli: { type: 'availability', prometheus },
    slo: { target: 99.5, operator: '>=' },
  });
  if (outcome.state !== 'ok' || !hasBudget(outcome.slo)) throw new Error('bad fixture');
  return outcome.slo;
}

const ratio = slo({
  bad: 'sum(rate(http_requests_total{job="api",code=~"5.."}[{{window}}]))',
  total: 'sum(rate(http_requests_total{job="api"}[{{window}}]))',
});

describe('rules', () => {
  it('prints windows in their largest unit', () => {
    expect([300_000, 3_600_000, 86_400_000, 30 * 86_400_000, 90_000].map(promDuration)).toEqual([
      '5m',
      '1h',
      '1d',
      '30d',
      '90s',
    ]);
  });

  it('guards every ratio against zero traffic', () => {
    expect(errorRatioExpr(ratio.prometheus ?? expect.unreachable(), '5m')).toBe(
      '(sum(rate(http_requests_total{job="api",code=~"5.."}[5m])) or vector(0))\n/\n(sum(rate(http_requests_total{job="api"}[5m])) > 0)',
    );
  });

  it('writes one ErrorBudgetBurn per tier with the workbook factors, ErrorBudgetLow twice, SLODataAbsent', () => {
    const alerts = generateRules([ratio]).groups[2]?.rules ?? [];
    expect(
      alerts.map((rule) =>
        'alert' in rule ? [rule.alert, rule.labels.burn_tier, rule.labels.long, rule.labels.short] : [],
      ),
    ).toEqual([
      ['ErrorBudgetBurn', 'page-fast', '1h', '5m'],
      ['ErrorBudgetBurn', 'page-slow', '6h', '30m'],
      ['ErrorBudgetBurn', 'ticket-fast', '1d', '2h'],
      ['ErrorBudgetBurn', 'ticket-slow', '3d', '6h'],
      ['ErrorBudgetLow', undefined, undefined, undefined],
      ['ErrorBudgetLow', undefined, undefined, undefined],
      ['SLODataAbsent', undefined, undefined, undefined],
    ]);
    expect(alerts.slice(4, 6)).toMatchObject([
      {
        expr: 'slo:period_error_budget_remaining:ratio{slo_id="api-api_availability"} < 0.1',
        labels: { severity: 'critical' },
      },
      { labels: { severity: 'warning' } },
    ]);
    const optedOut = generateRules([{ ...ratio, remainingBudgetAlerts: false }]).groups[2]?.rules ?? [];
    expect(optedOut.filter((rule) => 'alert' in rule && rule.alert === 'ErrorBudgetLow')).toEqual([]);
    expect(alerts[0]).toMatchObject({
      expr: 'max without (window) (slo:sli_error:ratio_rate1h{slo_id="api-api_availability"}) > (14.4 * 0.005)\nand\nmax without (window) (slo:sli_error:ratio_rate5m{slo_id="api-api_availability"}) > (14.4 * 0.005)',
      labels: {
        slo_id: 'api-api_availability',
        slo: 'api_availability',
        service: 'api',
        severity: 'critical',
      },
    });
  });
});

describe('bucket bounds and quantiles in both spellings', () => {
  it('match what Go/JS clients write and what Prometheus 3 stores', () => {
    expect(labelValueSpellings(2)).toEqual(['2', '2.0']);
    expect(labelValueSpellings(0.3)).toEqual(['0.3']);
    expect(labelValueSpellings(300)).toEqual(['300', '300.0']);
    expect(labelValueSpellings(1e-5)).toEqual(['0.00001', '1e-05']);
    expect(labelValueSpellings(Number.POSITIVE_INFINITY)).toEqual(['+Inf']);
    expect(numericLabelMatcher('le', 2)).toBe('le=~"2|2\\\\.0"');
    expect(numericLabelMatcher('le', 0.3)).toBe('le="0.3"');
  });
});

describe('test series', () => {
  it('reads counter queries and invents labels on each side of a matcher', () => {
    expect(parseCounterQuery('sum(rate(x_total{a="1",b=~"5.."}[{{window}}]))')).toEqual({
      metric: 'x_total',
      matchers: [
        { name: 'a', op: '=', value: '1' },
        { name: 'b', op: '=~', value: '5..' },
      ],
    });
    expect(() => parseCounterQuery('sum(x)')).toThrow(/cannot generate test series/);
    const bad = [{ name: 'code', op: '=~' as const, value: '5..' }];
    expect(labelsFor(bad)).toEqual({ code: '500' });
    expect(labelsFor([], bad)).toEqual({ code: '200' });
    expect(seriesFor(ratio).map((series) => [series.labels, series.role])).toEqual([
      [{ job: 'api', code: '500' }, 'bad'],
      [{ job: 'api', code: '200' }, 'good'],
    ]);
  });

  it('simulates ratios from counters and writes them in promtool notation', () => {
    const series = seriesFor(ratio);
    const scenario = {
      intervalMs: 60_000,
      phases: [
        { steps: 3, total: 100, bad: 0 },
        { steps: 2, total: 100, bad: 10 },
      ],
    };
    expect(valuesNotation(series[0] ?? expect.unreachable(), scenario)).toBe(
      '1000000000000 1000000000000+0x2 1000000000010+10x1',
    );
    const counters = countersFor(ratio, series, scenario);
    // [t − 2m, t] at 5m holds samples 3..5: 20 bad of 200.
    expect(windowRatio(counters, 60_000, 300_000, 120_000, false)).toBe(0.1);
    // (t − 2m, t] holds samples 4..5: 10 of 100.
    expect(windowRatio(counters, 60_000, 300_000, 120_000, true)).toBe(0.1);
    expect(windowRatio(counters, 60_000, 300_000, 30_000, false)).toBeUndefined();
  });

  it("formats like Go's %.4g", () => {
    expect(
      [98, -1412, 12_346, 0.5, 0.000012, 100, 98.125, 98.135, 0.15625, 99.99995].map(goFormat4g),
    ).toEqual([
      '98',
      '-1412',
      '1.235e+04',
      '0.5',
      '1.2e-05',
      '100',
      '98.12', // an exact tie: Go rounds half to even
      '98.14', // 98.135 is stored as 98.13500000000000511…: above the tie
      '0.1562',
      '100',
    ]);
  });
});
