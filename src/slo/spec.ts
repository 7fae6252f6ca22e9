/**
 * The one place that turns the written shape of an SLO (src/slo/spec/types.ts, mirroring the
 * config's `slos:` entries) into the model. Every check that `slo rules`, `slo check` and `monitor`
 * rely on happens here, each problem located at its field, so `validate` reports them all.
 */
import { PerfgateError } from '../core/errors.js';
import { DEFAULT_ALERT_THRESHOLDS, validateThresholds } from './alert-policy.js';
import type { Slo } from './model.js';
import { budgetOf, indicatorOf, objectiveOf } from './spec/indicator.js';
import { labelsOf, sloIdOf } from './spec/labels.js';
import { periodOf, tiersOf } from './spec/period.js';
import { prometheusOf } from './spec/prometheus.js';
import type { SloSpec, SpecIssue, SpecReport } from './spec/types.js';

export { PERFGATE_LABELS } from './spec/labels.js';
export { CALENDAR_NOMINAL_MS, DEFAULT_PERIOD_MS } from './spec/period.js';
export type * from './spec/types.js';

export type SloOutcome = { state: 'ok'; slo: Slo } | { state: 'invalid'; issues: SpecIssue[] };

function neverFiringWarnings(slo: Omit<Slo, 'warnings'>): string[] {
  const { budget } = slo;
  if (budget === undefined || budget === 0) return [];
  return slo.tiers
    .filter((tier) => tier.factor * budget >= 1)
    .map(
      (tier) =>
        `tier ${tier.name} can never fire: it needs an error ratio above ${tier.factor} × ${budget * 100} % ≥ 100 %`,
    );
}

/** Validates one spec and builds the model; every problem is listed with its field, none thrown. */
export function sloFromSpec(spec: SloSpec): SloOutcome {
  const report: SpecReport = { issues: [], warnings: [] };
  const id = sloIdOf(spec, report);
  const indicator = indicatorOf(spec, report);
  const objective = objectiveOf(indicator, spec.slo.target);
  const budget = budgetOf(spec, objective, report);
  const period = periodOf(spec);
  const thresholds = { ...DEFAULT_ALERT_THRESHOLDS, ...spec.alerting?.thresholds };
  for (const message of validateThresholds(thresholds))
    report.issues.push({ path: ['alerting', 'thresholds'], message });
  const { tiers, origin } = tiersOf(spec, period, report);
  const prometheus = prometheusOf(spec, indicator, report);
  const labels = labelsOf(spec, report);
  if (report.issues.length > 0) return { state: 'invalid', issues: report.issues };
  const { endpoint, scenario, benchmark, region } = spec.sli;
  const slo: Omit<Slo, 'warnings'> = {
    id,
    name: spec.name,
    service: spec.service,
    indicator,
    target: { value: spec.slo.target, operator: spec.slo.operator },
    period,
    tiers,
    tierOrigin: origin,
    thresholds,
    scope: { endpoint, scenario, benchmark, ...(region === undefined ? {} : { region }) },
    labels,
    links: { runbook: spec.alerting?.runbook, dashboard: spec.alerting?.dashboard },
  };
  const warnings = [
    ...report.warnings,
    ...neverFiringWarnings({ ...slo, ...(budget === undefined ? {} : { budget }) }),
  ];
  const model: Slo = { ...slo, warnings: warnings.map((warning) => `${spec.name}: ${warning}`) };
  if (spec.description !== undefined) model.description = spec.description;
  if (spec.allowUncovered === true) model.allowUncovered = true;
  if (spec.alerting?.remainingBudgetAlerts === false) model.remainingBudgetAlerts = false;
  if (spec.slo.unit !== undefined) model.target.unit = spec.slo.unit;
  if (objective !== undefined && budget !== undefined) Object.assign(model, { objective, budget });
  if (prometheus !== undefined) model.prometheus = prometheus;
  return { state: 'ok', slo: model };
}

const describePath = (path: ReadonlyArray<string | number>): string =>
  path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');

/** Every SLO of a config, or `INVALID_ARGUMENT` listing every problem of every SLO with its field. */
export function slosFromSpecs(specs: readonly SloSpec[]): Slo[] {
  const outcomes = specs.map(sloFromSpec);
  const issues = outcomes.flatMap((outcome, index) =>
    outcome.state === 'invalid'
      ? outcome.issues.map((issue) => `slos[${index}].${describePath(issue.path)}: ${issue.message}`)
      : [],
  );
  const ids = new Map<string, number>();
  outcomes.forEach((outcome, index) => {
    if (outcome.state !== 'ok') return;
    const first = ids.get(outcome.slo.id);
    if (first === undefined) ids.set(outcome.slo.id, index);
    else issues.push(`slos[${index}]: duplicate SLO id "${outcome.slo.id}" (also slos[${first}])`);
  });
  if (issues.length > 0) {
    throw new PerfgateError('INVALID_ARGUMENT', `invalid SLOs:\n  ${issues.join('\n  ')}`, {
      hint: 'fix the slos: section of the config (`perfgate validate` shows each problem with its line)',
    });
  }
  return outcomes.flatMap((outcome) => (outcome.state === 'ok' ? [outcome.slo] : []));
}
