import type { Phase } from '../script/model.js';
import { countInSegment, type Segment, WHOLE_TEST } from './segment.js';

/**
 * The whole schedule of a test, computed up front from the phases (STYLE.md #2, #3): plain
 * data, absolute offsets from the test's zero, no clock. Arrivals are not stored (a 10-minute
 * test at 5,000/s would be 3 M numbers): `arrivalOffset` computes the k-th one on demand, so the
 * plan is O(phases) in memory and the executor walks it lazily.
 */
export interface LoadPlan {
  readonly segment: Segment;
  readonly phases: readonly PlannedPhase[];
  /** End of the last phase (ms); VUs still running may overrun it. */
  readonly durationMs: number;
  /** Open-model arrivals of this segment, all phases. */
  readonly arrivals: number;
}

/** Arrival-driven phases: each arrival starts one iteration (a new VU in Artillery's model). */
export interface OpenPhasePlan {
  readonly kind: 'open';
  /** `arrival`/`count` are Artillery's phases; `constant-rps` drops iterations above the VU cap. */
  readonly source: 'arrival' | 'count' | 'constant-rps';
  readonly phaseIndex: number;
  readonly name?: string;
  readonly startMs: number;
  readonly durationMs: number;
  /** Arrivals per second at the phase's start and end (linear in between). */
  readonly rateStart: number;
  readonly rateEnd: number;
  /** Arrivals of the whole test in this phase; global index `i` is at `arrivalOffset(phase, i)`. */
  readonly totalArrivals: number;
  /** Arrivals of this segment: global indexes `segment.index + k × segment.count`. */
  readonly arrivals: number;
  /** Concurrent-VU cap for this segment (its stripe of `maxVusers`); undefined: none. */
  readonly maxVusers?: number;
}

/** k6's constant-vus: `vus` VUs (this segment's stripe) run iterations back to back. */
export interface ClosedPhasePlan {
  readonly kind: 'closed';
  readonly phaseIndex: number;
  readonly name?: string;
  readonly startMs: number;
  readonly durationMs: number;
  readonly totalVus: number;
  readonly vus: number;
  /** Global index of this segment's first VU (VU j of the segment is `firstVu + j × count`). */
  readonly firstVu: number;
}

export interface PausePhasePlan {
  readonly kind: 'pause';
  readonly phaseIndex: number;
  readonly name?: string;
  readonly startMs: number;
  readonly durationMs: number;
}

export type PlannedPhase = OpenPhasePlan | ClosedPhasePlan | PausePhasePlan;

/** Without `maxVusers`, constant-rps keeps at most this many seconds' worth of iterations in flight. */
export const DEFAULT_CONSTANT_RPS_VU_SECONDS = 10;
/** Guards float error when a rate × duration is meant to be a whole number of arrivals. */
const EPSILON = 1e-9;

export function plan(phases: readonly Phase[], segment: Segment = WHOLE_TEST): LoadPlan {
  const planned: PlannedPhase[] = [];
  let startMs = 0;
  for (const [phaseIndex, phase] of phases.entries()) {
    const next = planPhase(phase, phaseIndex, startMs, segment);
    planned.push(next);
    startMs += next.durationMs;
  }
  const arrivals = planned.reduce((sum, phase) => sum + (phase.kind === 'open' ? phase.arrivals : 0), 0);
  return { segment, phases: planned, durationMs: startMs, arrivals };
}

function planPhase(phase: Phase, phaseIndex: number, startMs: number, segment: Segment): PlannedPhase {
  const named = phase.name === undefined ? {} : { name: phase.name };
  switch (phase.kind) {
    case 'pause':
      return { kind: 'pause', phaseIndex, ...named, startMs, durationMs: phase.pauseMs };
    case 'closed': {
      const vus = countInSegment(phase.concurrency, segment);
      const base = { phaseIndex, ...named, startMs, durationMs: phase.durationMs };
      return { kind: 'closed', ...base, totalVus: phase.concurrency, vus, firstVu: segment.index };
    }
    case 'arrival': {
      const rateEnd = phase.rampTo ?? phase.arrivalRate;
      return openPhase('arrival', phase, { phaseIndex, startMs, segment }, phase.arrivalRate, rateEnd);
    }
    case 'count': {
      const rate = phase.durationMs > 0 ? (phase.arrivalCount * 1000) / phase.durationMs : 0;
      const open = openPhase('count', phase, { phaseIndex, startMs, segment }, rate, rate);
      // Exactly arrivalCount, even when duration × rate is not a whole number.
      return {
        ...open,
        totalArrivals: phase.arrivalCount,
        arrivals: countInSegment(phase.arrivalCount, segment),
      };
    }
    case 'constant-rps': {
      const capped = {
        ...phase,
        maxVusers: phase.maxVusers ?? Math.ceil(phase.rps * DEFAULT_CONSTANT_RPS_VU_SECONDS),
      };
      return openPhase('constant-rps', capped, { phaseIndex, startMs, segment }, phase.rps, phase.rps);
    }
  }
}

interface PhasePlace {
  readonly phaseIndex: number;
  readonly startMs: number;
  readonly segment: Segment;
}

function openPhase(
  source: OpenPhasePlan['source'],
  phase: { readonly durationMs: number; readonly maxVusers?: number; readonly name?: string },
  { phaseIndex, startMs, segment }: PhasePlace,
  rateStart: number,
  rateEnd: number,
): OpenPhasePlan {
  const { durationMs } = phase;
  const expected = ((rateStart + rateEnd) / 2) * (durationMs / 1000);
  const totalArrivals = Math.max(0, Math.ceil(expected - EPSILON));
  return {
    kind: 'open',
    source,
    phaseIndex,
    ...(phase.name === undefined ? {} : { name: phase.name }),
    startMs,
    durationMs,
    rateStart,
    rateEnd,
    totalArrivals,
    arrivals: countInSegment(totalArrivals, segment),
    ...(phase.maxVusers === undefined
      ? {}
      : { maxVusers: Math.max(1, countInSegment(phase.maxVusers, segment)) }),
  };
}

/**
 * Absolute offset (ms from the test's zero) of the phase's global arrival `i`: the time at
 * which the cumulative arrivals of the linearly ramping rate reach `i`, so arrival 0 is at the
 * phase start and a constant rate r spaces them 1000/r ms apart.
 */
export function arrivalOffset(phase: OpenPhasePlan, i: number): number {
  const { rateStart, rateEnd, durationMs, startMs } = phase;
  if (phase.totalArrivals <= 0 || i <= 0) return startMs;
  if (phase.source === 'count') return startMs + (i * durationMs) / phase.totalArrivals;
  const r0 = rateStart / 1000;
  const slope = (rateEnd - rateStart) / 1000 / durationMs;
  if (Math.abs(slope) < EPSILON * EPSILON) return startMs + i / r0;
  // Cumulative arrivals N(t) = r0·t + slope·t²/2; solve N(t) = i for the root within the phase.
  const t = (-r0 + Math.sqrt(Math.max(0, r0 * r0 + 2 * slope * i))) / slope;
  return startMs + Math.min(t, durationMs);
}
