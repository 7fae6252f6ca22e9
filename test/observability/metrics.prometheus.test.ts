// Real processes (~20 s): the built CLI runs `perfgate load --metrics-port --pushgateway` with two
// worker threads and two scenarios against a local target while a real Prometheus (Debian
// `prometheus`) scrapes it and a real Pushgateway every second and evaluates the recording rules
// `perfgate slo rules` wrote for the config's SLOs. Then Prometheus must hold perfgate's series
// with their labels, and every query of every panel of the dashboards `perfgate dashboards`
// writes for that config must return data for the run.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../src/report/dashboards/grafana.js';
import { freePort } from '../fixtures/services/helpers.js';
import { CLI_BIN, runInProcess } from '../helpers/cli.js';
import { toolPath } from '../setup/system-tools.js';
import { exitOf, type Started, startProcess, startTarget, until } from './processes.js';

const dir = mkdtempSync(join(tmpdir(), 'perfgate-metrics-'));
const stops: (() => Promise<void>)[] = [];

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

const CONFIG = `slos:
  - name: live_availability
    service: live
    sli:
      type: availability
      prometheus:
        bad: sum(rate(perfgate_http_requests_total{test="live",status=~"5..|error"}[{{window}}]))
        total: sum(rate(perfgate_http_requests_total{test="live"}[{{window}}]))
    slo: { target: 99, operator: ">=", unit: "%" }
    errorBudget: { period: 30d }
  - name: live_browse_p95
    service: live
    sli:
      type: latency
      percentile: 95
      scenario: browse
      prometheus:
        histogram: perfgate_http_request_duration_seconds
        selector: 'test="live",scenario="browse"'
        buckets: [0.1, 0.2, 0.3, 0.5, 1]
    slo: { target: 300, operator: "<=", unit: ms }
    errorBudget: { period: 30d }
`;

describe('perfgate load --metrics-port scraped by a real Prometheus', { timeout: 90_000 }, () => {
  let prometheus = '';
  let load: Started;
  let loadExit = -1;
  let duringRun = 0;
  let refusedPort = 0;
  let dashboards: Dashboard[] = [];

  const query = async (promql: string, time?: number): Promise<Sample[]> => {
    const params = new URLSearchParams({ query: promql, ...(time ? { time: String(time) } : {}) });
    const response = await fetch(`${prometheus}/api/v1/query?${params}`);
    const body = (await response.json()) as { status: string; error?: string; data: { result: Sample[] } };
    if (body.status !== 'success') throw new Error(`${promql}: ${body.error}`);
    return body.data.result;
  };
  const value = (samples: Sample[]) => Number(samples[0]?.value[1] ?? Number.NaN);

  beforeAll(async () => {
    expect(existsSync(CLI_BIN), 'run `npm run build` first: this test runs the built CLI').toBe(true);
    writeFileSync(join(dir, 'perfgate.config.yaml'), CONFIG);
    const rules = await runInProcess(['slo', 'rules', '-o', 'rules.yml'], { cwd: dir });
    expect(rules.code, rules.stderr).toBe(0);
    const written = await runInProcess(['dashboards', '-o', 'grafana'], { cwd: dir });
    expect(written.code, written.stderr).toBe(0);
    dashboards = readdirSync(join(dir, 'grafana')).map(
      (file) => JSON.parse(readFileSync(join(dir, 'grafana', file), 'utf8')) as Dashboard,
    );
    const target = await startTarget();
    stops.push(target.close);
    const [metricsPort, promPort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
    refusedPort = await freePort();
    prometheus = `http://127.0.0.1:${promPort}`;
    const gateway = await startProcess(
      toolPath('prometheus-pushgateway'),
      [
        `--web.listen-address=127.0.0.1:${gatewayPort}`,
        `--persistence.file=${join(dir, 'pushgateway.data')}`,
      ],
      /msg="Listening on"/,
    );
    stops.push(gateway.stop);
    writeFileSync(
      join(dir, 'prometheus.yml'),
      `global: { scrape_interval: 1s, evaluation_interval: 1s }
rule_files: ["${join(dir, 'rules.yml')}"]
scrape_configs:
  - job_name: perfgate
    static_configs: [{ targets: ["127.0.0.1:${metricsPort}"] }]
  - job_name: pushgateway
    honor_labels: true
    static_configs: [{ targets: ["127.0.0.1:${gatewayPort}"] }]
`,
    );
    const server = await startProcess(
      toolPath('prometheus'),
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
      ],
      /Server is ready to receive web requests/,
    );
    stops.push(server.stop);
    // Prometheus hands new targets to its scrape loop after up to 5 s: wait for the first (failed) scrape.
    await until('the first scrape of the metrics port', 15_000, async () =>
      (await query('up{job="perfgate"}')).length > 0 ? true : undefined,
    );
    writeFileSync(
      join(dir, 'live.yml'),
      `config:
  target: ${target.url}
  phases: [{ duration: 6, arrivalRate: 15 }]
scenarios:
  - name: browse
    weight: 4
    flow:
      - get: { url: "/api/items?page={{ $randomNumber(1, 3) }}" }
      - get: { url: /api/fail, name: failing }
  - name: broken
    weight: 1
    flow:
      - get: { url: "http://127.0.0.1:${refusedPort}/refused" }
`,
    );
    load = await startProcess(
      process.execPath,
      [
        CLI_BIN,
        'load',
        join(dir, 'live.yml'),
        '--metrics-port',
        String(metricsPort),
        '--metrics-linger',
        '3s',
        '--interval',
        '1s',
        '--workers',
        '2',
        '--allow-saturated',
        '--pushgateway',
        `http://127.0.0.1:${gatewayPort}`,
        '--push-job',
        'ci',
        '--push-instance',
        'ci-1',
        '-o',
        join(dir, 'out.json'),
      ],
      /metrics: serving http:\/\/127\.0\.0\.1:\d+\/metrics/,
    );
    stops.push(load.stop);
    // Seen while the test runs: the exporter is live, not only a final dump.
    await until('live series in Prometheus', 15_000, async () => {
      const samples = await query('sum(perfgate_http_requests_total{test="live"})');
      return value(samples) > 0 ? true : undefined;
    });
    // A moment while the run was live with a few scrapes behind it, to evaluate rate() queries at.
    const exited = exitOf(load);
    let running = true;
    void exited.then(() => {
      running = false;
    });
    while (running) {
      const now = Date.now() / 1000;
      if (value(await query('count_over_time(perfgate_vusers_active{test="live"}[10s])', now)) >= 3)
        duringRun = now;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    loadExit = await exited;
    await until('the pushed verdict in Prometheus', 15_000, async () =>
      (await query('perfgate_run_passed{test="live"}')).length > 0 ? true : undefined,
    );
  });

  afterAll(async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('binds to 127.0.0.1 by default and finishes the run normally', () => {
    expect(load.output()).toMatch(/metrics: serving http:\/\/127\.0\.0\.1:\d+\/metrics/);
    expect(loadExit).toBe(0);
  });

  it('labels requests by scenario, method, endpoint (a name, never template text) and status', async () => {
    const byKey = await query(
      'sum by (scenario, method, endpoint, status) (last_over_time(perfgate_http_requests_total{job="perfgate",test="live"}[1m]))',
    );
    const keys = byKey.map(
      (s) => `${s.metric.scenario} ${s.metric.method} ${s.metric.endpoint} ${s.metric.status}`,
    );
    expect(keys.sort()).toEqual(
      [
        'browse GET /api/items 200',
        'browse GET failing 503',
        `broken GET 127.0.0.1:${refusedPort}/refused error`,
      ].sort(),
    );
    expect(
      value(await query('last_over_time(perfgate_errors_total{job="perfgate",code="ECONNREFUSED"}[1m])')),
    ).toBeGreaterThan(0);

    // --metrics-linger kept /metrics up after the run: Prometheus saw exactly the final counts.
    const results = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    const final = results.aggregate.counters[
      'plugins.metrics-by-endpoint./api/fail (failing).codes.503'
    ] as number;
    const scraped = value(
      await query('max_over_time(perfgate_http_requests_total{job="perfgate",endpoint="failing"}[1m])'),
    );
    expect(scraped).toBe(final);
    expect(load.output()).toContain('metrics: serving the final values for 3s more');
  });

  it('exports the honest duration as a histogram Prometheus can take quantiles of', async () => {
    const median = value(
      await query(
        'histogram_quantile(0.5, sum by (le) (last_over_time(perfgate_http_request_duration_seconds_bucket{job="perfgate",scenario="browse",endpoint="/api/items"}[1m])))',
      ),
    );
    // The target waits 10 ms before answering.
    expect(median).toBeGreaterThanOrEqual(0.005);
    expect(median).toBeLessThan(2);
  });

  it('exports virtual users by scenario and generator health (CPU as a ratio of a core)', async () => {
    const created = await query('last_over_time(perfgate_vusers_created_total{job="perfgate"}[1m])');
    expect(created.map((s) => s.metric.scenario).sort()).toEqual(['broken', 'browse']);
    for (const gauge of [
      'perfgate_generator_cpu_ratio',
      'perfgate_generator_event_loop_lag_seconds',
      'perfgate_generator_schedule_slip_seconds',
    ]) {
      expect(await query(`last_over_time(${gauge}{job="perfgate",test="live"}[1m])`), gauge).toHaveLength(1);
    }
    expect(
      value(await query('max_over_time(perfgate_generator_cpu_ratio{job="perfgate"}[1m])')),
    ).toBeLessThan(4);
  });

  it('gives data for every query of every panel of the three dashboards', async () => {
    expect(duringRun, 'a moment with 3 scrapes in 10 s').toBeGreaterThan(0);
    expect(dashboards.map((d) => d.uid).sort()).toEqual([
      'perfgate-error-budgets',
      'perfgate-load-test',
      'perfgate-overview',
    ]);
    const load = dashboards.find((d) => d.uid === 'perfgate-load-test') as Dashboard;
    expect(load.panels.map((p) => p.title)).toEqual(
      expect.arrayContaining([
        'live_availability (live): availability',
        'live_browse_p95 (live): share of requests within 300 ms',
      ]),
    );
    const exprs = dashboards
      .flatMap((d) => d.panels.flatMap((panel) => panel.targets ?? []))
      .map((t) => t.expr);
    expect(exprs.length).toBeGreaterThan(40);
    const empty: string[] = [];
    for (const expr of exprs) {
      const promql = expr
        .replaceAll('$__rate_interval', '10s')
        .replace(/\$(test|job|instance|service|slo_id|slo)\b/g, '.*');
      // Live rates at a moment of the run; recording rules and pushed results once they exist.
      const found = (await query(promql, duringRun)).length > 0 || (await query(promql)).length > 0;
      if (!found) empty.push(promql);
    }
    expect(empty).toEqual([]);
  });
});
