/**
 * From a suite's samples to comparisons: per benchmark, the candidate's per-process values against
 * the base's, with the session spread and — against a stored baseline recorded in another machine
 * state — the calibration's correction (calibration.ts). Used for the adaptive reruns of a session
 * and, across all suites of a run, for the report.
 */
import { normalQuantile } from '../stats/normal.js';
import { machineShift, sideCalibration } from './calibration.js';
import { type Comparison, compareSides, processValue } from './compare.js';
import type { SampledBenchmark, SuiteSamples } from './samples.js';
import { DEFAULT_ALPHA, type JudgedComparison, judgeSuite, type VerdictPolicy } from './verdict.js';

export interface NamedComparison {
  name: string;
  comparison: Comparison;
}

function comparable(sample: SampledBenchmark): boolean {
  const positive = (values: readonly number[]) => values.length > 0 && values.every((v) => v > 0);
  return positive(sample.baseValues) && positive(sample.candidate.map(processValue));
}

/** How the machine differs from the stored baseline's (undefined when measured in this session or alike). */
export function suiteShift(samples: SuiteSamples) {
  const stored = samples.calibration.stored;
  return stored === undefined
    ? undefined
    : machineShift(sideCalibration(samples.calibration.candidate), stored);
}

function candidateSide(sample: SampledBenchmark) {
  const values = sample.candidate.map(processValue);
  const states = sample.candidate.flatMap((m) => (m.stateNs === undefined ? [] : [m.stateNs]));
  return states.length === values.length ? { values, states } : { values };
}

/** One comparison per benchmark that has a base to compare with. */
export function compareSamples(samples: SuiteSamples): NamedComparison[] {
  const shift = suiteShift(samples);
  return samples.benchmarks.filter(comparable).map((sample) => ({
    name: sample.name,
    comparison: compareSides(
      { values: sample.baseValues, ...(sample.baseStates ? { states: sample.baseStates } : {}) },
      candidateSide(sample),
      { sessionSpread: sample.sessionSpread, ...(shift ? { shift } : {}) },
    ),
  }));
}

/** The suite's comparisons, judged together. */
export function judgeSamples(
  samples: SuiteSamples,
  policy: VerdictPolicy,
): (JudgedComparison & { name: string })[] {
  const compared = compareSamples(samples);
  const judged = judgeSuite(
    compared.map((entry) => entry.comparison),
    policy,
  );
  return compared.map((entry, i) => ({ ...(judged[i] as JudgedComparison), name: entry.name }));
}

/**
 * Whether more processes could change an unclear verdict: an unstable one may find the mode it
 * lacks, a disturbed one quiet processes; an inconclusive one only if the error more processes cannot shrink (session spread,
 * machine correction) would still leave room for a decision around the current estimate.
 */
export function rerunCouldDecide(judged: JudgedComparison, policy: VerdictPolicy): boolean {
  if (judged.verdict.kind === 'unstable' || judged.match === 'disturbed') return true;
  if (judged.verdict.kind !== 'inconclusive') return false;
  const delta = Math.log(1 + (policy.minimumEffect ?? policy.minor) / 100);
  const z = normalQuantile(1 - (policy.alpha ?? DEFAULT_ALPHA) / 2);
  const floor = z * judged.extraLogSd;
  const distance = Math.abs(Math.log(judged.ratio.estimate));
  return distance > floor || distance + floor < delta;
}
