/**
 * `npm run bench:trends`: detection and false-alarm rates of the trend detector on synthetic
 * histories (bench/trends/synthetic.ts), the numbers the README quotes.
 */
import { computeTrends } from '../../src/report/history/trends.js';
import { type Noise, rate, type SeriesSpec } from './synthetic.js';

const TRIALS = 2000;
const SEED = 17;

/** The step counts as seen when a change is reported within one run of where it happened. */
function seesStep(spec: SeriesSpec): (series: number[]) => boolean {
  return (series) => changesIn(series).some((index) => Math.abs(index - (spec.stepAt ?? -9)) <= 1);
}

function changesIn(series: number[]): number[] {
  const points = series.map((value, i) => ({ runId: i + 1, recordedAt: i, value }));
  const [trend] = computeTrends([{ name: 'p95', unit: 'ms', better: 'lower', points }]);
  return (trend?.changes ?? []).map((change) => change.index);
}

const steps: Omit<SeriesSpec, 'noise'>[] = [
  { length: 8, stepAt: 4, before: 16, after: 56 },
  { length: 6, stepAt: 3, before: 16, after: 56 },
  { length: 8, stepAt: 4, before: 100, after: 150 },
  { length: 8, stepAt: 4, before: 100, after: 130 },
  { length: 12, stepAt: 6, before: 100, after: 125 },
  { length: 30, stepAt: 20, before: 100, after: 120 },
  { length: 30, stepAt: 27, before: 100, after: 150 },
];
const noises: Noise[] = ['uniform ±10 %', 'gaussian σ 10 %'];

console.log(`| series | ${noises.join(' | ')} |\n| --- | --- | --- |`);
for (const step of steps) {
  const cells = noises.map((noise) => {
    const spec = { ...step, noise };
    return `${(rate(spec, TRIALS, SEED, seesStep(spec)) * 100).toFixed(1)} % found`;
  });
  console.log(
    `| ${step.stepAt} + ${step.length - (step.stepAt ?? 0)} runs, ${step.before} → ${step.after} | ${cells.join(' | ')} |`,
  );
}
for (const length of [6, 8, 12, 20, 30]) {
  const cells = noises.map((noise) => {
    const spec = { length, before: 100, after: 100, noise };
    return `${(rate(spec, TRIALS, SEED, (series) => changesIn(series).length > 0) * 100).toFixed(2)} % false alarms`;
  });
  console.log(`| ${length} runs of noise | ${cells.join(' | ')} |`);
}
