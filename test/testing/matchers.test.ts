import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/cli/clock.js';
import type { LoadResults } from '../../src/load/index.js';
import { runLoadTest } from '../../src/load/index.js';
import type { SloSpec } from '../../src/slo/index.js';
import { toHaveNoRegression, toMeetSLO, useSlos } from '../../src/testing/matchers.js';
import '../../src/testing/vitest.js';

/** The SLOs as a config's `slos:` entries. */
const SLOS = [
  {
    name: 'search_p95',
    service: 'search',
    sli: { type: 'latency', percentile: 95, endpoint: 'POST /search' },
    slo: { target: 3000, operator: '<=', unit: 'ms' },
  },
  {
    name: 'search_p95_tight',
    service: 'search',
    sli: { type: 'latency', percentile: 95, endpoint: 'POST /search' },
    slo: { target: 5, operator: '<=', unit: 'ms' },
  },
  {
    name: 'checkout_p95',
    service: 'shop',
    sli: { type: 'latency', percentile: 95, endpoint: 'POST /checkout' },
    slo: { target: 300, operator: '<=', unit: 'ms' },
  },
] as unknown as SloSpec[];

let server: Server;
let results: LoadResults;

beforeAll(async () => {
  // Every answer takes 40 ms: p95 ≈ 40 ms, inside 3 s even on a busy CI machine and never within 5 ms.
  server = createServer((_req, res) => setTimeout(() => res.end('{"ok":true}'), 40));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  results = await runLoadTest(
    {
      config: { target: `http://127.0.0.1:${port}`, phases: [{ duration: 1, arrivalCount: 20 }] },
      scenarios: [{ flow: [{ post: { url: '/search', json: { q: 'x' } } }] }],
    },
    { clock: systemClock },
  );
  useSlos(SLOS);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('toMeetSLO', () => {
  it('passes when the SLO holds on load results, and reads as an expect matcher', () => {
    expect(results).toMeetSLO('search_p95');
    expect(results).not.toMeetSLO('search_p95_tight');
  });

  it('fails with measured vs target and where it was measured', () => {
    const outcome = toMeetSLO(results, 'search_p95_tight');
    expect(outcome.pass).toBe(false);
    const message = outcome.message();
    expect(message).toContain('expected results to meet SLO search_p95_tight, but it is violated');
    // At least the server's 40 ms (less 10 ms of slack); a busy machine only adds to it.
    expect(message).toMatch(/measured: p95 ([3-9]\d|\d{3,})(\.\d+)? ms/);
    expect(message).toContain('target:   <= 5 ms');
    expect(message).toContain('where:    endpoint /search');
  });

  it('fails, saying so, when the results do not cover the SLO or it is unknown', () => {
    expect(toMeetSLO(results, 'checkout_p95').message()).toMatch(
      /do not cover it[\s\S]*not covered: no endpoint "POST \/checkout"/,
    );
    expect(toMeetSLO(results, 'nope').message()).toContain(
      'unknown SLO "nope" (known: search_p95, search_p95_tight, checkout_p95)',
    );
  });

  it('judges the SLO rows of a run (slo.json) and a run report', () => {
    const rows = [
      {
        slo: 'search_p95',
        verdict: 'fail',
        source: 'load-search.json',
        measured: { label: 'p95', value: 421.3, unit: 'ms' },
        target: { value: 300, operator: '<=', unit: 'ms' },
      },
    ];
    expect(toMeetSLO(rows, 'search_p95').message()).toMatch(/measured: p95 421 ms\n {4}target: {3}<= 300 ms/);
    const report = {
      verdict: { status: 'passed' },
      slos: [{ name: 'search_p95', verdict: 'met', measured: 40 }],
    };
    expect(report).toMeetSLO('search_p95');
  });
});

/** One benchmark of `perfgate bench -o` results, as its verdicts come out. */
const judgedBench = (verdict: object, changePct: number) => ({
  name: 'ToolHub Vector Search',
  median: 1_740_000,
  base: { source: 'baseline', median: 1_320_000, processMedians: [] },
  comparison: {
    changePct,
    pValue: 0.002,
    adjustedPValue: 0.004,
    ratio: { estimate: 1.32, lower: 1.28, upper: 1.36 },
  },
  verdict,
});
const benchResults = (verdict: object, changePct: number) => ({
  kind: 'perfgate-bench',
  suites: [{ name: 'toolhub', benchmarks: [judgedBench(verdict, changePct)] }],
});

describe('toHaveNoRegression', () => {
  it('passes on unchanged or improved benchmarks', () => {
    expect(benchResults({ kind: 'unchanged' }, 1.2)).toHaveNoRegression();
  });

  it('fails on a regression, showing the change, its CI and both medians', () => {
    const outcome = toHaveNoRegression(benchResults({ kind: 'regression', severity: 'critical' }, 31.8));
    expect(outcome.pass).toBe(false);
    expect(outcome.message()).toBe(
      [
        'expected no regression, but 1 of 1 benchmarks regressed:',
        '  toolhub › ToolHub Vector Search',
        '    measured: +31.8 % (regression, critical, 95 % CI [+28.0 %, +36.0 %])',
        '    where:    median 1.74 ms vs baseline 1.32 ms',
      ].join('\n'),
    );
  });

  it('lets a minor regression pass when only major or worse counts', () => {
    expect(benchResults({ kind: 'regression', severity: 'minor' }, 11)).toHaveNoRegression({
      severity: 'major',
    });
    expect(benchResults({ kind: 'regression', severity: 'minor' }, 11)).not.toHaveNoRegression();
  });

  it('compares a single benchmark result with a given baseline by median', () => {
    const result = { name: 'search', unit: 'ns', median: 1_300 };
    expect(result).toHaveNoRegression({ baseline: 1_250 });
    const outcome = toHaveNoRegression(result, { baseline: 1_000, threshold: 10 });
    expect(outcome.message()).toContain('measured: +30.0 % (median 1.30 µs vs baseline 1 µs)');
    expect(toHaveNoRegression(result).message()).toContain('has no baseline');
  });
});
