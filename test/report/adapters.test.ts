import { describe, expect, it } from 'vitest';
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

  it('says untrusted, not failed, when only the load generator was saturated', () => {
    const report = buildRunReport(
      [
        {
          source: 'l.json',
          json: {
            aggregate: { counters: {} },
            perfgate: { health: { verdict: 'untrusted', reasons: ['event loop blocked'] } },
          },
        },
      ],
      { generatedAt: 0 },
    );
    expect(report.verdict.status).toBe('untrusted');
    expect(report.verdict.gates[0]).toMatchObject({
      kind: 'health',
      status: 'failed',
      message: 'event loop blocked',
    });
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
