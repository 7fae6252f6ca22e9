/**
 * Prometheus rules for SLOs, as plain data (the CLI prints them as YAML): per SLO one group of
 * error-ratio recordings, one of budget recordings and one of alerts. Every series and alert
 * carries the SLO's `slo_id`, so any number of configs can share one Prometheus; every expression
 * is checked with Prometheus' grammar before it is handed out.
 */
import { PerfgateError } from '../../core/errors.js';
import type { BudgetSlo } from '../model.js';
import { checkPromql } from '../promql/check.js';
import { alertRules } from './alerts.js';
import { budgetRules } from './budget-group.js';
import { sliRules } from './sli-group.js';
import type { RuleFile, RuleGroup } from './types.js';

export {
  budgetLowSummary,
  burnDescription,
  burnSummary,
  presenceExpr,
  REMAINING_BUDGET_TEMPLATE,
} from './alerts.js';
export { sliRecord } from './sli-group.js';
export * from './types.js';

/** Group names of one SLO, in the order they must be evaluated. */
export function groupNames(slo: BudgetSlo): { sli: string; budget: string; alerts: string } {
  const base = `perfgate-slo-${slo.id}`;
  return { sli: `${base}-sli`, budget: `${base}-budget`, alerts: `${base}-alerts` };
}

/** Throws `INVALID_ARGUMENT` naming the SLO and rule of every expression Prometheus would reject. */
function assertValid(slo: BudgetSlo, groups: readonly RuleGroup[]): void {
  const problems = groups.flatMap((group) =>
    group.rules.flatMap((rule) =>
      checkPromql(rule.expr).map(
        (issue) =>
          `${'record' in rule ? rule.record : rule.alert}: ${issue.message}\n    ${rule.expr.replaceAll('\n', ' ')}`,
      ),
    ),
  );
  if (problems.length > 0) {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `${slo.id}: generated rules Prometheus would reject:\n  ${problems.join('\n  ')}`,
      {
        hint: 'check the SLI queries with `perfgate validate`',
      },
    );
  }
}

/** The rules of every SLO that has a budget and a `prometheus:` source; the others are left out. */
export function generateRules(slos: readonly BudgetSlo[]): RuleFile {
  const groups: RuleGroup[] = [];
  for (const slo of slos) {
    const source = slo.prometheus;
    if (source === undefined) continue;
    const names = groupNames(slo);
    const own: RuleGroup[] = [
      { name: names.sli, rules: sliRules(slo, source) },
      { name: names.budget, rules: budgetRules(slo) },
      { name: names.alerts, rules: alertRules(slo, source) },
    ];
    assertValid(slo, own);
    groups.push(...own);
  }
  return { groups };
}
