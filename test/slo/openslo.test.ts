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

describe('perfgate slo import (OpenSLO v1)', () => {
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
            prometheus: { histogram: 'toolhub_vector_search_duration_seconds' },
          },
          slo: { target: 300, operator: '<=', unit: 'ms' },
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

  it('lists every problem of invalid documents and exits 2', async () => {
    const run = await importFile('invalid.yaml');
    expect(run.code).toBe(2);
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('error'));
    expect(lines).toEqual([
      'error document 1: apiVersion must be openslo/v1',
      'error SLO slices: budgetingMethod Timeslices is not supported (only Occurrences)',
      'error SLO slices: needs spec.indicator or an indicatorRef to an SLI document (no SLI "missing")',
    ]);
    expect((await importFile('missing.yaml')).code).toBe(2);
  });
});
