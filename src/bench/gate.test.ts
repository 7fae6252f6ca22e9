import { describe, expect, it } from 'vitest';
import { fakeMeasurement } from '../../test/helpers/bench-measurements.js';
import { evaluateGate } from './gate.js';
import { buildSuiteReports } from './report.js';
import type { SampledBenchmark, SuiteSamples } from './samples.js';
import type { VerdictPolicy } from './verdict.js';

const policy: VerdictPolicy = { minor: 10, major: 20, critical: 50, falseDiscovery: 'holm' };

/** Five base and five candidate processes, the candidate `scale` times slower, 0.5 % apart. */
function sampled(name: string, scale: number): SampledBenchmark {
  const spread = [0.99, 0.995, 1, 1.005, 1.01];
  return {
    name,
    baseValues: spread.map((s) => 1000 * s),
    candidate: spread.map((s) => fakeMeasurement(name, 1000 * scale * s, 10)),
    sessionSpread: 0.01,
  };
}

const samplesOf = (benchmarks: SampledBenchmark[]): SuiteSamples => ({
  benchmarks,
  rounds: 5,
  calibration: { candidate: [], base: [] },
});

function suites(...benchmarks: SampledBenchmark[]) {
  return buildSuiteReports(
    [
      {
        name: 's',
        file: 's.bench.ts',
        samples: samplesOf(benchmarks),
        baseSource: 'baseline',
        baselineFile: null,
        warnings: [],
      },
    ],
    policy,
  );
}

describe('evaluateGate', () => {
  it('fails on a critical regression and only warns on a major one', () => {
    const gate = evaluateGate(
      suites(sampled('fast', 1), sampled('major', 1.3), sampled('critical', 1.8)),
      undefined,
    );
    expect(gate.passed).toBe(false);
    expect(gate.anyRegression).toBe(true);
    expect(gate.failures).toEqual([
      expect.stringMatching(/^s › critical: critical regression \+80\.0 % \[\+7\d\.\d %, \+8\d\.\d %\]$/),
    ]);
    expect(gate.warnings).toEqual([
      expect.stringMatching(/^s › major: major regression \+30\.0 % \[\+2\d\.\d %, \+3\d\.\d %\]$/),
    ]);
  });

  it('fails on any regression above the threshold', () => {
    const gate = evaluateGate(suites(sampled('minor', 1.15)), 12);
    expect(gate.failures).toEqual([
      expect.stringMatching(/^s › minor: minor regression \+15\.0 % \[.*\] > threshold 12 %$/),
    ]);
    expect(evaluateGate(suites(sampled('minor', 1.15)), 20).passed).toBe(true);
  });

  it('passes unchanged and improved benchmarks, and reports a new one without a verdict', () => {
    const reports = suites(sampled('same', 1), sampled('better', 0.7));
    expect(reports[0]?.benchmarks.map((b) => b.verdict.kind)).toEqual(['unchanged', 'improved']);
    expect(evaluateGate(reports, 5)).toMatchObject({ passed: true, anyRegression: false, warnings: [] });
    const fresh = buildSuiteReports(
      [
        {
          name: 'n',
          file: 'n.bench.ts',
          samples: samplesOf([sampled('x', 1)]),
          baseSource: null,
          baselineFile: null,
          warnings: [],
        },
      ],
      policy,
    );
    expect(fresh[0]?.benchmarks[0]).toMatchObject({
      verdict: { kind: 'new' },
      base: null,
      comparison: null,
      heapDeltaBytes: 10,
    });
  });
});
