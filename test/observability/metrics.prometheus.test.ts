// Real processes (~15 s): the built CLI runs `perfgate load --metrics-port` with two worker
// threads against a local target while a real Prometheus (Debian `prometheus`) scrapes it every
// second; then Prometheus' API must hold perfgate's series, and every query of the generated
// load-test dashboard must return data for the run.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTestDashboard } from '../../src/report/dashboards/load-test.js';
import { freePort } from '../fixtures/services/helpers.js';
import { CLI_BIN } from '../helpers/cli.js';
import { toolPath } from '../setup/system-tools.js';
import { exitOf, type Started, startProcess, startTarget, until } from './processes.js';

const dir = mkdtempSync(join(tmpdir(), 'perfgate-metrics-'));
const stops: (() => Promise<void>)[] = [];

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

describe('perfgate load --metrics-port scraped by a real Prometheus', { timeout: 60_000 }, () => {
  let prometheus = '';
  let load: Started;
  let loadExit = -1;
  let duringRun = 0;
  let refusedPort = 0;

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
    const target = await startTarget();
    stops.push(target.close);
    const [metricsPort, promPort] = [await freePort(), await freePort()];
    refusedPort = await freePort();
    prometheus = `http://127.0.0.1:${promPort}`;
    writeFileSync(
      join(dir, 'prometheus.yml'),
      `global: { scrape_interval: 1s }\nscrape_configs:\n  - job_name: perfgate\n    static_configs: [{ targets: ["127.0.0.1:${metricsPort}"] }]\n`,
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
  - weight: 4
    flow:
      - get: { url: /api/items }
      - get: { url: /api/fail, name: failing }
  - weight: 1
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
      if (value(await query('count_over_time(perfgate_vusers_created_total{test="live"}[10s])', now)) >= 3)
        duringRun = now;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    loadExit = await exited;
  });

  afterAll(async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('binds to 127.0.0.1 by default and finishes the run normally', () => {
    expect(load.output()).toMatch(/metrics: serving http:\/\/127\.0\.0\.1:\d+\/metrics/);
    expect(loadExit).toBe(0);
  });

  it('exports requests, responses and errors by endpoint and code from two worker threads', async () => {
    const byEndpoint = await query(
      'sum by (endpoint) (last_over_time(perfgate_http_requests_total{test="live"}[1m]))',
    );
    expect(byEndpoint.map((s) => s.metric.endpoint).sort()).toEqual(
      ['/api/fail (failing)', '/api/items', `127.0.0.1:${refusedPort}/refused`].sort(),
    );
    const fails = await query('last_over_time(perfgate_http_responses_total{test="live",code="503"}[1m])');
    expect(fails.map((s) => s.metric.endpoint)).toEqual(['/api/fail (failing)']);
    expect(
      value(await query('last_over_time(perfgate_errors_total{code="ECONNREFUSED"}[1m])')),
    ).toBeGreaterThan(0);

    // --metrics-linger kept /metrics up after the run: Prometheus saw exactly the final counts.
    const results = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    const final = results.aggregate.counters['plugins.metrics-by-endpoint./api/items.codes.200'] as number;
    const scraped = value(
      await query('max_over_time(perfgate_http_requests_total{endpoint="/api/items"}[1m])'),
    );
    expect(scraped).toBe(final);
    expect(load.output()).toContain('metrics: serving the final values for 3s more');
  });

  it('exports the honest duration as a histogram Prometheus can take quantiles of', async () => {
    const median = value(
      await query(
        'histogram_quantile(0.5, sum by (le) (last_over_time(perfgate_http_request_duration_seconds_bucket{endpoint="/api/items"}[1m])))',
      ),
    );
    // The target waits 10 ms before answering.
    expect(median).toBeGreaterThanOrEqual(0.005);
    expect(median).toBeLessThan(2);
  });

  it('exports virtual users and generator health', async () => {
    expect(value(await query('last_over_time(perfgate_vusers_created_total[1m])'))).toBeGreaterThan(0);
    for (const gauge of [
      'perfgate_generator_cpu_percent',
      'perfgate_generator_event_loop_lag_seconds',
      'perfgate_generator_schedule_slip_seconds',
    ]) {
      expect(await query(`last_over_time(${gauge}{test="live"}[1m])`), gauge).toHaveLength(1);
    }
  });

  it('gives data for every live query of the load-test dashboard', async () => {
    expect(duringRun, 'a moment with 3 scrapes in 10 s').toBeGreaterThan(0);
    const live = loadTestDashboard()
      .panels.flatMap((panel) => panel.targets ?? [])
      .map((target) => target.expr)
      .filter((expr) => !expr.includes('perfgate_run_'));
    expect(live.length).toBeGreaterThan(10);
    for (const expr of live) {
      const promql = expr.replaceAll('$__rate_interval', '10s').replaceAll('$test', 'live');
      expect((await query(promql, duringRun)).length, promql).toBeGreaterThan(0);
    }
  });
});
