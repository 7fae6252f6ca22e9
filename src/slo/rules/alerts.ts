/**
 * The alerts of one SLO: `ErrorBudgetBurn` once per multiwindow tier, `ErrorBudgetLow` on the
 * budget left this period (the spec's policy: warning under 20 %, critical under 10 %, unless
 * `alerting.remainingBudgetAlerts: false`), and `SLODataAbsent`.
 */
import { stripFloatNoise } from '../budget.js';
import type { BudgetSlo, PrometheusSource } from '../model.js';
import { fillWindow } from '../promql/window.js';
import type { BurnRateTier } from '../windows.js';
import { REMAINING, ratioOf } from './budget-group.js';
import { identityLabels, ofSlo } from './identity.js';
import { promDuration } from './promql.js';
import { ABSENT_ALERT, type AlertingRule, BUDGET_LOW_ALERT, BURN_ALERT } from './types.js';

/** Go-template text that asks Prometheus for the remaining budget when the alert is rendered. */
export const REMAINING_BUDGET_TEMPLATE =
  `{{ with printf "${REMAINING}{slo_id=%q}" $labels.slo_id | query }}` +
  '{{ . | first | value | humanizePercentage }}{{ else }}unknown{{ end }}';

/** The summary of an `ErrorBudgetBurn` alert, once Prometheus expands its labels. */
export function burnSummary(
  slo: BudgetSlo,
  tier: BurnRateTier,
  names = { service: slo.service, slo: slo.name },
): string {
  const long = promDuration(tier.longWindowMs);
  const short = promDuration(tier.shortWindowMs);
  return `${names.service} ${names.slo}: error budget burning over ${tier.factor}× in the last ${long} and ${short} (${tier.name})`;
}

export function burnDescription(slo: BudgetSlo, tier: BurnRateTier): string {
  const long = promDuration(tier.longWindowMs);
  return `At this rate ${stripFloatNoise(tier.budgetShare * 100)} % of the ${promDuration(slo.period.nominalMs)} budget is gone within ${long}.`;
}

function burnAlert(slo: BudgetSlo, tier: BurnRateTier): AlertingRule {
  const long = promDuration(tier.longWindowMs);
  const short = promDuration(tier.shortWindowMs);
  const threshold = `(${tier.factor} * ${slo.budget})`;
  const annotations: Record<string, string> = {
    summary: burnSummary(slo, tier, { service: '{{ $labels.service }}', slo: '{{ $labels.slo }}' }),
    remaining_budget: REMAINING_BUDGET_TEMPLATE,
    description: burnDescription(slo, tier),
  };
  if (slo.links.runbook !== undefined) annotations.runbook_url = slo.links.runbook;
  if (slo.links.dashboard !== undefined) annotations.dashboard_url = slo.links.dashboard;
  return {
    alert: BURN_ALERT,
    expr: `${ratioOf(slo, tier.longWindowMs)} > ${threshold}\nand\n${ratioOf(slo, tier.shortWindowMs)} > ${threshold}`,
    labels: { ...identityLabels(slo), severity: tier.severity, burn_tier: tier.name, long, short },
    annotations,
  };
}

/** Summary of an ErrorBudgetLow alert (in the rule: Go templates for the service, SLO and value). */
export function budgetLowSummary(
  slo: BudgetSlo,
  names: { service: string; slo: string },
  left: string,
): string {
  return `${names.service} ${names.slo}: ${left} of the ${promDuration(slo.period.nominalMs)} error budget left`;
}

/** Critical under `criticalRemaining`, warning from there up to `warningRemaining` (one at a time). */
function budgetLowAlerts(slo: BudgetSlo): AlertingRule[] {
  if (slo.remainingBudgetAlerts === false) return [];
  const remaining = ofSlo(REMAINING, slo);
  const { criticalRemaining, warningRemaining } = slo.thresholds;
  const alert = (severity: 'critical' | 'warning', expr: string): AlertingRule => ({
    alert: BUDGET_LOW_ALERT,
    expr,
    labels: { ...identityLabels(slo), severity },
    annotations: {
      summary: budgetLowSummary(
        slo,
        { service: '{{ $labels.service }}', slo: '{{ $labels.slo }}' },
        '{{ $value | humanizePercentage }}',
      ),
    },
  });
  return [
    alert('critical', `${remaining} < ${criticalRemaining}`),
    alert('warning', `${remaining} < ${warningRemaining}\nand\n${remaining} >= ${criticalRemaining}`),
  ];
}

/** What must exist for the SLI to be computed; absent() of it fires when the metric is gone. */
export function presenceExpr(source: PrometheusSource): string {
  switch (source.kind) {
    case 'histogram':
      return `${source.metric}_count${source.selector === '' ? '' : `{${source.selector}}`}`;
    case 'ratio':
      return fillWindow(source.totalQuery, '5m').trim();
    case 'error-ratio':
      return fillWindow(source.query, '5m').trim();
    case 'gauge':
      return source.query.trim();
  }
}

function absentAlert(slo: BudgetSlo, source: PrometheusSource): AlertingRule {
  const fastest = Math.min(...slo.tiers.map((tier) => tier.shortWindowMs));
  return {
    alert: ABSENT_ALERT,
    expr: `absent(${presenceExpr(source)})`,
    for: promDuration(fastest),
    labels: { ...identityLabels(slo), severity: 'warning' },
    annotations: {
      summary: `${slo.service} ${slo.name}: no data for the SLI, so no burn-rate alert can fire`,
    },
  };
}

export function alertRules(slo: BudgetSlo, source: PrometheusSource): AlertingRule[] {
  return [
    ...slo.tiers.map((tier) => burnAlert(slo, tier)),
    ...budgetLowAlerts(slo),
    absentAlert(slo, source),
  ];
}
