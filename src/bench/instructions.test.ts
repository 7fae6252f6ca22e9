import { describe, expect, it } from 'vitest';
import { fakeMeasurement } from '../../test/helpers/bench-measurements.js';
import { applyInstructionCounts } from './instruction-report.js';
import {
  compareInstructions,
  INSTRUCTION_NOISE,
  instructionInterval,
  measureInstructions,
  parseCallgrindTotal,
  REGION_MIN_INSTRUCTIONS,
} from './instructions.js';
import { buildSuiteReports } from './report.js';
import type { VerdictPolicy } from './verdict.js';

const policy: VerdictPolicy = { minor: 10, major: 20, critical: 50, falseDiscovery: 'holm' };

describe('measureInstructions', () => {
  it('doubles regions until the per-call figure settles and a region is long enough, cancelling fixed costs', () => {
    const counted: number[] = [];
    // 22,000 instructions to enter a region, 1,000 per call, and a JIT that settles after 64 calls.
    const figure = measureInstructions((calls) => {
      counted.push(calls);
      const perCall = counted.reduce((sum, c) => sum + c, 0) < 64 ? 3_000 : 1_000;
      return 22_000 + perCall * calls;
    });
    expect(figure).toMatchObject({ perCall: 1_000, settled: true });
    expect(figure.calls * 1_000 + 22_000).toBeGreaterThanOrEqual(REGION_MIN_INSTRUCTIONS);
    expect(counted.slice(0, 4)).toEqual([1, 2, 4, 8]);
  });

  it('reports a figure that never settles', () => {
    let flip = false;
    const figure = measureInstructions((calls) => {
      flip = !flip;
      return calls * (flip ? 1_000 : 1_500) * 1_000;
    });
    expect(figure.settled).toBe(false);
  });
});

describe('callgrind dumps and comparisons', () => {
  it('reads the summary line of a dump', () => {
    expect(
      parseCallgrindTotal('version: 1\ncmd: node\npart: 2\nevents: Ir\nsummary: 17076424\n', 'd.2'),
    ).toBe(17_076_424);
    expect(() => parseCallgrindTotal('events: Ir\n', 'd.3')).toThrow(/d\.3 has no summary/);
  });

  it('judges counts by their ratio with at least the noise floor', () => {
    const same = compareInstructions([1_186_948], [1_186_708]);
    expect(same.logSd).toBe(INSTRUCTION_NOISE);
    const interval = instructionInterval(same, 0.95);
    expect(interval.lower).toBeLessThan(1);
    expect(interval.upper).toBeGreaterThan(1);
    const spread = compareInstructions([1000, 1100], [1000]);
    expect(spread.logSd).toBeCloseTo(Math.log(1.1) / 2, 10);
  });

  it('folds counts into the reports: the verdict from instructions, wall time beside it', () => {
    const sample = (scale: number) => ({
      name: 'parse',
      baseValues: [1000, 1001, 999],
      candidate: [fakeMeasurement('parse', 1000 * scale), fakeMeasurement('parse', 1002 * scale)],
      sessionSpread: 0.02,
    });
    const suites = buildSuiteReports(
      [
        {
          name: 's',
          file: 's.bench.mjs',
          samples: { benchmarks: [sample(1.01)], rounds: 2, calibration: { candidate: [], base: [] } },
          baseSource: 'baseline',
          baselineFile: null,
          warnings: [],
        },
      ],
      policy,
    );
    const counts = {
      candidate: new Map([['parse', [1_300_000]]]),
      base: new Map([['parse', [1_000_000]]]),
      skipped: new Map<string, string>(),
    };
    const [suite] = applyInstructionCounts(suites, [counts], policy);
    const bench = suite?.benchmarks[0];
    expect(bench?.verdict).toEqual({ kind: 'regression', severity: 'major' });
    expect(bench?.comparison?.changePct).toBeCloseTo(30, 6);
    expect(bench?.instructions).toEqual({ perCall: [1_300_000], figure: 1_300_000, base: [1_000_000] });
    expect(bench?.wall?.verdict.kind).toBe('unchanged');
  });
});
