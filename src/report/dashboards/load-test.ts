import { templatesAsVariables } from '../../load/flow/endpoint-name.js';
import { DURATION_BUCKETS_SECONDS, PROM, TEST_LABEL } from '../../load/metrics/prometheus-names.js';
import type { BudgetSlo } from '../../slo/model.js';
import { type Dashboard, dashboard, labelVariable, type Section, standardVariables } from './grafana.js';

const SELECT = `${TEST_LABEL}=~"$test",job=~"$job",instance=~"$instance"`;
const RATE = '$__rate_interval';
/** Requests that failed: a 5xx response or none at all (the availability SLI's bad events). */
const FAILED = 'status=~"5..|error"';
const by = (labels: string, expr: string) => `sum by (${labels}) (${expr})`;
const rate = (metric: string, matchers = SELECT) => `rate(${metric}{${matchers}}[${RATE}])`;
const quantile = (q: number, labels: string, matchers = SELECT) =>
  `histogram_quantile(${q}, ${by(labels === '' ? 'le' : `le, ${labels}`, rate(`${PROM.duration}_bucket`, matchers))})`;
const failedShare = (matchers: string) =>
  `(sum(${rate(PROM.requests, `${matchers},${FAILED}`)}) or vector(0)) / (sum(${rate(PROM.requests, matchers)}) > 0)`;
const percent = (fraction: number) => `${Math.round(fraction * 10_000) / 100} %`;
const quote = (text: string) => JSON.stringify(text);

/** The label matchers of an SLO's scope: `scenario`, and `method`/`endpoint` from "GET /path" or "/path". */
export function scopeMatchers(slo: BudgetSlo): string {
  const matchers = [SELECT];
  if (slo.scope.scenario !== undefined) matchers.push(`scenario=${quote(slo.scope.scenario)}`);
  const endpoint = slo.scope.endpoint;
  if (endpoint !== undefined) {
    const split = /^([A-Z]+)\s+(\S.*)$/.exec(endpoint);
    if (split?.[1] !== undefined && split[2] !== undefined) {
      matchers.push(`method=${quote(split[1])}`, `endpoint=${quote(templatesAsVariables(split[2]))}`);
    } else matchers.push(`endpoint=${quote(templatesAsVariables(endpoint))}`);
  }
  return matchers.join(',');
}

/** The `le` bucket an SLO's threshold is judged at: the threshold itself or the largest bound below it. */
function bucketFor(thresholdMs: number): number {
  const seconds = thresholdMs / 1000;
  return (
    [...DURATION_BUCKETS_SECONDS].reverse().find((bound) => bound <= seconds + 1e-12) ??
    DURATION_BUCKETS_SECONDS[0] ??
    0.001
  );
}

/** One panel per SLO of the config that these metrics can judge (latency and request ratios). */
export function sloPanels(slos: readonly BudgetSlo[]): Section[] {
  return slos.flatMap((slo): Section[] => {
    const matchers = scopeMatchers(slo);
    const objective = { expr: `vector(${slo.objective})`, legend: `objective ${percent(slo.objective)}` };
    const title = `${slo.name} (${slo.service})`;
    const { indicator } = slo;
    if (indicator.kind === 'latency') {
      const le = bucketFor(indicator.thresholdMs);
      const good = `sum(${rate(`${PROM.duration}_bucket`, `${matchers},le="${le}"`)}) / (sum(${rate(`${PROM.duration}_count`, matchers)}) > 0)`;
      return [
        {
          type: 'timeseries',
          title: `${title}: share of requests within ${le * 1000} ms`,
          description: `p${indicator.percentile} ≤ ${indicator.thresholdMs} ms means at least ${percent(slo.objective)} of requests within it. Measured from each request's intended start${le * 1000 < indicator.thresholdMs ? `; judged at the ${le * 1000} ms bucket, the largest at or below the threshold` : ''}.`,
          queries: [{ expr: good, legend: 'within threshold' }, objective],
          unit: 'percentunit',
          max: 1,
          thresholds: ['red', [slo.objective, 'green']],
          w: 8,
        },
      ];
    }
    if (indicator.kind !== 'ratio') return [];
    const bad =
      indicator.measure === 'availability'
        ? failedShare(matchers)
        : `(sum(${rate(PROM.requests, `${matchers},status=~"[45]..|error"`)}) or vector(0)) / (sum(${rate(PROM.requests, matchers)}) > 0)`;
    const sli = indicator.measure === 'error_rate' ? bad : `1 - (${bad})`;
    return [
      {
        type: 'timeseries',
        title: `${title}: ${indicator.measure.replace('_', ' ')}`,
        description:
          indicator.measure === 'availability'
            ? 'Share of requests that got a non-5xx response.'
            : 'Share of requests with a status ≥ 400 or no response.',
        queries: [
          { expr: sli, legend: indicator.measure.replace('_', ' ') },
          indicator.measure === 'error_rate'
            ? { ...objective, expr: `vector(${1 - slo.objective})` }
            : objective,
        ],
        unit: 'percentunit',
        w: 8,
      },
    ];
  });
}

function trafficSections(): Section[] {
  return [
    { row: 'Traffic' },
    {
      type: 'stat',
      title: 'Requests/s',
      queries: [{ expr: `sum(${rate(PROM.requests)})` }],
      unit: 'reqps',
      w: 6,
      h: 4,
    },
    {
      type: 'stat',
      title: 'Failed requests (5xx or no response)',
      description: 'Share of finished requests that got a 5xx or no response at all.',
      queries: [{ expr: failedShare(SELECT) }],
      unit: 'percentunit',
      thresholds: ['green', [0.01, 'orange'], [0.05, 'red']],
      w: 6,
      h: 4,
    },
    {
      type: 'stat',
      title: 'p95 duration (from intended start)',
      queries: [{ expr: quantile(0.95, '') }],
      unit: 's',
      w: 6,
      h: 4,
    },
    {
      type: 'stat',
      title: 'Active virtual users',
      queries: [{ expr: `sum(${PROM.vusersActive}{${SELECT}})` }],
      w: 6,
      h: 4,
    },
    {
      type: 'timeseries',
      title: 'Requests/s by scenario',
      queries: [{ expr: by('scenario', rate(PROM.requests)), legend: '{{scenario}}' }],
      unit: 'reqps',
      w: 8,
    },
    {
      type: 'timeseries',
      title: 'Requests/s by status (error: no response)',
      queries: [{ expr: by('status', rate(PROM.requests)), legend: '{{status}}' }],
      unit: 'reqps',
      w: 8,
    },
    {
      type: 'timeseries',
      title: 'Requests/s by endpoint',
      queries: [{ expr: by('method, endpoint', rate(PROM.requests)), legend: '{{method}} {{endpoint}}' }],
      unit: 'reqps',
      w: 8,
    },
  ];
}

function latencySections(): Section[] {
  return [
    { row: 'Latency (intended start → last byte, coordinated-omission free)' },
    {
      type: 'timeseries',
      title: 'p50 / p95 / p99 by endpoint',
      queries: [
        { expr: quantile(0.5, 'method, endpoint'), legend: 'p50 {{method}} {{endpoint}}' },
        { expr: quantile(0.95, 'method, endpoint'), legend: 'p95 {{method}} {{endpoint}}' },
        { expr: quantile(0.99, 'method, endpoint'), legend: 'p99 {{method}} {{endpoint}}' },
      ],
      unit: 's',
    },
    {
      type: 'timeseries',
      title: 'p95 by scenario, and mean',
      queries: [
        { expr: quantile(0.95, 'scenario'), legend: 'p95 {{scenario}}' },
        {
          expr: `${by('scenario', rate(`${PROM.duration}_sum`))} / ${by('scenario', rate(`${PROM.duration}_count`))}`,
          legend: 'mean {{scenario}}',
        },
      ],
      unit: 's',
    },
  ];
}

function errorAndUserSections(): Section[] {
  return [
    { row: 'Errors and virtual users' },
    {
      type: 'timeseries',
      title: 'Errors/s by code',
      queries: [{ expr: by('code', rate(PROM.errors)), legend: '{{code}}' }],
      unit: 'short',
    },
    {
      type: 'timeseries',
      title: 'Virtual users by scenario',
      queries: [
        { expr: `sum(${PROM.vusersActive}{${SELECT}})`, legend: 'active (all)' },
        { expr: by('scenario', rate(PROM.vusersCreated)), legend: 'created/s {{scenario}}' },
        { expr: by('scenario', rate(PROM.vusersCompleted)), legend: 'completed/s {{scenario}}' },
        { expr: by('scenario', rate(PROM.vusersFailed)), legend: 'failed/s {{scenario}}' },
      ],
    },
  ];
}

function generatorSections(): Section[] {
  const worst = (metric: string) => `max by (${TEST_LABEL}) (${metric}{${SELECT}})`;
  return [
    { row: 'Load generator health (if it saturates, latencies are its own, not the target’s)' },
    {
      type: 'timeseries',
      title: 'Event-loop lag p99',
      queries: [{ expr: worst(PROM.eventLoopLag), legend: '{{test}}' }],
      unit: 's',
      w: 8,
    },
    {
      type: 'timeseries',
      title: 'Start slip p99',
      queries: [{ expr: worst(PROM.scheduleSlip), legend: '{{test}}' }],
      unit: 's',
      w: 8,
    },
    {
      type: 'timeseries',
      title: 'Generator CPU (1 = one full core)',
      queries: [{ expr: worst(PROM.cpu), legend: '{{test}}' }],
      unit: 'percentunit',
      w: 8,
    },
    { row: 'CI runs (pushed with --pushgateway)' },
    {
      type: 'timeseries',
      title: 'Run passed (1) / failed (0)',
      queries: [
        {
          expr: `max by (${TEST_LABEL}, instance) (${PROM.runPassed}{${SELECT}})`,
          legend: '{{test}} {{instance}}',
        },
      ],
      min: 0,
      max: 1,
    },
    {
      type: 'table',
      title: 'Last run per test',
      queries: [
        { expr: `max by (${TEST_LABEL}, instance) (${PROM.runTimestamp}{${SELECT}}) * 1000`, instant: true },
      ],
      unit: 'dateTimeAsIso',
    },
  ];
}

/**
 * The live view of a running `perfgate load --metrics-port` (or of pushed results): throughput,
 * failures and honest latency by scenario and endpoint, virtual users, the config's SLOs judged on
 * these metrics (one panel per SLO), and whether the generator itself kept up.
 */
export function loadTestDashboard(slos: readonly BudgetSlo[] = []): Dashboard {
  const perSlo = sloPanels(slos);
  const sections: Section[] = [
    ...trafficSections(),
    ...latencySections(),
    ...errorAndUserSections(),
    ...(perSlo.length === 0 ? [] : [{ row: 'SLOs of the config, judged on these metrics' }, ...perSlo]),
    ...generatorSections(),
  ];
  return dashboard({
    uid: 'perfgate-load-test',
    title: 'perfgate · load test',
    description: 'Live view of perfgate load tests (perfgate load --metrics-port) and pushed CI results.',
    sections,
    variables: standardVariables(PROM.requests, [
      labelVariable('test', 'Test', PROM.requests, TEST_LABEL, 'job=~"$job"'),
    ]),
    refresh: '5s',
    timeFrom: 'now-30m',
  });
}
