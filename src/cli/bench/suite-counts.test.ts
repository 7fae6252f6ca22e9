import { describe, expect, it } from 'vitest';
import { fakeMeasurement } from '../../../test/helpers/bench-measurements.js';
import type { Baseline } from '../../bench/baseline.js';
import type { SuiteSamples } from '../../bench/samples.js';
import type { VerdictPolicy } from '../../bench/verdict.js';
import { type CountContext, countForTieBreak } from './suite-counts.js';

const policy: VerdictPolicy = { minor: 10, major: 20, critical: 50, falseDiscovery: 'holm' };
const spread = [0.99, 0.995, 1, 1.005, 1.01, 1.0];

/** One benchmark, the candidate `scale` times slower, every candidate process on a disturbed machine (or not). */
function samples(scale: number, candidateState = 140): SuiteSamples {
  return {
    benchmarks: [
      {
        name: 'b',
        baseValues: spread.map((s) => 1000 * s),
        baseStates: spread.map(() => 100),
        candidate: spread.map((s) => ({
          ...fakeMeasurement('b', 1000 * scale * s),
          stateNs: candidateState,
        })),
        sessionSpread: 0.01,
      },
    ],
    rounds: 6,
    calibration: { candidate: [], base: [] },
  };
}

// Only paths that spawn nothing (counting itself runs valgrind: test/bench/tie-break.e2e.test.ts).
const infos: string[] = [];
const ctx = {
  output: { info: (line: string) => infos.push(line), colors: { dim: (text: string) => text } },
  policy,
  checkout: undefined,
} as unknown as CountContext;
const files = { suite: 's', file: 's.bench.mjs', baseFile: undefined };
const baselineWith = (entry: object) => ({ benchmarks: { b: entry } }) as unknown as Baseline;

describe('which benchmarks wall mode counts', () => {
  it('asks for valgrind, naming the benchmarks a disturbed machine left open', async () => {
    const counted = await countForTieBreak(ctx, files, baselineWith({}), {
      samples: samples(1.3),
      recording: false,
      valgrind: false,
    });
    expect(counted).toEqual({
      warning:
        'install valgrind (Debian: apt-get install valgrind) so instruction counts can settle b on a disturbed machine',
    });
  });

  it('asks for a baseline with counts when the stored one has none', async () => {
    const counted = await countForTieBreak(ctx, files, baselineWith({}), {
      samples: samples(1.3),
      recording: false,
      valgrind: true,
    });
    expect(counted.tieBreak).toBeUndefined();
    expect(counted.warning).toMatch(
      /^the baseline holds no instruction counts to settle b .*--update-baselines/,
    );
    expect(infos).toEqual([]);
  });

  it('counts nothing for a baseline that a regression read on a quiet machine keeps from being written', async () => {
    const counted = await countForTieBreak(ctx, files, baselineWith({ instructions: { perCall: [5] } }), {
      samples: samples(1.3, 100),
      recording: true,
      valgrind: true,
    });
    expect(counted).toEqual({});
    expect(infos).toEqual([]);
  });

  it('counts nothing and says nothing when wall time reads no change', async () => {
    const counted = await countForTieBreak(ctx, files, baselineWith({ instructions: { perCall: [5] } }), {
      samples: samples(1),
      recording: false,
      valgrind: true,
    });
    expect(counted).toEqual({});
    expect(infos).toEqual([]);
  });
});
