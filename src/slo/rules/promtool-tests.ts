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
import { vectorSelectors } from '../promql/selectors.js';
import type { BurnRateTier } from '../windows.js';
import { presenceExpr } from './alerts.js';
import { type ExpectedAlert, expectedBudgetLowAlerts, expectedBurnAlerts } from './expected-alerts.js';
import { ABSENT_ALERT, BUDGET_LOW_ALERT, BURN_ALERT, groupNames, sliRecord } from './rules.js';
import type { Phase, Scenario } from './simulate.js';
import { valuesNotation } from './simulate.js';
import { seriesFor, type TestSeries, unsynthesizable } from './test-series.js';

const MINUTE_MS = 60_000;
/** Events per sample: large, so `bad` rounds to an integer with a ratio error below 1e-5. */
const EVENTS_PER_SAMPLE = 100_000;
/** Burn multiples tried for the firing test, largest first (2 would equal 6 = 2 × 3 on workbook tiers). */
const BURN_FACTORS = [1.9, 1.8, 1.7, 1.6, 1.5, 1.4, 1.3, 1.2, 1.1];
const BELOW_FACTOR = 0.9;

export interface AlertTest {
  eval_time: string;
  alertname: string;
  exp_alerts: ExpectedAlert[];
}

export interface TestGroup {
  name: string;
  interval: string;
  input_series: { series: string; values: string }[];
  alert_rule_test: AlertTest[];
  promql_expr_test?: { expr: string; eval_time: string; exp_samples: unknown[] }[];
}

export interface PromtoolTestFile {
  rule_files: string[];
  evaluation_interval: string;
  group_eval_order: string[];
  tests: TestGroup[];
}

const minutes = (ms: number): string => `${Math.round(ms / MINUTE_MS)}m`;

function seriesText(series: TestSeries): string {
  const labels = Object.entries(series.labels).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  return `${series.metric}{${labels.join(',')}}`;
}

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

interface Context {
  slos: readonly BudgetSlo[];
  evalMs: number;
  series: TestSeries[];
  scenario: Scenario;
}

function alertTest(context: Context, atMs: number): AlertTest | undefined {
  const alerts = expectedBurnAlerts(context.slos, context.series, context.scenario, atMs);
  if (alerts === undefined) return undefined;
  return { eval_time: minutes(atMs), alertname: BURN_ALERT, exp_alerts: alerts };
}

function group(name: string, context: Context, tests: AlertTest[]): TestGroup {
  return {
    name,
    interval: minutes(context.scenario.intervalMs),
    input_series: context.series.map((series) => ({
      series: seriesText(series),
      values: valuesNotation(series, context.scenario),
    })),
    alert_rule_test: tests,
  };
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

/** Budget spent so far in the budget-low tests: 95 % (critical), 85 % (warning), 70 % (none). */
const SPENT_SHARES = [
  { spent: 0.95, severity: 'critical' },
  { spent: 0.85, severity: 'warning' },
  { spent: 0.7, severity: undefined },
] as const;

/**
 * A fresh deployment that has spent `spent` of its period's budget by the end of the test: every
 * request bad (or nearly) for just long enough, since the budget spent is E / B × elapsed / P.
 */
function spendingScenario(
  slo: BudgetSlo,
  evalMs: number,
  spent: number,
): { scenario: Scenario; atMs: number } {
  const periodMs = slo.period.nominalMs;
  const atMs = Math.ceil((spent * slo.budget * periodMs) / evalMs) * evalMs;
  const errorRatio = (spent * slo.budget * periodMs) / atMs;
  const intervalMs = atMs <= 2 * 60 * MINUTE_MS ? MINUTE_MS : evalMs;
  const bad = Math.round(errorRatio * EVENTS_PER_SAMPLE);
  return {
    scenario: { intervalMs, phases: [{ steps: atMs / intervalMs, total: EVENTS_PER_SAMPLE, bad }] },
    atMs,
  };
}

function budgetLowGroup(
  slos: readonly BudgetSlo[],
  slo: BudgetSlo,
  run: { scenario: Scenario; atMs: number },
  want: { severity: 'critical' | 'warning' | undefined; name: string },
): TestGroup {
  const context: Context = { slos, evalMs: 0, series: seriesFor(slo), scenario: run.scenario };
  const alerts = expectedBudgetLowAlerts(slos, context.series, run.scenario, run.atMs);
  const own = alerts?.filter((alert) => alert.exp_labels.slo_id === slo.id) ?? [];
  if (
    alerts === undefined ||
    own.length !== (want.severity ? 1 : 0) ||
    own[0]?.exp_labels.severity !== want.severity
  ) {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `${slo.id}: no clear ErrorBudgetLow verdict for "${want.name}"`,
    );
  }
  return group(`${slo.id}: ${want.name}`, context, [
    { eval_time: minutes(run.atMs), alertname: BUDGET_LOW_ALERT, exp_alerts: alerts },
  ]);
}

/** ErrorBudgetLow from an empty history: 95 % / 85 % / 70 % of the period's budget really spent. */
function budgetLowGroups(slos: readonly BudgetSlo[], evalMs: number, slo: BudgetSlo): TestGroup[] {
  if (slo.remainingBudgetAlerts === false || slo.period.kind !== 'rolling') return [];
  if (slo.budget === 0) {
    const scenario = { intervalMs: MINUTE_MS, phases: [{ steps: 30, total: EVENTS_PER_SAMPLE, bad: 1 }] };
    return [
      budgetLowGroup(
        slos,
        slo,
        { scenario, atMs: 30 * MINUTE_MS },
        { severity: 'critical', name: 'one bad event spends a zero budget' },
      ),
    ];
  }
  return SPENT_SHARES.map(({ spent, severity }) =>
    budgetLowGroup(slos, slo, spendingScenario(slo, evalMs, spent), {
      severity,
      name: `${Math.round(spent * 100)} % of the budget spent raises ${severity ?? 'nothing'}`,
    }),
  );
}

function zeroTrafficGroup(slos: readonly BudgetSlo[], evalMs: number, slo: BudgetSlo): TestGroup {
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
function noDataGroup(slos: readonly BudgetSlo[], evalMs: number): TestGroup {
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
