/**
 * One benchmark's comparison, before the suite-level adjustment: each side is a list of per-process
 * 10th percentiles (a process's undisturbed speed), compared by their minimum (stats/min-ratio.ts)
 * with a bootstrap over processes. Four things make it hold across sessions on a busy machine:
 * - like with like: a process whose memory calibration, measured just before and after the benchmark, ran
 *   ≥ 10 % slower than the quietest process of either side ran while the machine was disturbed
 *   (on this VM such a session slowed benchmarks by 50–70 % while the calibration moved 26 %: no
 *   correction is safe); with fewer than 3 quiet processes on a side the comparison is
 *   `disturbed` (inconclusive, and more processes run while they may help). Otherwise the quiet
 *   processes decide the modes, and the minimum is taken over every process (see below);
 * - modes: when processes settle in distinct speeds (a JIT or memory decision made once per
 *   process, or one slow CPU), the fastest mode of each side is compared — if the two sides' modes
 *   cannot be matched, the comparison is `ambiguous` (the verdict calls it unstable);
 * - the spread between sessions (stored with the baseline) is added as error the processes of one
 *   session cannot show;
 * - when the calibration workloads show the machine in another state than the baseline's, the
 *   ratio is corrected by their midpoint and widened by half their distance (calibration.ts).
 */
import { bootstrapMinLogRatio, type LogRatioDistribution } from '../stats/min-ratio.js';
import { findModes, type Mode } from '../stats/modes.js';
import { mulberry32 } from '../stats/random.js';
import type { MachineShift } from './calibration.js';
import type { BenchmarkMeasurement } from './types.js';

/** Fixed so a verdict is a function of the data alone. */
const BOOTSTRAP_SEED = 0x5eed;

/** The value a process contributes to a comparison: its 10th percentile per call. */
export const processValue = (measurement: BenchmarkMeasurement): number => measurement.stats.p10;

export interface SideValues {
  /** One value per process: its 10th-percentile time per call. */
  values: readonly number[];
  /** Each process's machine state (memory calibration around the benchmark, the slower end), when measured. */
  states?: readonly number[];
}

/** A process whose state is this much slower than the quietest one ran on a disturbed machine. */
export const QUIET_FACTOR = 1.1;
/** Quiet processes a side needs (or all of its processes, when it has fewer). */
export const MIN_QUIET = 3;

export interface ComparisonContext {
  /** σ (log scale) of the spread between sessions; 0 when both sides ran in this session. */
  sessionSpread: number;
  /** How this machine differs from the baseline's, when it does. */
  shift?: MachineShift;
}

export type ModeMatch = 'unimodal' | 'fastest-modes' | 'ambiguous' | 'disturbed';

export interface Comparison {
  distribution: LogRatioDistribution;
  /** Which processes were compared: all, each side's fastest mode, or none could be matched. */
  match: ModeMatch;
  /** The modes of each side, when either has more than one. */
  modes?: { base: Mode[]; candidate: Mode[] };
  /** Processes compared per side (the quiet ones) and measured per side. */
  processes: {
    base: number;
    candidate: number;
    baseMeasured: number;
    candidateMeasured: number;
    /** The side(s) with too few quiet processes, when the match is `disturbed`. */
    disturbed?: 'base' | 'candidate' | 'both';
  };
  /**
   * When the match is `disturbed`: each side's slowest machine state over the quiet reference
   * (1 for a quiet side), which bounds how much the disturbance can have slowed it (see verdict.ts).
   */
  disturbance?: { base: number; candidate: number };
  /** log of the machine-speed correction applied (0 when none). */
  logCorrection: number;
  /** σ (log) of the error added for what one session cannot show (session spread, correction). */
  extraLogSd: number;
}

const logDistance = (a: number, b: number): number => Math.abs(Math.log(a / b));

/** The values that fall in `mode`. */
function inMode(values: readonly number[], mode: Mode): number[] {
  return values.filter((value) => value >= mode.min && value <= mode.max);
}

function fastest(modes: readonly Mode[]): Mode {
  return modes[0] as Mode;
}

/**
 * Which processes to compare. Both sides with several modes: their fastest modes (a slower mode
 * may also be disturbed processes; the fastest one is what the minimum stands for). One side with
 * several: the other side's single mode must sit nearer the fastest mode than the next one (else
 * it may be the slow mode alone, or a real change as large as the gap: ambiguous).
 */
function matchModes(base: readonly number[], candidate: readonly number[]) {
  const baseModes = findModes(base);
  const candidateModes = findModes(candidate);
  if (baseModes.length === 1 && candidateModes.length === 1) {
    return { match: 'unimodal' as const, base, candidate };
  }
  const modes = { base: baseModes, candidate: candidateModes };
  if (baseModes.length === 1 || candidateModes.length === 1) {
    const [multi, single] =
      baseModes.length > 1 ? [baseModes, fastest(candidateModes)] : [candidateModes, fastest(baseModes)];
    const [fast, next] = [fastest(multi), multi[1] as Mode];
    if (logDistance(single.centre, fast.centre) >= logDistance(single.centre, next.centre)) {
      return { match: 'ambiguous' as const, modes, base, candidate };
    }
  }
  return {
    match: 'fastest-modes' as const,
    modes,
    base: inMode(base, fastest(baseModes)),
    candidate: inMode(candidate, fastest(candidateModes)),
  };
}

/** The values of processes that ran while the machine was as quiet as its quietest process (see top). */
function quietValues(side: SideValues, reference: number | undefined): number[] {
  const { values, states } = side;
  if (reference === undefined || states === undefined || states.length !== values.length) return [...values];
  return values.filter((_, i) => (states[i] ?? reference) <= QUIET_FACTOR * reference);
}

function quietReference(base: SideValues, candidate: SideValues): number | undefined {
  const states = [...(base.states ?? []), ...(candidate.states ?? [])];
  return states.length === 0 ? undefined : Math.min(...states);
}

const enough = (quiet: number, measured: number) => quiet >= Math.min(MIN_QUIET, measured);

/** A side's slowest state over the reference: how disturbed its most disturbed process was. */
function disturbanceOf(side: SideValues, reference: number | undefined): number {
  if (reference === undefined || side.states === undefined || side.states.length === 0) return 1;
  return Math.max(1, ...side.states.map((state) => state / reference));
}

/**
 * The values compared once the quiet processes decided the modes: every process within the
 * chosen mode or faster, disturbed ones included. A disturbance only ever slows code down, so a
 * disturbed process that still ran fast shows the code's speed; leaving it out could only raise a
 * side's minimum (measured here: a process whose state before a 0.8 ms benchmark was disturbed ran
 * it faster than the three whose state was quiet, and without it unchanged code read +14 %).
 */
function withDisturbedProcesses(
  matched: ReturnType<typeof matchModes>,
  base: readonly number[],
  candidate: readonly number[],
): ReturnType<typeof matchModes> {
  if (matched.match === 'unimodal') return { ...matched, base, candidate };
  if (matched.match === 'ambiguous' || !matched.modes) return matched;
  const upTo = (values: readonly number[], modes: readonly Mode[]) =>
    values.filter((value) => value <= fastest(modes).max);
  return {
    ...matched,
    base: upTo(base, matched.modes.base),
    candidate: upTo(candidate, matched.modes.candidate),
  };
}

/** Compares per-process values of base and candidate (each non-empty, positive). */
export function compareSides(
  base: SideValues,
  candidate: SideValues,
  context: ComparisonContext,
): Comparison {
  const reference = quietReference(base, candidate);
  const quietBase = quietValues(base, reference);
  const quietCandidate = quietValues(candidate, reference);
  const processes = {
    base: quietBase.length,
    candidate: quietCandidate.length,
    baseMeasured: base.values.length,
    candidateMeasured: candidate.values.length,
  };
  const baseDisturbed = !enough(quietBase.length, base.values.length);
  const candidateDisturbed = !enough(quietCandidate.length, candidate.values.length);
  const disturbed = baseDisturbed || candidateDisturbed;
  if (disturbed) {
    Object.assign(processes, {
      disturbed: baseDisturbed && candidateDisturbed ? 'both' : baseDisturbed ? 'base' : 'candidate',
    });
  }
  const matched = disturbed
    ? { match: 'disturbed' as const, base: base.values, candidate: candidate.values }
    : withDisturbedProcesses(matchModes(quietBase, quietCandidate), base.values, candidate.values);
  const shift = context.shift;
  const extraLogSd = Math.hypot(context.sessionSpread, shift?.logSd ?? 0);
  const logCorrection = shift?.logCorrection ?? 0;
  const distribution = bootstrapMinLogRatio(matched.base, matched.candidate, {
    random: mulberry32(BOOTSTRAP_SEED),
    extraLogSd,
    logShift: logCorrection,
  });
  return {
    distribution,
    match: matched.match,
    ...(disturbed
      ? {
          disturbance: {
            base: disturbanceOf(base, reference),
            candidate: disturbanceOf(candidate, reference),
          },
        }
      : {}),
    ...('modes' in matched && matched.modes ? { modes: matched.modes } : {}),
    logCorrection,
    extraLogSd,
    processes,
  };
}
