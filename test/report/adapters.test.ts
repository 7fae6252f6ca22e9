import { describe, expect, it } from 'vitest';
import { benchmarkVerdictLabel } from '../../src/report/format.js';
import { adaptResults, buildRunReport } from '../../src/report/index.js';

describe('adapters are tolerant of what they do not know', () => {
  it('reads a plain Artillery report (no perfgate section): TTFB latency, summary percentiles', () => {
    const summary = {
      min: 2,
      max: 90,
      count: 100,
      mean: 12,
      p50: 10,
      median: 10,
      p75: 14,
      p90: 20,
      p95: 30,
      p99: 60,
      p999: 85,
    };
    const { kind, part } = adaptResults(
      {
        aggregate: {
          counters: { 'http.requests': 100, 'http.codes.200': 100 },
          summaries: { 'http.response_time': summary },
        },
        intermediate: [{ counters: { 'http.requests': 100 }, summaries: {}, period: '1764200000000' }],
      },
      'results/artillery-report.json',
    );
    expect(kind).toBe('load');
    const [test] = part.loadTests;
    expect(test?.name).toBe('artillery-report');
    expect(test?.latency).toMatchObject({ metric: 'http.response_time', p95: 30 });
    expect(test?.percentileCurve.map((p) => p.percentile)).toEqual([0, 50, 75, 90, 95, 99, 99.9, 100]);
    expect(test?.series).toMatchObject([{ at: 1764200000000, requests: 100, rps: 10, errors: 0 }]);
    expect(part.gates).toEqual([]);
  });

  it('reads SLO rows in the config’s shape and bench entries in a flat list', () => {
    const slo = adaptResults(
      {
        slos: [
          { name: 'p95', slo: { target: 300, operator: '<=', unit: 'ms' }, value: 340, status: 'breached' },
        ],
      },
      's.json',
    );
    expect(slo.kind).toBe('slo');
    expect(slo.part.slos[0]).toMatchObject({
      target: 300,
      operator: '<=',
      measured: 340,
      verdict: 'violated',
    });
    expect(slo.part.gates[0]).toMatchObject({ status: 'failed', target: '<= 300 ms' });

    const bench = adaptResults(
      {
        benchmarks: [
          { name: 'x', median: 10, ci: [9, 11], baseline: { median: 8 }, verdict: 'regression:major' },
        ],
      },
      'b.json',
    );
    expect(bench.part.benchmarks[0]).toMatchObject({ ciLow: 9, ciHigh: 11, change: 0.25, severity: 'major' });
    // Only a critical regression fails the gate when the results carry no gate of their own.
    expect(bench.part.gates[0]?.status).toBe('passed');
  });

  it('says what perfgate bench said: an unclear verdict against a base is not "new", unstable stays unstable', () => {
    const entry = (name: string, verdict: object) => ({
      name,
      unit: 'ns',
      time: 1100,
      median: 1150,
      ci: { lower: 1100, upper: 1200, confidence: 0.95 },
      stats: { median: 1150 },
      base: { source: 'baseline', time: 1000, processP10: [1000, 1010] },
      comparison: { changePct: 10, ratio: { lower: 0.97, estimate: 1.1, upper: 1.25 } },
      verdict,
    });
    const bench = adaptResults(
      {
        kind: 'perfgate-bench',
        suites: [
          {
            name: 's',
            benchmarks: [
              entry('unclear', { kind: 'inconclusive', reason: 'disturbed' }),
              entry('two speeds', { kind: 'unstable' }),
              entry('small', { kind: 'unchanged', belowThreshold: true }),
              {
                ...entry('counted', { kind: 'regression', severity: 'major' }),
                settledBy: 'instructions',
              },
            ],
          },
        ],
        gate: { passed: true, failures: [] },
      },
      'bench.json',
    );
    const benchmarks = bench.part.benchmarks;
    expect(benchmarks.map((b) => b.verdict)).toEqual(['inconclusive', 'unstable', 'unchanged', 'regression']);
    expect(bench.part.gates.map((g) => g.status)).toEqual([
      'inconclusive',
      'inconclusive',
      'passed',
      'passed',
    ]);
    expect(bench.part.gates[0]?.message).toMatch(
      /^inconclusive: the machine was busier than in the baseline/,
    );
    expect(bench.part.gates[1]?.message).toMatch(/^unstable: .*time 1\.1.*vs baseline 1(\.0+)? ?µs/);
    expect(bench.part.gates[2]?.message).toMatch(/^unchanged \(below threshold\)/);
    expect(bench.part.gates[3]?.message).toMatch(
      /^major regression by instruction counts \(the machine was disturbed\)/,
    );
    // The labels the HTML and Markdown reports print.
    expect(benchmarks.map(benchmarkVerdictLabel)).toEqual([
      '? inconclusive (machine disturbed)',
      '≈ unstable',
      '= unchanged',
      '▲ MAJOR REGRESSION (by instructions)',
    ]);
  });

  it('says untrusted when the generator was late and a latency gate failed, passed with the delay when none did', () => {
    const result = (ensure: unknown[]) => [
      {
        source: 'l.json',
        json: {
          aggregate: { counters: {} },
          perfgate: {
            health: { verdict: 'untrusted', reasons: ['event loop blocked'] },
            ensure: { verdicts: ensure },
          },
        },
      },
    ];
    const slow = { expression: 'http.response_time.p99 < 200', strict: true, passed: false, measured: 340 };
    const untrusted = buildRunReport(result([slow]), { generatedAt: 0 });
    expect(untrusted.verdict.status).toBe('untrusted');
    expect(untrusted.verdict.gates.find((gate) => gate.kind === 'health')).toMatchObject({
      status: 'failed',
      message: 'event loop blocked; the delay may have failed l: http.response_time.p99 < 200',
    });
    const passed = buildRunReport(result([{ ...slow, passed: true }]), { generatedAt: 0 });
    expect(passed.verdict.status).toBe('passed');
    expect(passed.verdict.gates.find((gate) => gate.kind === 'health')).toMatchObject({
      status: 'passed',
      message: 'event loop blocked; no verdict depends on it (every latency gate passed)',
    });
    const errorsOnly = { expression: 'maxErrorRate < 1', strict: true, passed: false, measured: 3 };
    expect(buildRunReport(result([errorsOnly]), { generatedAt: 0 }).verdict.status).toBe('failed');
  });

  it('rejects a run report that breaks its schema, naming the field', () => {
    expect(() =>
      adaptResults(
        { ...buildRunReport([], { generatedAt: 0 }), verdict: { status: 'maybe', gates: [] } },
        'r.json',
      ),
    ).toThrow(/^r\.json: not a valid perfgate run report: verdict\.status /);
  });
});
