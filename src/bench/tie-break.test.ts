import { describe, expect, it } from 'vitest';
import { fakeMeasurement } from '../../test/helpers/bench-measurements.js';
import { evaluateGate } from './gate.js';
import { buildSuiteReports } from './report.js';
import type { SampledBenchmark } from './samples.js';
import { applyTieBreaks } from './tie-break.js';
import type { VerdictPolicy } from './verdict.js';

const policy: VerdictPolicy = { minor: 10, major: 20, critical: 50, falseDiscovery: 'holm' };
const spread = [0.99, 0.995, 1, 1.005, 1.01, 1.0];

/**
 * Six processes a side; the candidate `scale` times slower. `disturbed` names the side whose
 * every process read the machine state 1.4× slower than the other side's (quiet: 100 ns).
 */
function sampled(scale: number, disturbed: 'base' | 'candidate'): SampledBenchmark {
  const state = (side: 'base' | 'candidate') => (side === disturbed ? 140 : 100);
  return {
    name: 'b',
    baseValues: spread.map((s) => 1000 * s),
    baseStates: spread.map(() => state('base')),
    candidate: spread.map((s) => ({
      ...fakeMeasurement('b', 1000 * scale * s),
      stateNs: state('candidate'),
    })),
    sessionSpread: 0.01,
  };
}

function reports(sample: SampledBenchmark) {
  return buildSuiteReports(
    [
      {
        name: 's',
        file: 's.bench.ts',
        samples: { benchmarks: [sample], rounds: 6, calibration: { candidate: [], base: [] } },
        baseSource: 'baseline',
        baselineFile: null,
        warnings: [],
      },
    ],
    policy,
  );
}

const counts = (base: number, candidate: number) => ({
  base: new Map([['b', [base]]]),
  candidate: new Map([['b', [candidate]]]),
});

describe('settling disturbed verdicts by instruction counts', () => {
  it('a 30 % slowdown on a disturbed machine stands when the counts show 30 % more work', () => {
    const wall = reports(sampled(1.3, 'candidate'));
    // Without counts: the disturbance (1.4× state, so up to 1.96× time) could explain it all.
    expect(wall[0]?.benchmarks[0]?.verdict).toEqual({ kind: 'inconclusive', reason: 'disturbed' });
    const [suite] = applyTieBreaks(wall, [counts(100_000, 130_000)], policy);
    const bench = suite?.benchmarks[0];
    expect(bench?.verdict).toEqual({ kind: 'regression', severity: 'major' });
    expect(bench?.settledBy).toBe('instructions');
    expect(bench?.comparison?.changePct).toBeCloseTo(30, 5);
    expect(bench?.comparison?.ratio.lower).toBeGreaterThan(1);
    expect(bench?.wall?.verdict).toEqual({ kind: 'inconclusive', reason: 'disturbed' });
    expect(bench?.wall?.comparison?.changePct).toBeCloseTo(30, 0);
    const gate = evaluateGate(suite ? [suite] : [], undefined);
    expect(gate.warnings[0]).toMatch(
      /^s › b: major regression \+30\.0 % \[.*\] in instructions per call \(wall time \+30\.\d % \[.*\] on a disturbed machine\)$/,
    );
  });

  it('stays inconclusive when the counts do not move (the time may be the machine, or memory)', () => {
    const wall = reports(sampled(1.3, 'candidate'));
    const [suite] = applyTieBreaks(wall, [counts(100_000, 100_100)], policy);
    const bench = suite?.benchmarks[0];
    expect(bench?.verdict).toEqual({ kind: 'inconclusive', reason: 'disturbed' });
    expect(bench?.settledBy).toBeUndefined();
    expect(bench?.warnings.at(-1)).toMatch(
      /^instruction counts \+0\.1 % .* do not settle what wall time left open: inconclusive$/,
    );
  });

  it('stays inconclusive when the counts point the other way', () => {
    const [suite] = applyTieBreaks(reports(sampled(1.3, 'candidate')), [counts(100_000, 70_000)], policy);
    expect(suite?.benchmarks[0]?.verdict).toEqual({ kind: 'inconclusive', reason: 'disturbed' });
  });

  it('settles an improvement a disturbed base hid, severity-free', () => {
    const wall = reports(sampled(0.7, 'base'));
    expect(wall[0]?.benchmarks[0]?.verdict).toEqual({ kind: 'inconclusive', reason: 'disturbed' });
    const [suite] = applyTieBreaks(wall, [counts(100_000, 70_000)], policy);
    expect(suite?.benchmarks[0]?.verdict).toEqual({ kind: 'improved' });
  });

  it('settles an unstable bimodal benchmark whose one candidate mode could be either base mode', () => {
    // Measured in the stability protocol under a CPU hog (bench/stability, "bimodal record scan"
    // 30 % slower): base modes 1.46 and 1.95 µs; the 3 quiet candidate processes all at 1.87 µs.
    const base = [1496, 1945, 1865, 1390, 1390, 2019, 1878, 1484, 2010, 1458];
    const p10 = [1873, 1870, 2466, 3008, 2939, 2957, 2685, 2518, 4414, 2372, 2523, 1878];
    const states = [9352, 9446, 9758, 14118, 13460, 13393, 13434, 12984, 13446, 13826, 13226, 13079];
    const wall = reports({
      name: 'b',
      baseValues: base,
      baseStates: base.map(() => 9400),
      candidate: p10.map((v, i) => ({ ...fakeMeasurement('b', v), stateNs: states[i] })),
      sessionSpread: 0.02,
    });
    expect(wall[0]?.benchmarks[0]?.verdict).toEqual({ kind: 'unstable' });
    const [settled] = applyTieBreaks(wall, [counts(60_000, 78_000)], policy);
    expect(settled?.benchmarks[0]?.verdict).toEqual({ kind: 'regression', severity: 'major' });
    const [unchanged] = applyTieBreaks(wall, [counts(60_000, 60_000)], policy);
    expect(unchanged?.benchmarks[0]?.verdict).toEqual({ kind: 'unstable' });
  });

  it('withdraws a change read while part of the processes ran disturbed, unless the counts show it', () => {
    // Two of six candidate processes disturbed; four quiet ones read an 18 % slowdown, within what
    // quiet processes could show (1.1² = 1.21).
    const sample = sampled(1.18, 'candidate');
    const partly = reports({
      ...sample,
      candidate: sample.candidate.map((m, i) => ({ ...m, stateNs: i < 2 ? 140 : 100 })),
    });
    const read = partly[0]?.benchmarks[0];
    expect(read?.verdict).toEqual({ kind: 'regression', severity: 'minor' });
    expect(read?.comparison?.processes).toMatchObject({ candidate: 4, candidateMeasured: 6 });
    const [withdrawn] = applyTieBreaks(partly, [counts(100_000, 100_000)], policy);
    expect(withdrawn?.benchmarks[0]?.verdict).toEqual({ kind: 'inconclusive', reason: 'disturbed' });
    expect(withdrawn?.benchmarks[0]?.warnings.at(-1)).toMatch(
      /^instruction counts \+0\.0 % .*: inconclusive$/,
    );
    const [confirmed] = applyTieBreaks(partly, [counts(100_000, 118_000)], policy);
    expect(confirmed?.benchmarks[0]?.verdict).toEqual({ kind: 'regression', severity: 'minor' });
    expect(confirmed?.benchmarks[0]?.settledBy).toBe('instructions');
  });

  it('needs no count for a change larger than quiet processes could cause, disturbance or not', () => {
    const sample = sampled(4, 'candidate');
    const partly = reports({
      ...sample,
      candidate: sample.candidate.map((m, i) => ({ ...m, stateNs: i < 2 ? 140 : 100 })),
    });
    expect(partly[0]?.benchmarks[0]?.verdict).toEqual({ kind: 'regression', severity: 'critical' });
    expect(applyTieBreaks(partly, [counts(100_000, 100_000)], policy)).toEqual(partly);
  });

  it('leaves verdicts wall time reached on its own, and unchanged code, alone', () => {
    const quiet = reports({ ...sampled(1.3, 'candidate'), baseStates: spread.map(() => 140) });
    expect(quiet[0]?.benchmarks[0]?.verdict.kind).toBe('regression');
    expect(applyTieBreaks(quiet, [counts(100_000, 100_000)], policy)).toEqual(quiet);
    const unchanged = reports(sampled(1, 'candidate'));
    expect(applyTieBreaks(unchanged, [counts(100_000, 130_000)], policy)).toEqual(unchanged);
  });
});
