// SLOW (~60 s, real processes): `perfgate monitor` against a real Prometheus (Debian `prometheus`)
// scraping the demo model-router every second, under light load generated here, with a fault
// switched on and off, then Prometheus stopped mid-run. Uses a test-only SLO with 5s/15s windows.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/cli/clock.js';
import { runMonitor } from '../../src/cli/slo/monitor-loop.js';
import { loadConfigText } from '../../src/config/index.js';
import type { SloAlertEvent, SloNotifier } from '../../src/slo/live/alerts.js';
import type { LiveStatus } from '../../src/slo/live/evaluate.js';
import { createMonitorMetrics } from '../../src/slo/live/metrics.js';
import { type BudgetSlo, hasBudget } from '../../src/slo/model.js';
import { createPrometheusClient } from '../../src/slo/prometheus/client.js';
import { slosFromSpecs } from '../../src/slo/spec.js';
import { freePort } from '../fixtures/services/helpers.js';
import { REPO_ROOT, runInProcess } from '../helpers/cli.js';
import { toolPath } from '../setup/system-tools.js';

const dir = mkdtempSync(join(tmpdir(), 'perfgate-monitor-'));
const children: ChildProcess[] = [];

function start(
  command: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = ready.exec(seen);
      if (match) resolve({ child, line: match[0] });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${command} exited ${code}: ${seen.slice(-500)}`)));
  });
}

async function until<T>(
  what: string | (() => string),
  timeoutMs: number,
  probe: () => T | undefined,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${typeof what === 'function' ? (what as () => string)() : what}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const configText = (servicePort: number) => `
services:
  model-router: { url: "http://127.0.0.1:${servicePort}" }
slos:
  - name: router_availability_fast
    service: model-router
    sli:
      type: availability
      prometheus:
        bad: sum(rate(model_router_requests_total{route=~"/api/.*",status=~"5.."}[{{window}}]))
        total: sum(rate(model_router_requests_total{route=~"/api/.*"}[{{window}}]))
    slo: { target: 90, operator: ">=" }
    errorBudget: { period: 1h }
    alerting:
      tiers: [{ name: fast, severity: critical, long: 15s, short: 5s, factor: 2 }]
      # The fault spends this hour's budget for real; this test is about the tiers firing and resolving.
      remainingBudgetAlerts: false
`;

describe('perfgate monitor against a real Prometheus', { timeout: 120_000 }, () => {
  let servicePort = 0;
  let prometheusUrl = '';
  let prometheus: ChildProcess | undefined;
  let slos: BudgetSlo[] = [];
  let loadRunning = true;
  let load: Promise<void> = Promise.resolve();

  beforeAll(async () => {
    const router = await start(
      process.execPath,
      ['--import', 'tsx', 'examples/smm/services/model-router.ts'],
      { PORT: '0', SMM_SEED: '7' },
      /listening on http:\/\/127\.0\.0\.1:(\d+)/,
    );
    servicePort = Number(/:(\d+)$/.exec(router.line)?.[1]);
    const promPort = await freePort();
    prometheusUrl = `http://127.0.0.1:${promPort}`;
    writeFileSync(
      join(dir, 'prometheus.yml'),
      `global: { scrape_interval: 1s, evaluation_interval: 1s }\nscrape_configs:\n  - job_name: model-router\n    static_configs: [{ targets: ["127.0.0.1:${servicePort}"] }]\n`,
    );
    writeFileSync(join(dir, 'perfgate.config.yaml'), configText(servicePort));
    const result = loadConfigText(configText(servicePort), join(dir, 'perfgate.config.yaml'), {
      env: {},
      dir,
    });
    if (result.state !== 'ok') throw new Error('test config invalid');
    slos = slosFromSpecs(result.config.slos).filter(hasBudget);
    const started = await start(
      toolPath('prometheus'),
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
      ],
      {},
      /Server is ready to receive web requests/,
    );
    prometheus = started.child;
    // Light load: ~20 requests/s, at most 2,500 requests, until the test ends.
    load = (async () => {
      for (let sent = 0; loadRunning && sent < 2_500; sent++) {
        await fetch(`http://127.0.0.1:${servicePort}/api/models?limit=1`)
          .then((response) => response.body?.cancel())
          .catch(() => {});
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
  });

  afterAll(async () => {
    loadRunning = false;
    await load;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('slo verify names the SLI queries that return no data: a misspelt metric, a misspelt label', async () => {
    const verifyConfig = join(dir, 'verify.config.yaml');
    const sli = (bad: string, total: string) =>
      `{ type: availability, prometheus: { bad: '${bad}', total: '${total}' } }`;
    writeFileSync(
      verifyConfig,
      `slos:
  - { name: fine, service: model-router, slo: { target: 99, operator: ">=" },
      sli: ${sli('sum(rate(model_router_requests_total{status=~"5.."}[{{window}}]))', 'sum(rate(model_router_requests_total[{{window}}]))')} }
  - { name: metric_typo, service: model-router, slo: { target: 99, operator: ">=" },
      sli: ${sli('sum(rate(model_router_requests_totl{status=~"5.."}[{{window}}]))', 'sum(rate(model_router_requests_total[{{window}}]))')} }
  - { name: label_typo, service: model-router, slo: { target: 99, operator: ">=" },
      sli: ${sli('sum(rate(model_router_requests_total{status=~"5.."}[{{window}}]))', 'sum(rate(model_router_requests_total{rout="/api/models"}[{{window}}]))')} }
`,
    );
    const verify = (...extra: string[]) =>
      runInProcess(
        [
          '--config',
          verifyConfig,
          '--no-color',
          'slo',
          'verify',
          '--prometheus',
          prometheusUrl,
          '--window',
          '1m',
          ...extra,
        ],
        {
          cwd: dir,
        },
      );
    // Wait for Prometheus to have scraped enough traffic for a 1m rate.
    let run = await verify('--slo', 'fine');
    for (let i = 0; i < 60 && run.code !== 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      run = await verify('--slo', 'fine');
    }
    expect(run.stdout).toContain('✓ model-router-fine');
    expect(run.code).toBe(0);
    run = await verify();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ model-router-metric_typo');
    expect(run.stdout).toContain('NO DATA: metric model_router_requests_totl has no series in the last 1h');
    expect(run.stdout).toMatch(
      /✗ model-router-label_typo\n\s+bad .*\n\s+total +NO DATA: model_router_requests_total exists, but no series match model_router_requests_total\{rout="\/api\/models"\}/,
    );
    expect(run.stderr).toContain(
      'SLI queries without data: model-router-metric_typo, model-router-label_typo',
    );
    const down = await runInProcess(
      ['--config', verifyConfig, 'slo', 'verify', '--prometheus', 'http://127.0.0.1:9'],
      { cwd: dir },
    );
    expect(down.code).toBe(3);
  });

  it('fires on a fault, resolves when it is off, reports no data when Prometheus stops, never crashes', async () => {
    const events: SloAlertEvent[] = [];
    const recorder: SloNotifier = { name: 'recorder', notify: async (event) => void events.push(event) };
    const rounds: LiveStatus[][] = [];
    const metrics = createMonitorMetrics();
    const controller = new AbortController();
    const monitor = runMonitor({
      slos,
      querier: createPrometheusClient({
        baseUrl: prometheusUrl,
        clock: systemClock,
        attempts: 2,
        timeoutMs: 2_000,
      }),
      clock: systemClock,
      intervalMs: 1_000,
      once: false,
      notifiers: [recorder],
      metrics,
      onRound: (statuses) => rounds.push([...statuses]),
      signal: controller.signal,
    });
    const latest = () => rounds[rounds.length - 1]?.[0];
    const faults = (method: string, body?: unknown) =>
      fetch(`http://127.0.0.1:${servicePort}/admin/faults`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    const show = () => JSON.stringify({ ...latest(), slo: undefined });
    await until(
      () => `clean traffic to be measured (last: ${show()})`,
      30_000,
      () => (latest()?.alert === 'ok' ? true : undefined),
    );
    await faults('PUT', { errorRate: 0.6 });
    const fired = await until('the alert to fire', 30_000, () =>
      events.find((event) => event.kind === 'firing'),
    );
    expect(fired).toMatchObject({ slo: 'router_availability_fast', severity: 'critical', tier: 'fast' });
    expect(fired.burnRate).toBeGreaterThan(2);
    expect(await metrics.registry.getSingleMetricAsString('perfgate_slo_alert_level')).toContain(
      'slo="router_availability_fast",service="model-router"} 2',
    );
    const once = await runInProcess(
      [
        '--config',
        join(dir, 'perfgate.config.yaml'),
        '--no-color',
        'monitor',
        '--prometheus',
        prometheusUrl,
        '--once',
      ],
      { cwd: dir },
    );
    expect(once.stdout).toContain('CRITICAL (fast)');
    expect(once.code).toBe(1);

    await faults('DELETE');
    const resolved = await until('the alert to resolve', 40_000, () =>
      events.find((event) => event.kind === 'resolved'),
    );
    expect(resolved).toMatchObject({ slo: 'router_availability_fast', severity: 'critical' });
    expect(events.filter((event) => event.kind === 'firing')).toHaveLength(1);

    const before = events.length;
    prometheus?.kill('SIGTERM');
    const noData = await until('no data', 30_000, () =>
      events.slice(before).find((event) => event.kind === 'no-data'),
    );
    expect(noData.summary).toContain('no data');
    expect(latest()).toMatchObject({ alert: 'no-data', level: 'no-data' });
    expect(await metrics.registry.getSingleMetricAsString('perfgate_monitor_prometheus_up')).toContain(
      'perfgate_monitor_prometheus_up 0',
    );
    controller.abort();
    await expect(monitor).resolves.toBeInstanceOf(Array);
    // Before Prometheus' first scrape the state is unknown: that round says no-data too.
    expect(events.map((event) => event.kind).filter((kind, i) => i > 0 || kind !== 'no-data')).toEqual([
      'firing',
      'resolved',
      'no-data',
    ]);
  });
});
