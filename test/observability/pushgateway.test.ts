// Real processes (~8 s): the built CLI pushes a finished run's results to a real Pushgateway
// (Debian `prometheus-pushgateway`), read back from its /metrics; a dead gateway is only reported.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../fixtures/services/helpers.js';
import { CLI_BIN, runBinary } from '../helpers/cli.js';
import { writeTestConfig } from '../pipeline/run-harness.js';
import { toolPath } from '../setup/system-tools.js';
import { type Started, startProcess, startTarget } from './processes.js';

const dir = mkdtempSync(join(tmpdir(), 'perfgate-push-'));
const stops: (() => Promise<void>)[] = [];

/** `name{labels} value` lines of the exposition text whose name is `name`, labels parsed. */
function series(text: string, name: string): { labels: Record<string, string>; value: number }[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`))
    .map((line) => {
      const match = /^[^{]+\{(.*)\} (\S+)$/.exec(line);
      const labels = Object.fromEntries(
        [...(match?.[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
      );
      return { labels, value: Number(match?.[2]) };
    });
}

describe('perfgate load --pushgateway against a real Pushgateway', { timeout: 60_000 }, () => {
  let gateway = '';
  let pushgateway: Started;

  beforeAll(async () => {
    expect(existsSync(CLI_BIN), 'run `npm run build` first: this test runs the built CLI').toBe(true);
    const target = await startTarget();
    stops.push(target.close);
    const port = await freePort();
    gateway = `http://127.0.0.1:${port}`;
    pushgateway = await startProcess(
      toolPath('prometheus-pushgateway'),
      // Its own persistence file: the Debian build defaults to /var/lib/prometheus/pushgateway.data.
      [`--web.listen-address=127.0.0.1:${port}`, `--persistence.file=${join(dir, 'pushgateway.data')}`],
      /msg="Listening on"/,
    );
    stops.push(pushgateway.stop);
    writeFileSync(
      join(dir, 'checkout.yml'),
      `config:
  target: ${target.url}
  phases: [{ duration: 2, arrivalRate: 10 }]
  plugins: { ensure: {} }
  ensure: { thresholds: [{ "perfgate.http.duration.p95": 5000 }] }
scenarios:
  - flow:
      - get: { url: /api/items }
      - get: { url: /api/fail, name: failing }
`,
    );
  });

  afterAll(async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('pushes the final results under job/instance, same counts as the results file', async () => {
    const startedAt = Date.now() / 1000;
    const run = await runBinary(
      [
        'load',
        'checkout.yml',
        '--workers',
        '1',
        '--allow-saturated',
        '-o',
        'out.json',
        '--pushgateway',
        gateway,
        '--push-job',
        'ci',
        '--push-instance',
        'build-42',
      ],
      { cwd: dir },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      `pushgateway: pushed the results of checkout to ${gateway}/metrics/job/ci/instance/build-42`,
    );
    const text = await (await fetch(`${gateway}/metrics`)).text();
    const group = { job: 'ci', instance: 'build-42', test: 'checkout' };

    const passed = series(text, 'perfgate_run_passed');
    expect(passed).toEqual([{ labels: group, value: 1 }]);
    const [stamp] = series(text, 'perfgate_run_timestamp_seconds');
    expect(stamp?.value).toBeGreaterThanOrEqual(Math.floor(startedAt));
    expect(stamp?.value).toBeLessThanOrEqual(Date.now() / 1000 + 1);

    const counters = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).aggregate.counters;
    const items = counters['plugins.metrics-by-endpoint./api/items.codes.200'];
    expect(items).toBeGreaterThan(0);
    // The unnamed scenario is "0"; a named request's endpoint label is its name.
    const request = { scenario: '0', method: 'GET' };
    expect(series(text, 'perfgate_http_requests_total')).toEqual(
      expect.arrayContaining([
        { labels: { ...group, ...request, endpoint: '/api/items', status: '200' }, value: items },
        {
          labels: { ...group, ...request, endpoint: 'failing', status: '503' },
          value: counters['plugins.metrics-by-endpoint./api/fail (failing).codes.503'],
        },
      ]),
    );
    const [count] = series(text, 'perfgate_http_request_duration_seconds_count').filter(
      (s) => s.labels.endpoint === '/api/items',
    );
    expect(count?.value).toBe(items);
    expect(series(text, 'perfgate_vusers_created_total')).toEqual([
      { labels: { ...group, scenario: '0' }, value: counters['vusers.created'] },
    ]);
    expect(series(text, 'perfgate_vusers_active')).toEqual([{ labels: group, value: 0 }]);
  });

  it('reports a failed push and keeps the run verdict', async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    const run = await runBinary(
      ['load', 'checkout.yml', '--workers', '1', '--allow-saturated', '--pushgateway', dead],
      { cwd: dir },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /pushgateway: push to http:\/\/127\.0\.0\.1:\d+\/metrics\/job\/perfgate\/instance\/\S+ failed \(.+\); the run's verdict stands/,
    );
  });

  it('perfgate run --pushgateway pushes each load test of the pipeline', async () => {
    const cwd = mkdtempSync(join(dir, 'run-'));
    writeTestConfig(cwd, { ports: { toolhub: await freePort() }, duration: '2s' });
    const run = await runBinary(
      ['run', '--only', 'load', '--pushgateway', gateway, '--push-instance', 'pipeline'],
      { cwd },
    );
    expect([0, 1], run.stderr).toContain(run.code);
    const test = /pushgateway: pushed the results of (\S+) to /.exec(run.stderr)?.[1];
    expect(test, run.stderr).toBeDefined();
    const text = await (await fetch(`${gateway}/metrics`)).text();
    const pushed = series(text, 'perfgate_run_passed').filter((s) => s.labels.instance === 'pipeline');
    expect(pushed).toEqual([
      { labels: { job: 'perfgate', instance: 'pipeline', test }, value: expect.any(Number) },
    ]);
    expect(
      series(text, 'perfgate_http_requests_total').some((s) => s.labels.test === test && s.value > 0),
    ).toBe(true);
  });
});
