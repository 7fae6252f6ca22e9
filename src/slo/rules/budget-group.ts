/**
 * The budget recordings of one SLO (Sloth's names where they exist): objective, budget, period,
 * burn rates, the share of the period elapsed, and the budget spent and left so far. Spent is
 * E(period so far) / B × elapsed share: what the errors so far cost out of the whole period's
 * budget, never the first minutes' ratio stretched over the period.
 */
import { stripFloatNoise } from '../budget.js';
import type { BudgetSlo } from '../model.js';
import { identityLabels, ofSlo } from './identity.js';
import {
  CALENDAR_MAX_MS,
  calendarLengthExpr,
  calendarRatioExpr,
  calendarStartExpr,
  rollingElapsedExpr,
} from './period.js';
import { presenceSelector, recordedWindows } from './promql.js';
import { sliRecord } from './sli-group.js';
import type { RecordingRule } from './types.js';

export const PERIOD_RATIO = 'slo:period_sli_error:ratio';
export const REMAINING = 'slo:period_error_budget_remaining:ratio';

/** `max without (window) (slo:sli_error:ratio_rate5m{slo_id="x"})`: the window label dropped for joins. */
export const ratioOf = (slo: BudgetSlo, windowMs: number): string =>
  `max without (window) (${ofSlo(sliRecord(windowMs), slo)})`;

function periodRules(slo: BudgetSlo, record: (name: string, expr: string) => RecordingRule): RecordingRule[] {
  const shortest = recordedWindows(slo)[0] ?? slo.period.nominalMs;
  const period = slo.period;
  if (period.kind === 'rolling') {
    const presence =
      presenceSelector(slo.prometheus ?? { kind: 'error-ratio', query: '' }) ??
      ofSlo(sliRecord(shortest), slo);
    return [
      record(PERIOD_RATIO, ratioOf(slo, period.nominalMs)),
      record('slo:period_elapsed:ratio', rollingElapsedExpr(period.nominalMs, presence)),
    ];
  }
  const tile = tileWindowMs(recordedWindows(slo), CALENDAR_MAX_MS[period.unit]);
  const start = ofSlo('slo:period_start:timestamp', slo);
  const length = ofSlo('slo:period_length:seconds', slo);
  return [
    record('slo:period_start:timestamp', calendarStartExpr(period.unit, period.timeZone)),
    record('slo:period_length:seconds', calendarLengthExpr(slo, period.unit, period.timeZone)),
    record(PERIOD_RATIO, calendarRatioExpr(slo, period.unit, sliRecord(tile), tile)),
    record('slo:period_elapsed:ratio', `clamp_max((time() - ${start}) / ${length}, 1)`),
  ];
}

/**
 * The recorded window whose ratio, read every window length, tiles a calendar period: the shortest
 * one that keeps the subquery under 2,000 steps (promtool's test engine refuses queries that load
 * more than 10,000 samples; Prometheus allows 50 million).
 */
export function tileWindowMs(windows: readonly number[], periodMaxMs: number): number {
  return (
    windows.find((windowMs) => periodMaxMs / windowMs <= 2_000) ?? windows[windows.length - 1] ?? periodMaxMs
  );
}

export function budgetRules(slo: BudgetSlo): RecordingRule[] {
  const labels = identityLabels(slo);
  const record = (name: string, expr: string): RecordingRule => ({ record: name, expr, labels });
  const shortest = recordedWindows(slo)[0] ?? slo.period.nominalMs;
  const rules = [
    record('slo:objective:ratio', `vector(${slo.objective})`),
    record('slo:error_budget:ratio', `vector(${slo.budget})`),
    record('slo:time_period:days', `vector(${stripFloatNoise(slo.period.nominalMs / 86_400_000)})`),
    ...periodRules(slo, record),
  ];
  const periodRatio = ofSlo(PERIOD_RATIO, slo);
  const elapsed = ofSlo('slo:period_elapsed:ratio', slo);
  if (slo.budget === 0) {
    // No budget: the first bad event spends all of it.
    rules.push(record(REMAINING, `1 - (${periodRatio} > bool 0)`));
    return rules;
  }
  rules.push(
    record('slo:current_burn_rate:ratio', `${ratioOf(slo, shortest)} / ${slo.budget}`),
    record('slo:period_burn_rate:ratio', `${periodRatio} / ${slo.budget}`),
    record(
      'slo:period_error_budget_consumed:ratio',
      `${ofSlo('slo:period_burn_rate:ratio', slo)} * ${elapsed}`,
    ),
    record(REMAINING, `1 - ${ofSlo('slo:period_error_budget_consumed:ratio', slo)}`),
  );
  return rules;
}
