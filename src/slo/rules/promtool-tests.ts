/**
 * A behavioural `promtool test rules` file for generated SLO rules. Per SLO and tier:
 * - "fires": a clean long window, then a burn at k × the tier's threshold (k = 2, or less when
 *   errors would exceed 100 %): quiet one sample before the predicted detection (≈ L / k after the
 *   burn starts, workbook ch. 5), firing at it;
 * - "just below": a steady burn at 0.9 × the threshold never fires that tier;
 * plus, per SLO, ErrorBudgetLow after 95 %, 85 % and 70 % of the budget is spent, zero traffic
 * (no SLI sample, no alert) and, once, no data at all (SLODataAbsent).
 * Every expectation lists all alerts of all SLOs, as simulate.ts predicts them.
 */
import { PerfgateError } from '../../core/errors.js';
import type { BudgetSlo } from '../model.js';
import type { BurnRateTier } from '../windows.js';
import { budgetLowGroups, noDataGroup, untestedSlos, zeroTrafficGroup } from './promtool-budget-tests.js';
import {
  type AlertTest,
  alertTest,
  BELOW_FACTOR,
  BURN_FACTORS,
  type Context,
  EVENTS_PER_SAMPLE,
  group,
  MINUTE_MS,
  minutes,
  type PromtoolTestFile,
  type TestGroup,
} from './promtool-common.js';
import { groupNames } from './rules.js';
import type { Phase } from './simulate.js';
import { seriesFor } from './test-series.js';

export { untestedSlos } from './promtool-budget-tests.js';
export type { AlertTest, PromtoolTestFile, TestGroup } from './promtool-common.js';

/**
 * Rules are evaluated every 15 minutes in the tests (1 minute when a tier's short window is under
 * 5 minutes): plenty for windows of 5m and more, and it keeps days-long tests fast.
 */
function evaluationIntervalFor(slos: readonly BudgetSlo[]): number {
  const smallest = Math.min(...slos.flatMap((slo) => slo.tiers.map((tier) => tier.shortWindowMs)));
  return smallest >= 5 * MINUTE_MS ? 15 * MINUTE_MS : MINUTE_MS;
}

/**
 * 1-minute samples for tiers with short windows up to 30m; otherwise 30m or 1h samples (about a
 * quarter of the short window), so days-long tests stay small. Windows shorter than the spacing
 * then hold at most one sample and record nothing, which the simulation predicts too.
 */
function intervalFor(tier: BurnRateTier): number {
  if (tier.shortWindowMs <= 30 * MINUTE_MS) return MINUTE_MS;
  return tier.shortWindowMs / 4 >= 60 * MINUTE_MS ? 60 * MINUTE_MS : 30 * MINUTE_MS;
}

const fires = (test: AlertTest | undefined, slo: BudgetSlo, tier: BurnRateTier): boolean =>
  test?.exp_alerts.some(
    (alert) => alert.exp_labels.slo_id === slo.id && alert.exp_labels.burn_tier === tier.name,
  ) ?? false;

/** The burn test: the last unambiguous quiet sample and the first firing one after the burn starts. */
function firesGroup(
  slos: readonly BudgetSlo[],
  evalMs: number,
  slo: BudgetSlo,
  tier: BurnRateTier,
): TestGroup | undefined {
  const threshold = tier.factor * slo.budget;
  // Errors cannot exceed 100 %, and a burn on another tier's threshold would make that tier a coin toss.
  const clear = (k: number) =>
    slo.tiers.every((other) => Math.abs(k * tier.factor - other.factor) > 0.03 * other.factor);
  const k = BURN_FACTORS.find((candidate) => candidate * threshold <= 0.98 && clear(candidate));
  if (k === undefined) return undefined;
  const intervalMs = intervalFor(tier);
  const baselineMs = tier.longWindowMs;
  const burnMs = (1.5 * tier.longWindowMs) / k + 2 * evalMs;
  const bad = Math.round(k * threshold * EVENTS_PER_SAMPLE);
  const phases: Phase[] = [
    { steps: Math.round(baselineMs / intervalMs), total: EVENTS_PER_SAMPLE, bad: 0 },
    { steps: Math.ceil(burnMs / intervalMs), total: EVENTS_PER_SAMPLE, bad },
  ];
  const context: Context = { slos, evalMs, series: seriesFor(slo), scenario: { intervalMs, phases } };
  let quiet: AlertTest | undefined;
  for (let at = baselineMs + evalMs; at <= baselineMs + burnMs; at += evalMs) {
    const test = alertTest(context, at);
    if (test === undefined) continue;
    if (!fires(test, slo, tier)) {
      quiet = test;
      continue;
    }
    if (quiet === undefined) break;
    const name = `${slo.id} ${tier.name}: a ${k}x burn from ${minutes(baselineMs)} fires it at ${test.eval_time}`;
    return group(name, context, [quiet, test]);
  }
  throw new PerfgateError(
    'INVALID_ARGUMENT',
    `${slo.id}: no clear firing time for tier ${tier.name} in the generated test`,
  );
}

function belowGroup(
  slos: readonly BudgetSlo[],
  evalMs: number,
  slo: BudgetSlo,
  tier: BurnRateTier,
): TestGroup | undefined {
  const intervalMs = intervalFor(tier);
  const durationMs = Math.ceil((2 * tier.shortWindowMs) / evalMs) * evalMs + evalMs;
  const bad = Math.floor(BELOW_FACTOR * tier.factor * slo.budget * EVENTS_PER_SAMPLE);
  const steps = Math.ceil(durationMs / intervalMs);
  const context: Context = {
    slos,
    evalMs,
    series: seriesFor(slo),
    scenario: { intervalMs, phases: [{ steps, total: EVENTS_PER_SAMPLE, bad }] },
  };
  for (let at = durationMs; at > durationMs / 2; at -= evalMs) {
    const test = alertTest(context, at);
    if (test === undefined) continue;
    if (fires(test, slo, tier)) {
      throw new PerfgateError('INVALID_ARGUMENT', `${slo.id}: tier ${tier.name} fires below its threshold`);
    }
    return group(`${slo.id} ${tier.name}: a steady ${BELOW_FACTOR}x burn never fires it`, context, [test]);
  }
  return undefined;
}

/** The promtool test file for `rulesFile`; SLOs without a `prometheus:` source are left out. */
export function generatePromtoolTests(slos: readonly BudgetSlo[], rulesFile: string): PromtoolTestFile {
  const live = slos.filter((slo) => slo.prometheus !== undefined);
  const untested = new Set(untestedSlos(live).map((entry) => entry.slo));
  const tests: TestGroup[] = [];
  const evalMs = evaluationIntervalFor(live);
  for (const slo of live) {
    if (untested.has(slo)) continue;
    for (const tier of slo.budget === 0 || slo.period.kind !== 'rolling' ? [] : slo.tiers) {
      const above = firesGroup(live, evalMs, slo, tier);
      const below = belowGroup(live, evalMs, slo, tier);
      if (above !== undefined) tests.push(above);
      if (below !== undefined) tests.push(below);
    }
    tests.push(...budgetLowGroups(live, evalMs, slo), zeroTrafficGroup(live, evalMs, slo));
  }
  if (live.length > 0) tests.push(noDataGroup(live, evalMs));
  const order = live.flatMap((slo) => Object.values(groupNames(slo)));
  return { rule_files: [rulesFile], evaluation_interval: minutes(evalMs), group_eval_order: order, tests };
}
