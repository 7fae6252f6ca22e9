/**
 * Step changes in a short series (6–30 runs of history), where a permutation test cannot help:
 * with 4 + 4 points only C(8,4) = 70 orderings exist, so E-divisive's permutation p-value never
 * drops below 2/70 and a clean 16 → 56 ms step goes unseen.
 *
 * Binary segmentation with a parametric test instead: within a segment, every split τ leaving at
 * least `minSegment` points on each side is scored by a two-sample t-test on the logarithms
 * of the values (performance noise is multiplicative: ±10 % is the same spread at 16 ms as at
 * 56 ms); the split with the smallest p-value is kept when, Bonferroni-adjusted for the number of
 * splits tried, p ≤ `significance`, and the means differ by at least `minRelativeChange`. When
 * no single split qualifies, an inner stretch that differs from the values on both sides (a
 * regression later fixed) is tested the same way. Each part is then searched again. Series with a value ≤ 0 are tested on the values themselves.
 * Pure and deterministic (no randomness). The README states the measured detection and
 * false-alarm rates (scripts/measure-trends.ts).
 */
import jstat from 'jstat';
import { PerfgateError } from '../core/errors.js';
import { assertFiniteSamples } from './sorted.js';

export const DEFAULT_STEP_SIGNIFICANCE = 0.01;
export const DEFAULT_STEP_MIN_SEGMENT = 3;
/** A step smaller than this share of the earlier mean is not reported, however significant. */
export const DEFAULT_STEP_MIN_RELATIVE_CHANGE = 0.15;

export interface StepChangeOptions {
  /** Family-wise level per segment searched (Bonferroni over its splits); default 0.01. */
  significance?: number;
  /** Fewest values on each side of a change; default 3. */
  minSegment?: number;
  /** Smallest |relative change of the mean| reported; default 0.1 (10 %). */
  minRelativeChange?: number;
}

export interface StepChange {
  /** First index of the new regime. */
  index: number;
  /** Bonferroni-adjusted two-sided p-value of the t-test at this split. */
  pValue: number;
  /** Mean of the segment just before and just after the change (final segmentation). */
  meanBefore: number;
  meanAfter: number;
  /** (meanAfter − meanBefore) / |meanBefore|, or undefined when meanBefore is 0. */
  relativeChange: number | undefined;
}

interface Split {
  tau: number;
  pValue: number;
}

type Settings = Required<StepChangeOptions>;

/** Finds step changes in `values` (in order, e.g. one metric across runs). */
export function detectStepChanges(values: readonly number[], options: StepChangeOptions = {}): StepChange[] {
  assertFiniteSamples(values, 'series');
  const settings = resolve(options);
  const tested = values.every((value) => value > 0) ? values.map(Math.log) : [...values];
  const accepted = new Map<number, number>();
  const pending: [number, number][] = [[0, values.length]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [start, end] = next;
    const bounds = changesWithin(values, tested, start, end, settings);
    for (const [tau, pValue] of bounds) accepted.set(tau, pValue);
    const cuts = [start, ...bounds.map(([tau]) => tau), end];
    for (let i = 1; i < cuts.length && bounds.length > 0; i++)
      pending.push([cuts[i - 1] as number, cuts[i] as number]);
  }
  return describe(values, accepted);
}

/**
 * The change(s) that split values[start, end): one step, else a level that left and came back
 * (a regression later fixed), which no single split separates. Empty when neither is
 * significant and large enough.
 */
function changesWithin(
  values: readonly number[],
  tested: readonly number[],
  start: number,
  end: number,
  settings: Settings,
): [number, number][] {
  const large = (a: number, b: number, c: number) => isLarge(values, a, b, c, settings.minRelativeChange);
  const split = bestSplit(tested, start, end, settings);
  if (split !== undefined && split.pValue <= settings.significance && large(start, split.tau, end)) {
    return [[split.tau, split.pValue]];
  }
  const excursion = bestExcursion(tested, start, end, settings);
  if (excursion === undefined || excursion.pValue > settings.significance) return [];
  const { from, to, pValue } = excursion;
  if (!large(start, from, to) || !large(from, to, end)) return [];
  return [
    [from, pValue],
    [to, pValue],
  ];
}

/** True when the mean of [tau, end) differs from that of [start, tau) by at least `minimum`. */
function isLarge(
  values: readonly number[],
  start: number,
  tau: number,
  end: number,
  minimum: number,
): boolean {
  const before = mean(values, start, tau);
  return before === 0 || Math.abs((mean(values, tau, end) - before) / before) >= minimum;
}

/**
 * The inner stretch [from, to) most unlike the values around it, each part at least `minSegment`
 * long, tested against them with the pooled t-test (Bonferroni over the stretches tried).
 */
function bestExcursion(
  values: readonly number[],
  start: number,
  end: number,
  settings: Settings,
): { from: number; to: number; pValue: number } | undefined {
  const { minSegment } = settings;
  let best: { from: number; to: number; pValue: number } | undefined;
  let tried = 0;
  for (let from = start + minSegment; from <= end - 2 * minSegment; from++) {
    for (let to = from + minSegment; to <= end - minSegment; to++) {
      tried++;
      const outside = [...values.slice(start, from), ...values.slice(to, end)];
      const arranged = [...outside, ...values.slice(from, to)];
      const p = pooledTPValue(arranged, 0, outside.length, arranged.length);
      if (best === undefined || p < best.pValue) best = { from, to, pValue: p };
    }
  }
  return best === undefined ? undefined : { ...best, pValue: Math.min(1, best.pValue * tried) };
}

function resolve(options: StepChangeOptions): Settings {
  const settings: Settings = {
    significance: options.significance ?? DEFAULT_STEP_SIGNIFICANCE,
    minSegment: options.minSegment ?? DEFAULT_STEP_MIN_SEGMENT,
    minRelativeChange: options.minRelativeChange ?? DEFAULT_STEP_MIN_RELATIVE_CHANGE,
  };
  const problems = [
    settings.significance > 0 && settings.significance < 1 ? '' : 'significance must be in (0, 1)',
    Number.isInteger(settings.minSegment) && settings.minSegment >= 2 ? '' : 'minSegment must be ≥ 2',
    settings.minRelativeChange >= 0 ? '' : 'minRelativeChange must be ≥ 0',
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new PerfgateError('INVALID_ARGUMENT', `Invalid step-change options: ${problems.join('; ')}`);
  }
  return settings;
}

/** The split of values[start, end) with the smallest Bonferroni-adjusted p-value. */
function bestSplit(
  values: readonly number[],
  start: number,
  end: number,
  settings: Settings,
): Split | undefined {
  const { minSegment } = settings;
  const splits = end - start - 2 * minSegment + 1;
  if (splits < 1) return undefined;
  let best: Split | undefined;
  for (let tau = start + minSegment; tau <= end - minSegment; tau++) {
    const p = pooledTPValue(values, start, tau, end);
    if (best === undefined || p < best.pValue) best = { tau, pValue: p };
  }
  return best === undefined ? undefined : { tau: best.tau, pValue: Math.min(1, best.pValue * splits) };
}

/**
 * Two-sided p-value of Student's two-sample t-test (pooled variance) between values[start, tau)
 * and values[tau, end). Pooled, not Welch: under "no change" both sides share one spread (on the
 * log scale, multiplicative noise is the same at any level), and pooling estimates it from every
 * point — three points alone give a variance too unstable to trust.
 */
export function pooledTPValue(values: readonly number[], start: number, tau: number, end: number): number {
  const left = moments(values, start, tau);
  const right = moments(values, tau, end);
  const df = left.count + right.count - 2;
  const pooled = (left.squares + right.squares) / df;
  const difference = right.mean - left.mean;
  const standardError = Math.sqrt(pooled * (1 / left.count + 1 / right.count));
  if (standardError === 0) return difference === 0 ? 1 : 0;
  const t = difference / standardError;
  return Math.min(1, 2 * jstat.jStat.studentt.cdf(-Math.abs(t), df));
}

function moments(values: readonly number[], start: number, end: number) {
  const count = end - start;
  const m = mean(values, start, end);
  let squares = 0;
  for (let i = start; i < end; i++) squares += ((values[i] as number) - m) ** 2;
  return { count, mean: m, squares };
}

function mean(values: readonly number[], start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += values[i] as number;
  return sum / (end - start);
}

function describe(values: readonly number[], accepted: ReadonlyMap<number, number>): StepChange[] {
  const bounds = [0, ...[...accepted.keys()].sort((a, b) => a - b), values.length];
  const changes: StepChange[] = [];
  for (let i = 1; i < bounds.length - 1; i++) {
    const index = bounds[i] as number;
    const meanBefore = mean(values, bounds[i - 1] as number, index);
    const meanAfter = mean(values, index, bounds[i + 1] as number);
    const relativeChange = meanBefore === 0 ? undefined : (meanAfter - meanBefore) / Math.abs(meanBefore);
    changes.push({ index, pValue: accepted.get(index) as number, meanBefore, meanAfter, relativeChange });
  }
  return changes;
}
