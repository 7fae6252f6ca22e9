/**
 * The generated promtool test groups about the budget and the data: ErrorBudgetLow as a fresh
 * deployment really spends its budget (70 %, 85 %, 95 %), zero traffic (no SLI, no alert) and no
 * data at all (SLODataAbsent).
 */
import { PerfgateError } from '../../core/errors.js';
import type { BudgetSlo } from '../model.js';
import { vectorSelectors } from '../promql/selectors.js';
import { presenceExpr } from './alerts.js';
import { expectedBudgetLowAlerts } from './expected-alerts.js';
import { firstSeenStepMs } from './period.js';
import {
  type AlertTest,
  type Context,
  EVENTS_PER_SAMPLE,
  group,
  MINUTE_MS,
  minutes,
  type TestGroup,
} from './promtool-common.js';
import { ABSENT_ALERT, BUDGET_LOW_ALERT, BURN_ALERT, sliRecord } from './rules.js';
import type { Scenario } from './simulate.js';
import { seriesFor, unsynthesizable } from './test-series.js';

/** Budget spent so far when ErrorBudgetLow is checked: 70 % (nothing), 85 % (warning), 95 % (critical). */
const SPENT_SHARES = [
  { spent: 0.7, severity: undefined },
  { spent: 0.85, severity: 'warning' },
  { spent: 0.95, severity: 'critical' },
] as const;

/**
 * A fresh deployment spending its budget at a steady rate, fast enough (every request bad, or
 * nearly) to have spent 95 % of the period's budget at the end: spent = E / B × elapsed share.
 */
function spendingScenario(slo: BudgetSlo, evalMs: number): { scenario: Scenario; endMs: number } {
  const elapsedMs = slo.period.nominalMs - firstSeenStepMs(slo.period.nominalMs);
  const last = SPENT_SHARES[SPENT_SHARES.length - 1]?.spent ?? 1;
  const endMs = Math.ceil((last * slo.budget * elapsedMs) / evalMs) * evalMs;
  const errorRatio = Math.min(1, (last * slo.budget * elapsedMs) / endMs);
  const intervalMs = endMs <= 2 * 60 * MINUTE_MS ? MINUTE_MS : evalMs;
  const bad = Math.round(errorRatio * EVENTS_PER_SAMPLE);
  return {
    scenario: { intervalMs, phases: [{ steps: endMs / intervalMs, total: EVENTS_PER_SAMPLE, bad }] },
    endMs,
  };
}

/** The ErrorBudgetLow test at `atMs`, when the simulation gives the wanted verdict there. */
function budgetLowTest(
  slos: readonly BudgetSlo[],
  slo: BudgetSlo,
  context: Context,
  atMs: number,
  severity: string | undefined,
): AlertTest | undefined {
  const alerts = expectedBudgetLowAlerts(slos, context.series, context.scenario, atMs);
  const own = alerts?.filter((alert) => alert.exp_labels.slo_id === slo.id) ?? [];
  if (alerts === undefined || own.length !== (severity ? 1 : 0) || own[0]?.exp_labels.severity !== severity)
    return undefined;
  return { eval_time: minutes(atMs), alertname: BUDGET_LOW_ALERT, exp_alerts: alerts };
}

/** ErrorBudgetLow from an empty history: one group, checked when 70 %, 85 % and 95 % are spent. */
export function budgetLowGroups(slos: readonly BudgetSlo[], evalMs: number, slo: BudgetSlo): TestGroup[] {
  if (slo.remainingBudgetAlerts === false || slo.period.kind !== 'rolling') return [];
  if (slo.budget === 0) {
    const scenario = { intervalMs: MINUTE_MS, phases: [{ steps: 30, total: EVENTS_PER_SAMPLE, bad: 1 }] };
    const context: Context = { slos, evalMs, series: seriesFor(slo), scenario };
    const test = budgetLowTest(slos, slo, context, 30 * MINUTE_MS, 'critical');
    if (test === undefined)
      throw new PerfgateError('INVALID_ARGUMENT', `${slo.id}: no clear ErrorBudgetLow verdict`);
    return [group(`${slo.id}: one bad event spends a zero budget: critical`, context, [test])];
  }
  const { scenario, endMs } = spendingScenario(slo, evalMs);
  const context: Context = { slos, evalMs, series: seriesFor(slo), scenario };
  const last = SPENT_SHARES[SPENT_SHARES.length - 1]?.spent ?? 1;
  const tests = SPENT_SHARES.map(({ spent, severity }) => {
    const around = Math.round((endMs * spent) / last / evalMs) * evalMs;
    // Shift a step when the rounded time sits on a threshold.
    for (const atMs of [around, around - evalMs, around + evalMs]) {
      if (atMs <= 0 || atMs > endMs) continue;
      const test = budgetLowTest(slos, slo, context, atMs, severity);
      if (test !== undefined) return test;
    }
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `${slo.id}: no clear ErrorBudgetLow verdict at ${spent} spent`,
    );
  });
  return [
    group(
      `${slo.id}: 70 % of the budget spent raises nothing, 85 % a warning, 95 % critical`,
      context,
      tests,
    ),
  ];
}

export function zeroTrafficGroup(slos: readonly BudgetSlo[], evalMs: number, slo: BudgetSlo): TestGroup {
  const context: Context = {
    slos,
    evalMs,
    series: seriesFor(slo),
    scenario: { intervalMs: MINUTE_MS, phases: [{ steps: 60, total: 0, bad: 0 }] },
  };
  const test = group(`${slo.id}: zero traffic records no SLI and raises nothing`, context, [
    { eval_time: '60m', alertname: BURN_ALERT, exp_alerts: [] },
  ]);
  const shortest = Math.min(...slo.tiers.map((tier) => tier.shortWindowMs));
  const only = `{slo_id=${JSON.stringify(slo.id)}}`;
  test.promql_expr_test = [
    { expr: `${sliRecord(shortest)}${only}`, eval_time: '60m', exp_samples: [] },
    { expr: `slo:period_error_budget_remaining:ratio${only}`, eval_time: '60m', exp_samples: [] },
  ];
  return test;
}

/** The labels absent() gives: the equality matchers of a bare selector (none for other expressions). */
function absentLabels(slo: BudgetSlo): Record<string, string> {
  if (slo.prometheus === undefined) return {};
  const expr = presenceExpr(slo.prometheus);
  const selectors = vectorSelectors(expr);
  const [only] = selectors;
  if (selectors.length !== 1 || only === undefined || only.text !== expr) return {};
  return Object.fromEntries(only.matchers.filter((m) => m.op === '=').map((m) => [m.name, m.value]));
}

/** With no series at all, every SLO's SLODataAbsent fires once its `for:` has passed. */
export function noDataGroup(slos: readonly BudgetSlo[], evalMs: number): TestGroup {
  const longestFor = Math.max(...slos.map((slo) => Math.min(...slo.tiers.map((tier) => tier.shortWindowMs))));
  const alerts = slos.map((slo) => ({
    exp_labels: {
      ...absentLabels(slo),
      ...slo.labels,
      slo_id: slo.id,
      slo: slo.name,
      service: slo.service,
      severity: 'warning',
    },
    exp_annotations: {
      summary: `${slo.service} ${slo.name}: no data for the SLI, so no burn-rate alert can fire`,
    },
  }));
  return {
    name: 'no data at all: every SLO says its SLI is absent',
    interval: '1m',
    input_series: [],
    alert_rule_test: [
      { eval_time: '0m', alertname: ABSENT_ALERT, exp_alerts: [] },
      {
        eval_time: minutes(Math.ceil(longestFor / evalMs) * evalMs),
        alertname: ABSENT_ALERT,
        exp_alerts: alerts,
      },
    ],
  };
}

/** SLOs the generated tests leave out, each with the reason (their queries cannot be synthesised). */
export function untestedSlos(slos: readonly BudgetSlo[]): { slo: BudgetSlo; reason: string }[] {
  return slos.flatMap((slo) => {
    const reason = slo.prometheus === undefined ? undefined : unsynthesizable(slo);
    return reason === undefined ? [] : [{ slo, reason }];
  });
}
