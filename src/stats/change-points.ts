/**
 * Change-point detection by E-divisive means (Matteson & James, "A Nonparametric Approach for
 * Multiple Change Point Analysis of Multivariate Data", JASA 2014), as Apache Otava (ex-Hunter)
 * and MongoDB's signal-processing-algorithms apply it to performance history.
 *
 * For a segment split at τ into X = x[s..τ) (m values) and Y = x[τ..e) (n values), with
 * d(a, b) = |a − b|^α (0 < α < 2; α = 1 here by default):
 *
 *   Ê(X, Y) = 2/(m·n) Σ d(Xᵢ, Yⱼ) − 1/C(m,2) Σᵢ<ₖ d(Xᵢ, Xₖ) − 1/C(n,2) Σⱼ<ₖ d(Yⱼ, Yₖ)
 *   Q̂(τ)   = m·n/(m+n) · Ê(X, Y)
 *
 * The candidate is the τ with the largest Q̂ (the right end κ is the segment's end, as in the
 * MongoDB implementation). Changes are found hierarchically: each round takes the best candidate
 * over all current segments and keeps it only if a permutation test finds it significant
 * (p = (1 + #{permuted Q̂ ≥ Q̂}) / (R + 1), values shuffled within the segment with the injected
 * seeded {@link Random}); the first non-significant round stops the search.
 * Pure and synchronous; the same input and seed always give the same answer.
 */
import { PerfgateError } from '../core/errors.js';
import { type Random, randomIndex } from './random.js';
import { assertFiniteSamples } from './sorted.js';

export const DEFAULT_CHANGE_POINT_PERMUTATIONS = 199;
export const DEFAULT_CHANGE_POINT_SIGNIFICANCE = 0.01;
/** Fewest values on either side of a change: two points can always be "split", three need evidence. */
export const DEFAULT_CHANGE_POINT_MIN_SEGMENT = 3;
export const DEFAULT_CHANGE_POINT_ALPHA = 1;

export interface ChangePointOptions {
  /** The permutation test's source of randomness (use `mulberry32(seed)` for reproducible answers). */
  random: Random;
  /** Permutations per test, R (default 199: the smallest p-value is 1/200). */
  permutations?: number;
  /** Keep a change only if its p-value is ≤ this (default 0.01). */
  significance?: number;
  /** Minimum number of values on each side of a change (default 3). */
  minSegment?: number;
  /** Exponent α of the distance |a − b|^α, in (0, 2) (default 1). */
  alpha?: number;
  /** Drop changes whose relative shift of the mean is smaller than this (default 0: keep all). */
  minRelativeChange?: number;
}

/** A step change: the regime that begins at `index` differs from the one before it. */
export interface ChangePoint {
  /** First index of the new regime. */
  index: number;
  /** The permutation test's p-value when this change was accepted. */
  pValue: number;
  /** Q̂ at the split (larger = stronger evidence). */
  q: number;
  /** Mean of the segment just before and just after the change (final segmentation). */
  meanBefore: number;
  meanAfter: number;
  /** (meanAfter − meanBefore) / |meanBefore|, or undefined when meanBefore is 0. */
  relativeChange: number | undefined;
}

interface Candidate {
  tau: number;
  q: number;
}

interface Segment {
  start: number;
  end: number;
  best: Candidate | undefined;
}

/** Finds step changes in `values` (in order, e.g. one metric across runs). */
export function detectChangePoints(values: readonly number[], options: ChangePointOptions): ChangePoint[] {
  assertFiniteSamples(values, 'series');
  const settings = resolveOptions(options);
  const segments: Segment[] = [makeSegment(values, 0, values.length, settings)];
  const accepted = new Map<number, { pValue: number; q: number }>();
  for (;;) {
    const chosen = strongestSegment(segments);
    if (chosen === undefined || chosen.best === undefined) break;
    const pValue = permutationPValue(values.slice(chosen.start, chosen.end), chosen.best.q, settings);
    if (pValue > settings.significance) break;
    const tau = chosen.start + chosen.best.tau;
    accepted.set(tau, { pValue, q: chosen.best.q });
    segments.splice(
      segments.indexOf(chosen),
      1,
      makeSegment(values, chosen.start, tau, settings),
      makeSegment(values, tau, chosen.end, settings),
    );
  }
  return describeChanges(values, accepted, settings.minRelativeChange);
}

type Settings = Required<Omit<ChangePointOptions, 'random'>> & { random: Random };

function resolveOptions(options: ChangePointOptions): Settings {
  const settings: Settings = {
    random: options.random,
    permutations: options.permutations ?? DEFAULT_CHANGE_POINT_PERMUTATIONS,
    significance: options.significance ?? DEFAULT_CHANGE_POINT_SIGNIFICANCE,
    minSegment: options.minSegment ?? DEFAULT_CHANGE_POINT_MIN_SEGMENT,
    alpha: options.alpha ?? DEFAULT_CHANGE_POINT_ALPHA,
    minRelativeChange: options.minRelativeChange ?? 0,
  };
  const problems = [
    Number.isInteger(settings.permutations) && settings.permutations >= 1 ? '' : 'permutations must be ≥ 1',
    settings.significance > 0 && settings.significance < 1 ? '' : 'significance must be in (0, 1)',
    Number.isInteger(settings.minSegment) && settings.minSegment >= 2 ? '' : 'minSegment must be ≥ 2',
    settings.alpha > 0 && settings.alpha < 2 ? '' : 'alpha must be in (0, 2)',
    settings.minRelativeChange >= 0 ? '' : 'minRelativeChange must be ≥ 0',
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new PerfgateError('INVALID_ARGUMENT', `Invalid change-point options: ${problems.join('; ')}`);
  }
  return settings;
}

function makeSegment(values: readonly number[], start: number, end: number, settings: Settings): Segment {
  return { start, end, best: bestSplit(values.slice(start, end), settings) };
}

function strongestSegment(segments: readonly Segment[]): Segment | undefined {
  let strongest: Segment | undefined;
  for (const segment of segments) {
    if (segment.best === undefined) continue;
    if (strongest?.best === undefined || segment.best.q > strongest.best.q) strongest = segment;
  }
  return strongest;
}

/** The split of `segment` with the largest Q̂ (τ relative to the segment), or undefined when too short. */
export function bestSplit(
  segment: readonly number[],
  settings: Pick<Settings, 'minSegment' | 'alpha'>,
): Candidate | undefined {
  const n = segment.length;
  if (n < 2 * settings.minSegment) return undefined;
  const prefix = distancePrefixSums(segment, settings.alpha);
  const block = (r0: number, r1: number, c0: number, c1: number) =>
    cell(prefix, n, r1, c1) - cell(prefix, n, r0, c1) - cell(prefix, n, r1, c0) + cell(prefix, n, r0, c0);
  let best: Candidate | undefined;
  for (let tau = settings.minSegment; tau <= n - settings.minSegment; tau++) {
    const m = tau;
    const k = n - tau;
    const between = block(0, m, m, n);
    // A block over X×X counts each unordered pair twice (the diagonal is 0).
    const withinLeft = block(0, m, 0, m) / 2;
    const withinRight = block(m, n, m, n) / 2;
    const energy = (2 * between) / (m * k) - withinLeft / pairs(m) - withinRight / pairs(k);
    const q = ((m * k) / (m + k)) * energy;
    if (best === undefined || q > best.q) best = { tau, q };
  }
  return best;
}

function pairs(count: number): number {
  return (count * (count - 1)) / 2;
}

/** Row-major (n+1)² table: entry (i, j) is Σ d(a, b) over a < i, b < j. */
function distancePrefixSums(segment: readonly number[], alpha: number): Float64Array {
  const n = segment.length;
  const width = n + 1;
  const prefix = new Float64Array(width * width);
  for (let i = 1; i <= n; i++) {
    const a = segment[i - 1] as number;
    let rowSum = 0;
    for (let j = 1; j <= n; j++) {
      const distance = Math.abs(a - (segment[j - 1] as number));
      rowSum += alpha === 1 ? distance : distance ** alpha;
      prefix[i * width + j] = (prefix[(i - 1) * width + j] as number) + rowSum;
    }
  }
  return prefix;
}

function cell(prefix: Float64Array, n: number, i: number, j: number): number {
  return prefix[i * (n + 1) + j] as number;
}

function permutationPValue(segment: number[], observed: number, settings: Settings): number {
  let atLeastAsLarge = 0;
  const shuffled = [...segment];
  for (let r = 0; r < settings.permutations; r++) {
    shuffleInPlace(shuffled, settings.random);
    const best = bestSplit(shuffled, settings);
    if (best !== undefined && best.q >= observed) atLeastAsLarge++;
  }
  return (1 + atLeastAsLarge) / (settings.permutations + 1);
}

/** Fisher–Yates with the injected generator. */
function shuffleInPlace(values: number[], random: Random): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = randomIndex(random, i + 1);
    const swap = values[i] as number;
    values[i] = values[j] as number;
    values[j] = swap;
  }
}

function describeChanges(
  values: readonly number[],
  accepted: ReadonlyMap<number, { pValue: number; q: number }>,
  minRelativeChange: number,
): ChangePoint[] {
  const bounds = [0, ...[...accepted.keys()].sort((a, b) => a - b), values.length];
  const changes: ChangePoint[] = [];
  for (let i = 1; i < bounds.length - 1; i++) {
    const index = bounds[i] as number;
    const meanBefore = mean(values, bounds[i - 1] as number, index);
    const meanAfter = mean(values, index, bounds[i + 1] as number);
    const relativeChange = meanBefore === 0 ? undefined : (meanAfter - meanBefore) / Math.abs(meanBefore);
    if (relativeChange !== undefined && Math.abs(relativeChange) < minRelativeChange) continue;
    const test = accepted.get(index) as { pValue: number; q: number };
    changes.push({ index, pValue: test.pValue, q: test.q, meanBefore, meanAfter, relativeChange });
  }
  return changes;
}

function mean(values: readonly number[], start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += values[i] as number;
  return sum / (end - start);
}
