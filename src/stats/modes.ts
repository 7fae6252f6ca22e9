/**
 * Modes in a small set of positive values (one per process): a benchmark whose processes settle
 * in two distinct speeds (1.6 µs in some, 3.0 µs in others: a JIT or memory-layout decision made
 * once per process) is bimodal, and no single centre describes it. Values are split where the
 * sorted values jump by more than `minGap` (a ratio) between neighbours; a split counts only when
 * every mode holds at least `minCount` values, so one stray process is an outlier, not a mode.
 */
import { PerfgateError } from '../core/errors.js';
import { median, sortSamples } from './sorted.js';

export interface Mode {
  /** Median of the mode's values. */
  centre: number;
  min: number;
  max: number;
  count: number;
}

export interface ModeOptions {
  /** Neighbouring values further apart than this ratio start a new mode. Default 1.2. */
  minGap?: number;
  /** Values a mode needs. Default 2. */
  minCount?: number;
}

export const DEFAULT_MODE_GAP = 1.2;
export const DEFAULT_MODE_COUNT = 2;

function modeOf(values: readonly number[]): Mode {
  const sorted = sortSamples(values);
  return {
    centre: median(sorted),
    min: sorted[0] ?? 0,
    max: sorted[sorted.length - 1] ?? 0,
    count: sorted.length,
  };
}

/** Sorted values split wherever neighbours are more than `minGap` apart (a ratio). */
function splitAtGaps(sorted: readonly number[], minGap: number): number[][] {
  const groups: number[][] = [];
  let group: number[] = [];
  sorted.forEach((value, i) => {
    const previous = sorted[i - 1];
    if (previous !== undefined && value / previous > minGap) {
      groups.push(group);
      group = [];
    }
    group.push(value);
  });
  groups.push(group);
  return groups;
}

/** The ratio gap between the last value of `lower` and the first of `upper` (∞ when either is missing). */
function gapBetween(lower: readonly number[] | undefined, upper: readonly number[] | undefined): number {
  const last = lower?.[lower.length - 1];
  const first = upper?.[0];
  return last === undefined || first === undefined ? Number.POSITIVE_INFINITY : first / last;
}

/** Groups smaller than `minCount` join their nearer neighbour (in ratio terms) until none is left. */
function absorbSmallGroups(groups: number[][], minCount: number): number[][] {
  const result = groups.map((group) => [...group]);
  for (let i = result.findIndex((g) => g.length < minCount); i !== -1 && result.length > 1; ) {
    const group = result[i] ?? [];
    const toLeft = gapBetween(result[i - 1], group) <= gapBetween(group, result[i + 1]);
    if (toLeft) result[i - 1]?.push(...group);
    else result[i + 1]?.unshift(...group);
    result.splice(i, 1);
    i = result.findIndex((g) => g.length < minCount);
  }
  return result;
}

/** The modes of `values` (positive, finite), fastest first; one mode when there is no clear gap. */
export function findModes(values: readonly number[], options: ModeOptions = {}): Mode[] {
  const { minGap = DEFAULT_MODE_GAP, minCount = DEFAULT_MODE_COUNT } = options;
  if (values.length === 0) throw new PerfgateError('INVALID_ARGUMENT', 'no values to find modes in');
  if (values.some((value) => !(value > 0))) {
    throw new PerfgateError('INVALID_ARGUMENT', 'modes are found among positive values');
  }
  return absorbSmallGroups(splitAtGaps(sortSamples(values), minGap), minCount).map(modeOf);
}
