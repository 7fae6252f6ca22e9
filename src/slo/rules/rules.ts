/**
 * Prometheus rules for SLOs, as plain data (the CLI prints them as YAML): per SLO one group of
 * error-ratio recordings (Sloth's `slo:sli_error:ratio_rate<window>` names), one of budget
 * recordings, and one of alerts: `ErrorBudgetBurn` once per multiwindow tier, `ErrorBudgetLow`
 * on the budget left this period (the spec's policy: warning under 20 %, critical under 10 %,
 * unless `alerting.remainingBudgetAlerts: false`), plus `SLODataAbsent`.
 */
import { stripFloatNoise } from '../budget.js';
import type { BudgetSlo } from '../model.js';
import type { BurnRateTier } from '../windows.js';
import { errorRatioExpr, promDuration, recordedWindows } from './promql.js';

export const BURN_ALERT = 'ErrorBudgetBurn';
export const ABSENT_ALERT = 'SLODataAbsent';
export const BUDGET_LOW_ALERT = 'ErrorBudgetLow';

export interface RecordingRule {
  record: string;
  expr: string;
  labels: Record<string, string>;
}

export interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface RuleGroup {
  name: string;
  rules: (RecordingRule | AlertingRule)[];
}

export interface RuleFile {
  groups: RuleGroup[];
}

/** Group names of one SLO, in the order they must be evaluated. */
export function groupNames(slo: BudgetSlo): { sli: string; budget: string; alerts: string } {
  const base = `perfgate-slo-${slo.service}-${slo.name}`;
  return { sli: `${base}-sli`, budget: `${base}-budget`, alerts: `${base}-alerts` };
}

export const sliRecord = (windowMs: number): string => `slo:sli_error:ratio_rate${promDuration(windowMs)}`;

/** `slo:sli_error:ratio_rate5m{slo="x"}` without its window label. */
function ratioOf(slo: BudgetSlo, windowMs: number): string {
  return `max without (window) (${sliRecord(windowMs)}{slo="${slo.name}"})`;
}

function identity(slo: BudgetSlo): Record<string, string> {
  return { ...slo.labels, slo: slo.name, service: slo.service };
}

function sliGroup(slo: BudgetSlo, source: NonNullable<BudgetSlo['prometheus']>): RuleGroup {
  return {
    name: groupNames(slo).sli,
    rules: recordedWindows(slo).map((windowMs) => ({
      record: sliRecord(windowMs),
      expr: errorRatioExpr(source, promDuration(windowMs)),
      labels: { ...identity(slo), window: promDuration(windowMs) },
    })),
  };
}

function budgetGroup(slo: BudgetSlo): RuleGroup {
  const labels = identity(slo);
  const shortest = recordedWindows(slo)[0] ?? slo.period.nominalMs;
  const record = (name: string, expr: string): RecordingRule => ({ record: name, expr, labels });
  return {
    name: groupNames(slo).budget,
    rules: [
      record('slo:objective:ratio', `vector(${slo.objective})`),
      record('slo:error_budget:ratio', `vector(${slo.budget})`),
      record('slo:time_period:days', `vector(${stripFloatNoise(slo.period.nominalMs / 86_400_000)})`),
      record('slo:current_burn_rate:ratio', `${ratioOf(slo, shortest)} / ${slo.budget}`),
      record('slo:period_burn_rate:ratio', `${ratioOf(slo, slo.period.nominalMs)} / ${slo.budget}`),
      record('slo:period_error_budget_remaining:ratio', `1 - slo:period_burn_rate:ratio{slo="${slo.name}"}`),
    ],
  };
}

/** Go-template text that asks Prometheus for the remaining budget when the alert is rendered. */
export const REMAINING_BUDGET_TEMPLATE =
  '{{ with printf "slo:period_error_budget_remaining:ratio{slo=%q}" $labels.slo | query }}' +
  '{{ . | first | value | humanizePercentage }}{{ else }}unknown{{ end }}';

function burnAlert(slo: BudgetSlo, tier: BurnRateTier): AlertingRule {
  const long = promDuration(tier.longWindowMs);
  const short = promDuration(tier.shortWindowMs);
  const threshold = `(${tier.factor} * ${slo.budget})`;
  const annotations: Record<string, string> = {
    summary:
      `{{ $labels.service }} {{ $labels.slo }}: error budget burning over ${tier.factor}× ` +
      `in the last ${long} and ${short} (${tier.name})`,
    remaining_budget: REMAINING_BUDGET_TEMPLATE,
    description:
      `At this rate ${stripFloatNoise(tier.budgetShare * 100)} % of the ${promDuration(slo.period.nominalMs)} budget ` +
      `is gone within ${long}.`,
  };
  if (slo.links.runbook !== undefined) annotations.runbook_url = slo.links.runbook;
  if (slo.links.dashboard !== undefined) annotations.dashboard_url = slo.links.dashboard;
  return {
    alert: BURN_ALERT,
    expr: `${ratioOf(slo, tier.longWindowMs)} > ${threshold}\nand\n${ratioOf(slo, tier.shortWindowMs)} > ${threshold}`,
    labels: { ...identity(slo), severity: tier.severity, tier: tier.name, long, short },
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
  const remaining = `slo:period_error_budget_remaining:ratio{slo="${slo.name}"}`;
  const { criticalRemaining, warningRemaining } = slo.thresholds;
  const alert = (severity: 'critical' | 'warning', expr: string): AlertingRule => ({
    alert: BUDGET_LOW_ALERT,
    expr,
    labels: { ...identity(slo), severity },
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
export function presenceExpr(source: NonNullable<BudgetSlo['prometheus']>): string {
  if (source.kind === 'histogram') {
    return `${source.metric}_count${source.selector === '' ? '' : `{${source.selector}}`}`;
  }
  return source.totalQuery.replaceAll('{{window}}', '5m');
}

function absentAlert(slo: BudgetSlo, source: NonNullable<BudgetSlo['prometheus']>): AlertingRule {
  const fastest = Math.min(...slo.tiers.map((tier) => tier.shortWindowMs));
  return {
    alert: ABSENT_ALERT,
    expr: `absent(${presenceExpr(source)})`,
    for: promDuration(fastest),
    labels: { ...identity(slo), severity: 'warning' },
    annotations: {
      summary: `${slo.service} ${slo.name}: no data for the SLI, so no burn-rate alert can fire`,
    },
  };
}

/** The rules of every SLO that has a budget and a `prometheus:` source; the others are listed in `skipped`. */
export function generateRules(slos: readonly BudgetSlo[]): RuleFile {
  const groups: RuleGroup[] = [];
  for (const slo of slos) {
    const source = slo.prometheus;
    if (source === undefined) continue;
    groups.push(sliGroup(slo, source), budgetGroup(slo), {
      name: groupNames(slo).alerts,
      rules: [
        ...slo.tiers.map((tier) => burnAlert(slo, tier)),
        ...budgetLowAlerts(slo),
        absentAlert(slo, source),
      ],
    });
  }
  return { groups };
}
