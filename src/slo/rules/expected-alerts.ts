/**
 * The alerts promtool should see at a time, predicted by simulate.ts for every SLO (two SLOs
 * can read the same series), with their labels and annotations expanded as Prometheus would.
 */
import { remainingBudgetLevel } from '../alert-policy.js';
import { stripFloatNoise } from '../budget.js';
import type { BudgetSlo } from '../model.js';
import { promDuration } from './promql.js';
import { budgetLowSummary } from './rules.js';
import { countersFor, type Scenario, tierState, windowRatio } from './simulate.js';
import type { TestSeries } from './test-series.js';

export interface ExpectedAlert {
  exp_labels: Record<string, string>;
  exp_annotations: Record<string, string>;
}

/** Go's `%.4g` (what `humanizePercentage` prints), for the expected annotation text. */
export function goFormat4g(value: number): string {
  if (value === 0) return '0';
  const rounded = Number(value.toPrecision(4));
  const exponent = Math.floor(Math.log10(Math.abs(rounded)));
  if (exponent < -4 || exponent >= 4) {
    const [mantissa = '', power = '0'] = rounded.toExponential(3).split('e');
    const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    const sign = power.startsWith('-') ? '-' : '+';
    return `${trimmed}e${sign}${power.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  return String(rounded);
}

function annotationsFor(
  slo: BudgetSlo,
  tier: BudgetSlo['tiers'][number],
  remaining: number | undefined,
): Record<string, string> {
  const long = promDuration(tier.longWindowMs);
  const short = promDuration(tier.shortWindowMs);
  const annotations: Record<string, string> = {
    summary: `${slo.service} ${slo.name}: error budget burning over ${tier.factor}× in the last ${long} and ${short} (${tier.name})`,
    remaining_budget: remaining === undefined ? 'unknown' : `${goFormat4g(remaining * 100)}%`,
    description:
      `At this rate ${stripFloatNoise(tier.budgetShare * 100)} % of the ${promDuration(slo.period.nominalMs)} budget ` +
      `is gone within ${long}.`,
  };
  if (slo.links.runbook !== undefined) annotations.runbook_url = slo.links.runbook;
  if (slo.links.dashboard !== undefined) annotations.dashboard_url = slo.links.dashboard;
  return annotations;
}

/** Every `ErrorBudgetBurn` alert firing at `atMs`, or undefined when any tier is ambiguous then. */
export function expectedBurnAlerts(
  slos: readonly BudgetSlo[],
  series: readonly TestSeries[],
  scenario: Scenario,
  atMs: number,
): ExpectedAlert[] | undefined {
  const alerts: ExpectedAlert[] = [];
  for (const slo of slos) {
    if (slo.prometheus === undefined) continue;
    const counters = countersFor(slo, series, scenario);
    for (const tier of slo.tiers) {
      const state = tierState(slo, tier, counters, scenario.intervalMs, atMs);
      if (state === 'ambiguous') return undefined;
      if (state === 'quiet') continue;
      const periodRatio = windowRatio(counters, scenario.intervalMs, atMs, slo.period.nominalMs, false);
      const remaining = periodRatio === undefined ? undefined : 1 - periodRatio / slo.budget;
      alerts.push({
        exp_labels: {
          ...slo.labels,
          slo: slo.name,
          service: slo.service,
          severity: tier.severity,
          tier: tier.name,
          long: promDuration(tier.longWindowMs),
          short: promDuration(tier.shortWindowMs),
        },
        exp_annotations: annotationsFor(slo, tier, remaining),
      });
    }
  }
  return alerts;
}

/**
 * Every `ErrorBudgetLow` alert firing at `atMs` (the budget left this period under the SLO's
 * thresholds), or undefined when a ratio sits on a threshold or the two sample rules disagree.
 */
export function expectedBudgetLowAlerts(
  slos: readonly BudgetSlo[],
  series: readonly TestSeries[],
  scenario: Scenario,
  atMs: number,
): ExpectedAlert[] | undefined {
  const alerts: ExpectedAlert[] = [];
  for (const slo of slos) {
    if (slo.prometheus === undefined || slo.remainingBudgetAlerts === false) continue;
    const counters = countersFor(slo, series, scenario);
    const [closed, open] = [false, true].map((leftOpen) =>
      windowRatio(counters, scenario.intervalMs, atMs, slo.period.nominalMs, leftOpen),
    );
    if (closed !== open) return undefined;
    if (closed === undefined) continue;
    const remaining = 1 - closed / slo.budget;
    const { criticalRemaining, warningRemaining } = slo.thresholds;
    const near = (limit: number) => Math.abs(remaining - limit) <= 1e-9;
    if (near(criticalRemaining) || near(warningRemaining)) return undefined;
    const severity = remainingBudgetLevel(remaining, slo.thresholds);
    if (severity === 'ok') continue;
    alerts.push({
      exp_labels: { ...slo.labels, slo: slo.name, service: slo.service, severity },
      exp_annotations: {
        summary: budgetLowSummary(
          slo,
          { service: slo.service, slo: slo.name },
          `${goFormat4g(remaining * 100)}%`,
        ),
      },
    });
  }
  return alerts;
}
