// The trend detector on synthetic histories (bench/trends/synthetic.ts; `npm run bench:trends`
// prints the full table the README quotes): it must see a clear step in 4 + 4 runs and stay quiet
// on ±10 % noise. 300 seeded series per case keep this under a few seconds.
import { describe, expect, it } from 'vitest';
import { rate, type SeriesSpec } from '../../bench/trends/synthetic.js';
import { computeTrends } from '../../src/report/history/trends.js';

const TRIALS = 300;

function changesIn(series: number[]): number[] {
  const points = series.map((value, i) => ({ runId: i + 1, recordedAt: i, value }));
  const [trend] = computeTrends([{ name: 'p95', unit: 'ms', better: 'lower', points }]);
  return (trend?.changes ?? []).map((change) => change.index);
}

describe('trend detection on synthetic histories', () => {
  it.each([
    [{ length: 8, stepAt: 4, before: 16, after: 56, noise: 'uniform ±10 %' }, 1],
    [{ length: 8, stepAt: 4, before: 16, after: 56, noise: 'gaussian σ 10 %' }, 1],
    [{ length: 8, stepAt: 4, before: 100, after: 150, noise: 'uniform ±10 %' }, 0.99],
    [{ length: 30, stepAt: 27, before: 100, after: 150, noise: 'uniform ±10 %' }, 0.99],
  ] as [SeriesSpec, number][])('finds %o in at least the given share', (spec, least) => {
    const found = rate(spec, TRIALS, 7, (series) =>
      changesIn(series).some((index) => Math.abs(index - (spec.stepAt ?? -9)) <= 1),
    );
    expect(found).toBeGreaterThanOrEqual(least);
  });

  it.each([6, 8, 12, 30])('raises no false alarm on %i runs of ±10 %% noise', (length) => {
    const spec: SeriesSpec = { length, before: 100, after: 100, noise: 'uniform ±10 %' };
    expect(rate(spec, TRIALS, 11, (series) => changesIn(series).length > 0)).toBeLessThanOrEqual(0.005);
  });
});
