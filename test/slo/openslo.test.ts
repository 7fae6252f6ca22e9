import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfigText } from '../../src/config/index.js';
import { slosFromSpecs } from '../../src/slo/spec.js';
import { REPO_ROOT, runInProcess } from '../helpers/cli.js';

const FIXTURES = join(REPO_ROOT, 'test', 'slo', 'openslo');
const importFile = (file: string, ...args: string[]) =>
  runInProcess(['--no-color', 'slo', 'import', join(FIXTURES, file), ...args], { cwd: REPO_ROOT });

describe('perfgate slo import (OpenSLO)', () => {
  it('converts ratio and threshold SLOs, indicatorRef, rolling and calendar windows', async () => {
    const run = await importFile('valid.yaml');
    expect(run.code).toBe(0);
    expect(parse(run.stdout)).toEqual({
      slos: [
        {
          name: 'router-availability',
          service: 'model-router',
          description: 'Routing requests succeed',
          sli: {
            type: 'availability',
            prometheus: {
              bad: 'sum(rate(model_router_requests_total{status=~"5.."}[{{window}}]))',
              total: 'sum(rate(model_router_requests_total[{{window}}]))',
            },
          },
          slo: { target: 99.5, operator: '>=', unit: '%' },
          errorBudget: { period: '28d' },
        },
        {
          name: 'search-latency',
          service: 'toolhub',
          sli: {
            type: 'latency',
            percentile: 95,
            prometheus: { histogram: 'toolhub_vector_search_duration_seconds', unit: 's' },
          },
          // The value is in the histogram's unit (seconds, as its name says): le="0.3".
          slo: { target: 0.3, operator: '<=', unit: 's' },
          errorBudget: { period: 'month', timezone: 'Europe/Berlin' },
        },
      ],
    });
  });

  it('writes a slos: section the config accepts', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'perfgate-openslo-')), 'slos.yaml');
    expect((await importFile('valid.yaml', '-o', out)).code).toBe(0);
    const services =
      'services:\n  model-router: { url: "http://127.0.0.1:1" }\n  toolhub: { url: "http://127.0.0.1:2" }\n';
    const file = join(out, '..', 'perfgate.config.yaml');
    writeFileSync(file, services + readFileSync(out, 'utf8'));
    const result = loadConfigText(readFileSync(file, 'utf8'), file, { env: {}, dir: join(out, '..') });
    expect(result.state).toBe('ok');
    if (result.state !== 'ok') return;
    const [availability, latency] = slosFromSpecs(result.config.slos);
    expect(availability).toMatchObject({
      objective: 0.995,
      budget: 0.005,
      period: { kind: 'rolling', nominalMs: 28 * 86_400_000 },
    });
    expect(latency).toMatchObject({
      objective: 0.95,
      period: { kind: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' },
    });
  });

  it('lists every problem of invalid documents, naming document, field and why, and exits 2', async () => {
    const run = await importFile('invalid.yaml');
    expect(run.code).toBe(2);
    const file = join(FIXTURES, 'invalid.yaml');
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('error'));
    expect(lines).toEqual([
      `error ${file}: document 1: apiVersion: "openslo/v9" is not supported: expected one of openslo/v1, openslo/v1alpha, openslo.com/v2alpha, openslo/v2alpha`,
      `error ${file}: SLO slices (document 2): spec.timeWindow[0].duration: a calendar window of 2M is not supported: perfgate's calendar periods are 1w, 1M and 1Q`,
      `error ${file}: SLO slices (document 2): spec.indicatorRef: no SLI named "missing" in the file`,
      `error ${file}: SLO strict-latency (document 3, item 1): spec.objectives[0].op: lt on a histogram cannot be counted exactly: a bucket counts requests ≤ its bound (le); write lte, or a bound just below`,
    ]);
    expect((await importFile('missing.yaml')).code).toBe(2);
  });

  it('keeps a histogram’s unit (a millisecond histogram gets le="300", not "0.3") and a gauge’s lt', async () => {
    const run = await importFile('units.yaml');
    expect(run.code).toBe(0);
    const [latency, lag] = (parse(run.stdout) as { slos: unknown[] }).slos;
    expect(latency).toMatchObject({
      sli: {
        type: 'latency',
        percentile: 99,
        prometheus: {
          histogram: 'http_request_duration_milliseconds',
          unit: 'ms',
          selector: 'job="checkout"',
        },
      },
      slo: { target: 300, operator: '<=', unit: 'ms' },
    });
    expect(lag).toMatchObject({
      sli: { type: 'gauge', prometheus: { query: 'max(kafka_lag{topic="orders"})' } },
      slo: { target: 1000, operator: '<' },
    });
    const out = join(mkdtempSync(join(tmpdir(), 'perfgate-openslo-')), 'perfgate.config.yaml');
    writeFileSync(out, run.stdout.replace(/^#.*\n/, ''));
    const rules = await runInProcess(['--config', out, 'slo', 'rules'], { cwd: REPO_ROOT });
    expect(rules.code, rules.stderr).toBe(0);
    expect(rules.stdout).toContain(
      'http_request_duration_milliseconds_bucket{job="checkout",le=~"300|300\\\\.0"}',
    );
    // lt is respected: a sample of exactly 1000 is bad.
    expect(rules.stdout).toContain('max((max(kafka_lag{topic="orders"})) >= bool 1000)');
  });
});
