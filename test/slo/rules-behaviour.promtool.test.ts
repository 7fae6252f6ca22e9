// Generated rules on the situations that used to go wrong, checked by the real promtool (one run,
// several test groups): two services that both name an SLO `availability` in one Prometheus; bucket
// bounds stored as Prometheus 3 writes them (le="2.0"); a fresh deployment inside its objective;
// a 7d period.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadConfigText } from '../../src/config/index.js';
import { type BudgetSlo, hasBudget } from '../../src/slo/model.js';
import { generateRules, groupNames } from '../../src/slo/rules/rules.js';
import { slosFromSpecs } from '../../src/slo/spec.js';

function slosOf(yaml: string): BudgetSlo[] {
  const loaded = loadConfigText(yaml, 'perfgate.config.yaml', { env: {}, dir: '/' });
  if (loaded.state !== 'ok') throw new Error(loaded.issues.map((issue) => issue.message).join('\n'));
  return slosFromSpecs(loaded.config.slos).filter(hasBudget);
}

const availability = (service: string) => `
slos:
  - name: availability
    service: ${service}
    sli:
      type: availability
      prometheus:
        bad: sum(rate(http_requests_total{service="${service}",code=~"5.."}[{{window}}]))
        total: sum(rate(http_requests_total{service="${service}"}[{{window}}]))
    slo: { target: 99.9, operator: ">=" }
`;

const LATENCY = `
slos:
  - name: checkout-latency
    service: checkout
    sli:
      type: latency
      percentile: 95
      prometheus: { histogram: http_request_duration_seconds, selector: 'job="checkout"', buckets: [0.5, 1, 2, 5] }
    slo: { target: 2, operator: "<=", unit: s }
`;

const WEEKLY = `
slos:
  - name: weekly
    service: api
    sli:
      type: availability
      prometheus:
        bad: sum(rate(api_requests_total{code="500"}[{{window}}]))
        total: sum(rate(api_requests_total[{{window}}]))
    slo: { target: 99, operator: ">=" }
    errorBudget: { period: 7d }
`;

/** A counter rising by `step` a minute, `minutes` times, from a large offset (exact rates). */
const counter = (step: number, minutes: number) => `1000000000+${step}x${minutes}`;
const firingLabels = (slo: BudgetSlo, extra: Record<string, string>) => ({
  slo_id: slo.id,
  slo: slo.name,
  service: slo.service,
  ...extra,
});

describe('generated rules in situations that used to go wrong (real promtool)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perfgate-rules-behaviour-'));

  it('keep two services’ SLOs named availability apart, read le="2.0", never page a fresh healthy deployment, and scale a 7d period', {
    timeout: 300_000,
  }, async () => {
    const [checkout] = slosOf(availability('checkout'));
    const [search] = slosOf(availability('search'));
    const [latency] = slosOf(LATENCY);
    const [weekly] = slosOf(WEEKLY);
    if (!checkout || !search || !latency || !weekly) throw new Error('fixtures');
    // Two teams' rule files, generated separately, loaded into one Prometheus.
    const files = { checkout: [checkout], search: [search], latency: [latency], weekly: [weekly] };
    const ruleFiles = Object.entries(files).map(([name, slos]) => {
      const file = join(dir, `${name}.rules.yml`);
      writeFileSync(file, stringify(generateRules(slos), { lineWidth: 0 }));
      return file;
    });
    expect(weekly.tiers.map((tier) => tier.factor)).toEqual([14.4, 6, 3, 1]);
    const burning = (slo: BudgetSlo, entry: string) => {
      const [tier = '', long = '', short = ''] = entry.split(':');
      const severity = tier.startsWith('page') ? 'critical' : 'warning';
      const labels = firingLabels(slo, { severity, burn_tier: tier, long, short });
      const text = Object.entries({ alertname: 'ErrorBudgetBurn', alertstate: 'firing', ...labels })
        .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
        .join(',');
      return { labels: `ALERTS{${text}}`, value: 1 };
    };
    /** The alerts named `alertname` firing at `at` must be exactly `samples` (annotations aside). */
    const firing = (
      alertname: string,
      at: string,
      samples: { labels: string; value: number }[],
      only = '',
    ) => ({
      expr: `ALERTS{alertname="${alertname}",alertstate="firing"${only}}`,
      eval_time: at,
      exp_samples: samples,
    });
    const tests = [
      {
        name: 'checkout is healthy and search burns: only search pages, each reads its own series',
        interval: '1m',
        input_series: [
          { series: 'http_requests_total{service="checkout",code="200"}', values: counter(1000, 120) },
          { series: 'http_requests_total{service="search",code="200"}', values: counter(800, 120) },
          { series: 'http_requests_total{service="search",code="500"}', values: counter(200, 120) },
        ],
        promql_expr_test: [
          firing(
            'ErrorBudgetBurn',
            '60m',
            ['page-fast:1h:5m', 'page-slow:6h:30m', 'ticket-fast:1d:2h', 'ticket-slow:3d:6h'].map((entry) =>
              burning(search, entry),
            ),
          ),
          {
            expr: 'count(slo:period_error_budget_remaining:ratio)',
            eval_time: '60m',
            exp_samples: [{ labels: '{}', value: 2 }],
          },
          {
            expr: 'slo:sli_error:ratio_rate5m{slo_id="checkout-availability"}',
            eval_time: '60m',
            exp_samples: [
              {
                labels: `slo:sli_error:ratio_rate5m{slo_id="checkout-availability",slo="availability",service="checkout",window="5m"}`,
                value: 0,
              },
            ],
          },
        ],
      },
      ...['2.0', '2'].map((le) => ({
        name: `half the requests over 2 s, the 2 s bucket stored as le="${le}"`,
        interval: '1m',
        input_series: [
          {
            series: `http_request_duration_seconds_bucket{job="checkout",le="1${le === '2' ? '' : '.0'}"}`,
            values: counter(300, 60),
          },
          {
            series: `http_request_duration_seconds_bucket{job="checkout",le="${le}"}`,
            values: counter(500, 60),
          },
          {
            series: `http_request_duration_seconds_bucket{job="checkout",le="+Inf"}`,
            values: counter(1000, 60),
          },
          { series: 'http_request_duration_seconds_count{job="checkout"}', values: counter(1000, 60) },
        ],
        promql_expr_test: [
          // E = 50 % of a 5 % budget: burn 10, over page-slow's 6 and every ticket tier.
          firing(
            'ErrorBudgetBurn',
            '60m',
            ['page-slow:6h:30m', 'ticket-fast:1d:2h', 'ticket-slow:3d:6h'].map((entry) =>
              burning(latency, entry),
            ),
          ),
          firing('SLODataAbsent', '60m', [], `,slo_id="${latency.id}"`),
        ],
      })),
      {
        name: 'a fresh deployment at 99.95 % against 99.9 %, from an empty history: no alert for 6 hours',
        interval: '1m',
        input_series: [
          { series: 'http_requests_total{service="checkout",code="200"}', values: counter(19_990, 360) },
          { series: 'http_requests_total{service="checkout",code="500"}', values: counter(10, 360) },
        ],
        promql_expr_test: [
          ...['10m', '1h', '3h', '6h'].flatMap((at) => [
            firing('ErrorBudgetLow', at, []),
            firing('ErrorBudgetBurn', at, []),
          ]),
          {
            // Spent: E / B × elapsed = 0.5 × 6h / (720h − 3h); left ≈ 99.58 %, not the 50 % an extrapolation says.
            expr: `abs(slo:period_error_budget_remaining:ratio{slo_id="checkout-availability"} - (1 - 0.5 * 6 / 717)) < bool 1e-6`,
            eval_time: '6h',
            exp_samples: [
              { labels: `{slo_id="checkout-availability",slo="availability",service="checkout"}`, value: 1 },
            ],
          },
        ],
      },
      {
        name: 'a fresh deployment at 99.905 % against 99.9 % (burn 0.95): no budget alert, ever',
        interval: '1m',
        input_series: [
          { series: 'http_requests_total{service="checkout",code="200"}', values: counter(19_981, 360) },
          { series: 'http_requests_total{service="checkout",code="500"}', values: counter(19, 360) },
        ],
        // An extrapolation from its first minutes would say 5 % of the 30d budget is left: critical.
        promql_expr_test: ['10m', '30m', '6h'].flatMap((at) => [
          firing('ErrorBudgetLow', at, []),
          firing('ErrorBudgetBurn', at, []),
        ]),
      },
      {
        name: 'a 7d period: a service spending a quarter of its budget rate for a day never tickets',
        interval: '15m',
        input_series: [
          { series: 'api_requests_total{code="200"}', values: counter(399_000 - 997, 96) },
          { series: 'api_requests_total{code="500"}', values: counter(997, 96) },
        ],
        alert_rule_test: ['6h', '12h', '24h'].map((at) => ({
          eval_time: at,
          alertname: 'ErrorBudgetBurn',
          exp_alerts: [],
        })),
      },
    ];
    const testFile = join(dir, 'behaviour.test.yml');
    const order = Object.values(files)
      .flat()
      .flatMap((slo) => Object.values(groupNames(slo)));
    writeFileSync(
      testFile,
      stringify(
        { rule_files: ruleFiles, evaluation_interval: '5m', group_eval_order: order, tests },
        { lineWidth: 0 },
      ),
    );
    const result = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile('promtool', ['test', 'rules', testFile], { timeout: 280_000 }, (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : 1, output: stdout + stderr }),
      );
    });
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });
});
