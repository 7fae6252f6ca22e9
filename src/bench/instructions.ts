/**
 * `--mode instructions`: instructions per call counted by valgrind's callgrind, the approach
 * CodSpeed takes for noisy CI (hardware counters are not available on these virtual machines).
 * A count does not depend on how busy the machine is, so unchanged code gives the same figure in
 * every run. Only the measured region is counted: the child process runs each measured batch
 * inside a marker function (node's `vm` entry point) and callgrind, started with
 * `--collect-atstart=no --toggle-collect=<marker> --dump-after=<marker>`, collects inside it and
 * writes one dump per region, which the child reads back at once. Regions of N and 2N calls give
 * the per-call figure, free of the region's fixed cost ({@link measureInstructions}).
 *
 * This module is the model: the measuring plan (injected region runner), the dump parser and the
 * comparison. Spawning valgrind is the CLI's job (src/cli/bench/callgrind.ts).
 */
import { PerfgateError } from '../core/errors.js';
import type { RatioInterval } from '../stats/bootstrap.js';
import { erfc } from '../stats/mann-whitney.js';
import { normalQuantile } from '../stats/normal.js';
import { median, sortSamples } from '../stats/sorted.js';

/**
 * A region is long enough when it holds at least this many instructions: garbage collections then
 * fall into N and 2N calls in proportion (a scavenge is ~10⁵ instructions, 1 % of 10⁷).
 */
export const REGION_MIN_INSTRUCTIONS = 20_000_000;
/** Successive per-call estimates within this ratio mean the JIT has settled. */
export const SETTLED_RATIO = 1.01;
/** Doubling stops here whatever happens (2³⁰ calls). */
const MAX_DOUBLINGS = 30;
/**
 * The relative noise assumed for a count even when the processes agree exactly: differences in
 * garbage-collection timing between regions (measured spread on the demo: see README).
 */
export const INSTRUCTION_NOISE = 0.005;

/** Counts one marked region of `calls` calls: the instructions callgrind collected in it. */
export type CountRegion = (calls: number) => number;

export interface InstructionFigure {
  /** Instructions per call. */
  perCall: number;
  /** Calls in the last pair of regions (N, then 2N). */
  calls: number;
  /** False when the estimate never settled within the doubling limit. */
  settled: boolean;
}

/**
 * Counts regions of 1, 2, 4, … calls; each pair of neighbours gives a per-call estimate free of
 * the region's fixed cost, (I(2N) − I(N)) / N. Stops when two successive estimates agree within
 * {@link SETTLED_RATIO} and the region holds {@link REGION_MIN_INSTRUCTIONS}. Every decision rests
 * on instruction counts alone, so the figure does not depend on the machine's speed or load.
 */
export function measureInstructions(count: CountRegion): InstructionFigure {
  let calls = 1;
  let previous = count(calls);
  let lastEstimate: number | undefined;
  for (let doubling = 0; doubling < MAX_DOUBLINGS; doubling++) {
    const current = count(2 * calls);
    const estimate = (current - previous) / calls;
    const settled =
      lastEstimate !== undefined &&
      estimate > 0 &&
      Math.max(estimate, lastEstimate) / Math.min(estimate, lastEstimate) <= SETTLED_RATIO;
    if (settled && previous >= REGION_MIN_INSTRUCTIONS) return { perCall: estimate, calls, settled: true };
    lastEstimate = estimate;
    previous = current;
    calls *= 2;
  }
  return { perCall: lastEstimate ?? 0, calls, settled: false };
}

/** The `summary:` (or `totals:`) event count of one callgrind dump file. */
export function parseCallgrindTotal(text: string, file: string): number {
  const match = /^(?:summary|totals):\s*(\d+)/m.exec(text);
  if (match?.[1] === undefined) {
    throw new PerfgateError('BENCHMARK_FAILED', `callgrind dump ${file} has no summary line`);
  }
  return Number(match[1]);
}

/** Spread of a side's figures as σ of log (half the log range; 0 for one figure). */
function logSpread(values: readonly number[]): number {
  return values.length < 2 ? 0 : Math.log(Math.max(...values) / Math.min(...values)) / 2;
}

/** A comparison of instruction counts: median ratio, σ from the larger of the noise floor and the observed spread. */
export interface InstructionComparison {
  estimate: number;
  logSd: number;
}

export function compareInstructions(
  base: readonly number[],
  candidate: readonly number[],
): InstructionComparison {
  const estimate = median(sortSamples(candidate)) / median(sortSamples(base));
  const logSd = Math.max(INSTRUCTION_NOISE, Math.hypot(logSpread(base), logSpread(candidate)));
  return { estimate, logSd };
}

/** Two-sided p-value of "no change" under the normal model of {@link compareInstructions}. */
export function instructionPValue(comparison: InstructionComparison): number {
  const z = Math.abs(Math.log(comparison.estimate)) / comparison.logSd;
  return Math.min(1, erfc(z / Math.SQRT2));
}

/** The interval at `confidence`, as a ratio interval. */
export function instructionInterval(comparison: InstructionComparison, confidence: number): RatioInterval {
  const half = normalQuantile(1 - (1 - confidence) / 2) * comparison.logSd;
  return {
    estimate: comparison.estimate,
    lower: comparison.estimate * Math.exp(-half),
    upper: comparison.estimate * Math.exp(half),
    confidence,
    resamples: 0,
  };
}
