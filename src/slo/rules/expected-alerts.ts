/**
 * The alerts promtool should see at a time, predicted by simulate.ts for every SLO (two SLOs
 * can read the same series), with their labels and annotations expanded as Prometheus would.
 */
import { remainingBudgetLevel } from '../alert-policy.js';
import type { BudgetSlo } from '../model.js';
import { budgetLowSummary, burnDescription, burnSummary } from './alerts.js';
import { goFormat4g } from './go-format.js';
import { promDuration } from './promql.js';
import { type Counters, countersFor, remainingAt, type Scenario, tierState } from './simulate.js';
import type { TestSeries } from './test-series.js';

export { goFormat4g } from './go-format.js';

export interface ExpectedAlert {
  exp_labels: Record<string, string>;
  exp_annotations: Record<string, string>;
}

function annotationsFor(
  slo: BudgetSlo,
  tier: BudgetSlo['tiers'][number],
  remaining: number | undefined,
): Record<string, string> {
  const annotations: Record<string, string> = {
    summary: burnSummary(slo, tier),
    remaining_budget: remaining === undefined ? 'unknown' : `${goFormat4g(remaining * 100)}%`,
    description: burnDescription(slo, tier),
  };
  if (slo.links.runbook !== undefined) annotations.runbook_url = slo.links.runbook;
  if (slo.links.dashboard !== undefined) annotations.dashboard_url = slo.links.dashboard;
  return annotations;
}

const identity = (slo: BudgetSlo) => ({ ...slo.labels, slo_id: slo.id, slo: slo.name, service: slo.service });

/** The remaining budget under both sample rules, or 'ambiguous' when they differ or cannot be modelled. */
function remainingBoth(
  slo: BudgetSlo,
  counters: Counters,
  scenario: Scenario,
  atMs: number,
): number | undefined | 'ambiguous' {
  if (slo.period.kind !== 'rolling') return 'ambiguous';
  const [closed, open] = [false, true].map((leftOpen) =>
    remainingAt(slo, counters, scenario.intervalMs, atMs, leftOpen),
  );
  if (closed === undefined && open === undefined) return undefined;
  if (closed === undefined || open === undefined || Math.abs(closed - open) > 1e-9) return 'ambiguous';
  return closed;
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
      const remaining = remainingBoth(slo, counters, scenario, atMs);
      if (remaining === 'ambiguous') return undefined;
      alerts.push({
        exp_labels: {
          ...identity(slo),
          severity: tier.severity,
          burn_tier: tier.name,
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
 * thresholds), or undefined when a value sits on a threshold or the two sample rules disagree.
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
    const remaining = remainingBoth(slo, countersFor(slo, series, scenario), scenario, atMs);
    if (remaining === 'ambiguous') return undefined;
    if (remaining === undefined) continue;
    const { criticalRemaining, warningRemaining } = slo.thresholds;
    const near = (limit: number) => Math.abs(remaining - limit) <= 1e-9;
    if (near(criticalRemaining) || near(warningRemaining)) return undefined;
    const severity = remainingBudgetLevel(remaining, slo.thresholds);
    if (severity === 'ok') continue;
    alerts.push({
      exp_labels: { ...identity(slo), severity },
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
