/**
 * The drill's verdict, pure: per expectation the time to fire and to resolve against its
 * deadlines, the gate's verdict, the budget the fault spent; and every false page (a critical
 * alert that started with no fault on its service active).
 */
import type { Fault } from '../../load/faults/model.js';
import type { DrillExpectation, DrillPlan } from './plan.js';
import type { AlertInterval, BurnSample } from './timeline.js';

export interface ExpectationResult {
  expectation: DrillExpectation;
  /** Ms from the fault's start to the first firing poll; undefined: never fired. */
  timeToFireMs?: number;
  /** Ms from the fault's end until no matching alert fired; undefined: still firing (or never fired). */
  timeToResolveMs?: number;
  fired: boolean;
  firedInTime: boolean;
  /** True when no resolve deadline was set. */
  resolvedInTime: boolean;
  /** The run's SLO gate for this SLO ('pass', 'fail', 'no-data', 'not-covered'), when known. */
  gateVerdict?: string;
  gateHeld: boolean;
  /** Share (0..1) of the period's error budget the fault spent (time-scale invariant). */
  budgetSpent?: number;
  held: boolean;
  problems: string[];
}

export interface DrillVerdict {
  results: ExpectationResult[];
  falsePages: AlertInterval[];
  passed: boolean;
}

const matches = (interval: AlertInterval, e: DrillExpectation) =>
  interval.alertname === e.alert &&
  interval.sloId === e.slo.id &&
  interval.severity === e.severity &&
  (e.tier === undefined || interval.tier === e.tier);

/** ∫ burn rate dt over the fault (plus the shortest window, which lags it) / period. */
export function budgetSpentBy(e: DrillExpectation, burn: readonly BurnSample[], intervalMs: number): number {
  const lag = Math.min(...e.slo.tiers.map((tier) => tier.shortWindowMs));
  const end = (Number.isFinite(e.fault.toMs) ? e.fault.toMs : Infinity) + lag;
  const spent = burn
    .filter((s) => s.sloId === e.slo.id && s.atMs >= e.fault.fromMs && s.atMs < end)
    .reduce((sum, s) => sum + s.burnRate * intervalMs, 0);
  return spent / e.slo.period.nominalMs;
}

function judge(
  e: DrillExpectation,
  intervals: readonly AlertInterval[],
  gate: ReadonlyMap<string, string>,
): Omit<ExpectationResult, 'budgetSpent'> {
  const own = intervals.filter((interval) => matches(interval, e) && interval.startMs >= e.fault.fromMs);
  const problems: string[] = [];
  const first = own[0];
  const timeToFireMs = first === undefined ? undefined : first.startMs - e.fault.fromMs;
  const firedInTime = timeToFireMs !== undefined && timeToFireMs <= e.fireDeadlineMs;
  if (timeToFireMs === undefined) problems.push(`${e.alert} (${e.severity}) did not fire`);
  else if (!firedInTime) problems.push(`${e.alert} fired too late`);
  const stillFiring = own.some((interval) => interval.endMs === undefined);
  const lastEnd = Math.max(...own.map((interval) => interval.endMs ?? Infinity));
  const timeToResolveMs =
    first === undefined || stillFiring ? undefined : Math.max(0, lastEnd - e.fault.toMs);
  let resolvedInTime = true;
  if (e.resolveDeadlineMs !== undefined && first !== undefined) {
    resolvedInTime = timeToResolveMs !== undefined && timeToResolveMs <= e.resolveDeadlineMs;
    if (!resolvedInTime) problems.push(`${e.alert} did not resolve in time`);
  }
  const gateVerdict = gate.get(e.slo.id);
  const gateHeld = e.gate === undefined || gateVerdict === e.gate;
  if (!gateHeld)
    problems.push(`the SLO gate was expected to ${e.gate} but it says ${gateVerdict ?? 'nothing'}`);
  return {
    expectation: e,
    ...(timeToFireMs === undefined ? {} : { timeToFireMs }),
    ...(timeToResolveMs === undefined ? {} : { timeToResolveMs }),
    fired: first !== undefined,
    firedInTime,
    resolvedInTime,
    ...(gateVerdict === undefined ? {} : { gateVerdict }),
    gateHeld,
    held: problems.length === 0,
    problems,
  };
}

/**
 * A critical alert is a false page when it started while no fault that can reach its service was
 * active (give or take `graceMs` for the last evaluation after a fault ends).
 */
export function falsePages(
  intervals: readonly AlertInterval[],
  faults: readonly Fault[],
  graceMs: number,
): AlertInterval[] {
  return intervals.filter(
    (interval) =>
      interval.severity === 'critical' &&
      !faults.some(
        (fault) =>
          (fault.service === undefined || fault.service === interval.service) &&
          interval.startMs >= fault.fromMs &&
          interval.startMs <= fault.toMs + graceMs,
      ),
  );
}

export interface VerdictInput {
  plan: DrillPlan;
  intervals: readonly AlertInterval[];
  burn: readonly BurnSample[];
  /** SLO id → the run's gate verdict. */
  gate: ReadonlyMap<string, string>;
  /** The faults actually injected (none in a control run). */
  injected: readonly Fault[];
}

export function judgeDrill(input: VerdictInput): DrillVerdict {
  const { plan } = input;
  const results = plan.expectations.map((e) => ({
    ...judge(e, input.intervals, input.gate),
    budgetSpent: budgetSpentBy(e, input.burn, plan.intervalMs),
  }));
  const pages = falsePages(input.intervals, input.injected, 3 * plan.intervalMs);
  return { results, falsePages: pages, passed: pages.length === 0 && results.every((r) => r.held) };
}

/** True once every expectation can no longer change: resolved, or past its deadlines. */
export function allDecided(plan: DrillPlan, intervals: readonly AlertInterval[], nowMs: number): boolean {
  return plan.expectations.every((e) => {
    const own = intervals.filter((interval) => matches(interval, e) && interval.startMs >= e.fault.fromMs);
    if (own.length === 0) return nowMs > e.fault.fromMs + e.fireDeadlineMs;
    if (e.resolveDeadlineMs === undefined) return true;
    const resolved = own.every((interval) => interval.endMs !== undefined) && nowMs >= e.fault.toMs;
    return resolved || nowMs > e.fault.toMs + e.resolveDeadlineMs;
  });
}
