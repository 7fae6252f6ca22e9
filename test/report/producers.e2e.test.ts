/**
 * The report from what the producers really write: a load test run by `perfgate load` against a
 * local server, and bench / SLO documents typed by the producers' own TypeScript types (so a
 * change in their shape breaks this file at compile time and the adapters get fixed with it).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkReport } from '../../src/bench/report.js';
import type { BenchResults } from '../../src/bench/results-document.js';
import type { RunReport } from '../../src/report/index.js';
import type { SloCheck } from '../../src/slo/compliance/check.js';
import { runInProcess } from '../helpers/cli.js';

let server: Server;
let port = 0;
const dir = mkdtempSync(join(tmpdir(), 'perfgate-producers-'));

beforeAll(async () => {
  let count = 0;
  server = createServer((req, res) => {
    count++;
    if (req.url === '/flaky' && count % 4 === 0) res.statusCode = 503;
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const outliers = { lowerFence: 0, upperFence: 0, low: 0, high: 0, severe: 0 };

function benchmarkReport(
  name: string,
  median: number,
  base: number,
  verdict: BenchmarkReport['verdict'],
): BenchmarkReport {
  const changePct = (median / base - 1) * 100;
  return {
    name,
    metadata: {},
    unit: 'ns',
    time: median * 0.97,
    processP10: [median * 0.97, median * 0.98],
    median,
    ci: { lower: median * 0.98, upper: median * 1.02, confidence: 0.95 },
    processMedians: [median, median],
    stats: {
      n: 100,
      min: median * 0.9,
      max: median * 1.5,
      mean: median,
      p10: median * 0.97,
      median,
      p75: median * 1.05,
      p95: median * 1.2,
      p99: median * 1.4,
      stddev: 1,
      mad: 1,
      outliers,
    },
    iterations: 50,
    batchSize: 1,
    async: false,
    heapDeltaBytes: null,
    warnings: [],
    base: { source: 'baseline', time: base, processP10: [base] },
    comparison: {
      ratio: {
        estimate: median / base,
        lower: median / base,
        upper: median / base,
        confidence: 0.95,
        resamples: 1000,
      },
      changePct,
      pValue: 0.01,
      adjustedPValue: 0.02,
      match: 'unimodal',
      processes: { base: 1, candidate: 2, baseMeasured: 1, candidateMeasured: 2 },
      machineCorrection: 1,
      extraLogSd: 0.02,
    },
    verdict,
  };
}

const bench: Pick<BenchResults, 'schemaVersion' | 'kind' | 'suites' | 'gate'> = {
  schemaVersion: 2,
  kind: 'perfgate-bench',
  suites: [
    {
      name: 'router',
      file: 'router.bench.mjs',
      rounds: 5,
      baselineFile: null,
      warnings: [],
      calibration: [],
      benchmarks: [
        benchmarkReport('route', 20_000, 10_000, { kind: 'regression', severity: 'critical' }),
        benchmarkReport('parse', 5_000, 5_500, { kind: 'improved' }),
      ],
    },
  ],
  gate: {
    passed: false,
    failures: ['router › route: critical regression +100.0 %'],
    warnings: [],
    anyRegression: true,
  },
};

type SloRowJson = Omit<SloCheck, 'slo'> & { slo: string; service: string };
const sloRows: SloRowJson[] = [
  {
    slo: 'api_availability',
    service: 'api',
    source: 'load.json',
    scope: 'whole run',
    verdict: 'fail',
    measured: { label: 'availability', value: 97.5, unit: '%' },
    budget: {
      total: 40,
      bad: 1,
      errorRatio: 0.025,
      budget: 0.001,
      burnRate: 25,
      periodShare: 0.002,
      firingTiers: [],
      level: 'critical',
      approximate: false,
    },
    notes: [],
    explain: [],
  },
];

describe('reports from the producers’ real results', () => {
  it('renders a real `perfgate load` result with real bench and SLO documents', async () => {
    writeFileSync(
      join(dir, 'script.yml'),
      `config:
  target: http://127.0.0.1:${port}
  phases:
    - duration: 2
      arrivalRate: 20
  plugins: { ensure: {} }
  ensure:
    thresholds:
      - http.response_time.p95: 5000
    maxErrorRate: 1
scenarios:
  - name: checkout
    flow:
      - get: { url: /ok }
      - get: { url: /flaky }
`,
    );
    const load = await runInProcess(['load', 'script.yml', '-o', 'load.json', '--workers', '1', '--quiet'], {
      cwd: dir,
    });
    expect([0, 1]).toContain(load.code);
    writeFileSync(join(dir, 'bench.json'), JSON.stringify(bench));
    writeFileSync(join(dir, 'slo.json'), JSON.stringify(sloRows));

    const run = await runInProcess(
      [
        'report',
        'load.json',
        'bench.json',
        'slo.json',
        '--json',
        'report.json',
        '--html',
        'report.html',
        '--no-history',
      ],
      { cwd: dir },
    );
    expect(run.stderr).not.toContain('error');
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as RunReport;

    const [test] = report.loadTests;
    expect(test?.requests).toBe(80);
    expect(test?.latency?.metric).toBe('perfgate.http.duration');
    expect(test?.series.length).toBeGreaterThanOrEqual(1);
    expect(test?.series.reduce((sum, w) => sum + w.requests, 0)).toBe(80);
    expect(test?.statusCodes.map((s) => s.code)).toEqual(['200', '503']);
    expect(test?.errors).toBe(test?.statusCodes.find((s) => s.code === '503')?.count);
    expect(test?.endpoints.length).toBeGreaterThanOrEqual(1);
    // On a busy machine the generator may fall behind; with its latency gate passed, no verdict depends on it.
    expect(test?.health).toBeDefined();
    expect(report.verdict.gates.find((gate) => gate.kind === 'health')?.status).toBe('passed');
    // The percentile curve comes from the decoded HDR histogram, not the summary's 8 points.
    expect(test?.percentileCurve.map((p) => p.percentile)).toContain(99.99);

    const gates = report.verdict.gates.map((g) => `${g.kind}:${g.status}:${g.name}`);
    expect(gates).toContain('threshold:passed:script.yml: http.response_time.p95 < 5000');
    // One threshold gate per ensure verdict the load engine wrote, with the same outcome.
    const written = JSON.parse(readFileSync(join(dir, 'load.json'), 'utf8')).perfgate.ensure.verdicts as {
      expression: string;
      passed: boolean;
    }[];
    expect(written.map((v) => v.expression)).toContain('maxErrorRate < 1');
    expect(gates.filter((g) => g.startsWith('threshold:')).sort()).toEqual(
      written.map((v) => `threshold:${v.passed ? 'passed' : 'failed'}:script.yml: ${v.expression}`).sort(),
    );
    expect(gates).toContain('benchmark:failed:router › route');
    expect(gates).toContain('benchmark:passed:router › parse');
    expect(gates).toContain('slo:failed:api_availability');
    expect(report.benchmarks[0]).toMatchObject({
      median: 20_000,
      change: 1,
      verdict: 'regression',
      severity: 'critical',
    });
    expect(report.slos[0]).toMatchObject({
      measured: 97.5,
      unit: '%',
      burnRate: 25,
      budgetConsumed: 0.002,
      tier: 'critical',
    });
    expect(report.verdict.status).toBe('failed');
    expect(run.code).toBe(1);
  });
});
