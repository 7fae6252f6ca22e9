import { PROM, TEST_LABEL } from '../../load/metrics/prometheus-names.js';
import { type Dashboard, dashboard, labelVariable, type Section } from './grafana.js';

const SELECT = `${TEST_LABEL}=~"$test"`;
const RATE = '$__rate_interval';
const by = (labels: string, expr: string) => `sum by (${labels}) (${expr})`;
const rate = (metric: string, matchers = SELECT) => `rate(${metric}{${matchers}}[${RATE}])`;
const quantile = (q: number, labels: string) =>
  `histogram_quantile(${q}, ${by(`le, ${labels}`, rate(`${PROM.duration}_bucket`))})`;

/**
 * The live view of a running `perfgate load --metrics-port` (or of pushed results): throughput,
 * errors and honest latency by endpoint, virtual users, and whether the generator itself kept up.
 */
export function loadTestDashboard(): Dashboard {
  const sections: Section[] = [
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
      title: 'Non-2xx/3xx responses and errors',
      description: 'Share of finished requests that got a 4xx/5xx or no response at all.',
      queries: [
        {
          expr: `(sum(${rate(PROM.responses, `${SELECT},code=~"[45].."`)}) or vector(0)) / (sum(${rate(PROM.requests)}) > 0)`,
        },
      ],
      unit: 'percentunit',
      thresholds: ['green', [0.01, 'orange'], [0.05, 'red']],
      w: 6,
      h: 4,
    },
    {
      type: 'stat',
      title: 'p95 duration (from intended start)',
      queries: [{ expr: `histogram_quantile(0.95, ${by('le', rate(`${PROM.duration}_bucket`))})` }],
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
      title: 'Requests/s by endpoint',
      queries: [{ expr: by('endpoint', rate(PROM.requests)), legend: '{{endpoint}}' }],
      unit: 'reqps',
    },
    {
      type: 'timeseries',
      title: 'Responses/s by status code',
      queries: [{ expr: by('code', rate(PROM.responses)), legend: '{{code}}' }],
      unit: 'reqps',
    },
    { row: 'Latency (intended start → last byte, coordinated-omission free)' },
    {
      type: 'timeseries',
      title: 'p50 / p95 / p99 by endpoint',
      queries: [
        { expr: quantile(0.5, 'endpoint'), legend: 'p50 {{endpoint}}' },
        { expr: quantile(0.95, 'endpoint'), legend: 'p95 {{endpoint}}' },
        { expr: quantile(0.99, 'endpoint'), legend: 'p99 {{endpoint}}' },
      ],
      unit: 's',
    },
    {
      type: 'timeseries',
      title: 'Mean duration by endpoint',
      queries: [
        {
          expr: `${by('endpoint', rate(`${PROM.duration}_sum`))} / ${by('endpoint', rate(`${PROM.duration}_count`))}`,
          legend: '{{endpoint}}',
        },
      ],
      unit: 's',
    },
    { row: 'Errors and virtual users' },
    {
      type: 'timeseries',
      title: 'Errors/s by code',
      queries: [{ expr: by('code', rate(PROM.errors)), legend: '{{code}}' }],
      unit: 'short',
    },
    {
      type: 'timeseries',
      title: 'Virtual users',
      queries: [
        { expr: `sum(${PROM.vusersActive}{${SELECT}})`, legend: 'active' },
        { expr: `sum(${rate(PROM.vusersCreated)})`, legend: 'created/s' },
        { expr: `sum(${rate(PROM.vusersCompleted)})`, legend: 'completed/s' },
        { expr: `sum(${rate(PROM.vusersFailed)})`, legend: 'failed/s' },
      ],
    },
    { row: 'Load generator health (if it saturates, latencies are its own, not the target’s)' },
    {
      type: 'timeseries',
      title: 'Event-loop lag p99',
      queries: [{ expr: `max by (${TEST_LABEL}) (${PROM.eventLoopLag}{${SELECT}})`, legend: '{{test}}' }],
      unit: 's',
      w: 8,
    },
    {
      type: 'timeseries',
      title: 'Start slip p99',
      queries: [{ expr: `max by (${TEST_LABEL}) (${PROM.scheduleSlip}{${SELECT}})`, legend: '{{test}}' }],
      unit: 's',
      w: 8,
    },
    {
      type: 'timeseries',
      title: 'Generator CPU (% of one core)',
      queries: [{ expr: `max by (${TEST_LABEL}) (${PROM.cpu}{${SELECT}})`, legend: '{{test}}' }],
      unit: 'percent',
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
  return dashboard({
    uid: 'perfgate-load-test',
    title: 'perfgate · load test',
    description: 'Live view of perfgate load tests (perfgate load --metrics-port) and pushed CI results.',
    sections,
    variables: [labelVariable('test', 'Test', PROM.requests, TEST_LABEL)],
    refresh: '5s',
    timeFrom: 'now-30m',
  });
}
