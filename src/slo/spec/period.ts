/** The budget period of a spec and the burn-rate tiers for it (src/slo/windows.ts `tierPlan`). */

import type { CalendarUnit, SloPeriod, TierOrigin } from '../model.js';
import type { BurnRateTier } from '../windows.js';
import { type TierSpec, tierPlan, tiersForPeriod, validateTiers } from '../windows.js';
import { issueAt, type SloSpec, type SpecReport, type TierSpecInput } from './types.js';

const DAY_MS = 86_400_000;

/** Nominal lengths of calendar periods (policy: a month is 30d, a quarter 90d, for factors and rules). */
export const CALENDAR_NOMINAL_MS: Readonly<Record<CalendarUnit, number>> = {
  week: 7 * DAY_MS,
  month: 30 * DAY_MS,
  quarter: 90 * DAY_MS,
};

export const DEFAULT_PERIOD_MS = 30 * DAY_MS;

export function periodOf(spec: SloSpec): SloPeriod {
  const period = spec.errorBudget?.period ?? DEFAULT_PERIOD_MS;
  if (typeof period === 'number') return { kind: 'rolling', nominalMs: period };
  const timeZone = spec.errorBudget?.timezone ?? 'UTC';
  return { kind: 'calendar', unit: period, timeZone, nominalMs: CALENDAR_NOMINAL_MS[period] };
}

function tierSpecs(inputs: readonly TierSpecInput[]): TierSpec[] {
  return inputs.map(({ name, severity, long, short, factor, budgetPercent }) => {
    const windows = { name, severity, longWindowMs: long, shortWindowMs: short };
    return factor !== undefined
      ? { ...windows, factor }
      : { ...windows, budgetShare: (budgetPercent ?? 0) / 100 };
  });
}

/** Configured windows: `errorBudget.windows`, or their older name `alerting.tiers` (not both). */
function configuredWindows(
  spec: SloSpec,
  report: SpecReport,
): { path: string[]; tiers: TierSpec[] } | undefined {
  const windows = spec.errorBudget?.windows;
  const tiers = spec.alerting?.tiers;
  if (windows !== undefined && tiers !== undefined) {
    issueAt(
      report,
      ['alerting', 'tiers'],
      'give the windows once: errorBudget.windows (alerting.tiers is its older name)',
    );
  }
  if (windows !== undefined) return { path: ['errorBudget', 'windows'], tiers: tierSpecs(windows) };
  if (tiers !== undefined) return { path: ['alerting', 'tiers'], tiers: tierSpecs(tiers) };
  return undefined;
}

export function tiersOf(
  spec: SloSpec,
  period: SloPeriod,
  report: SpecReport,
): { tiers: BurnRateTier[]; origin: TierOrigin } {
  const configured = configuredWindows(spec, report);
  const none = { tiers: [], origin: { kind: 'custom' as const, explanation: 'no valid burn-rate windows' } };
  if (configured !== undefined) {
    let valid = true;
    configured.tiers.forEach((tier, index) => {
      for (const message of validateTiers([tier], period.nominalMs)) {
        issueAt(report, [...configured.path, index], message);
        valid = false;
      }
    });
    const names = configured.tiers.map((tier) => tier.name);
    names.forEach((name, index) => {
      if (names.indexOf(name) !== index) {
        issueAt(report, [...configured.path, index, 'name'], `duplicate window name "${name}"`);
        valid = false;
      }
    });
    if (!valid) return none;
  }
  const plan = tierPlan(period.nominalMs, configured?.tiers);
  if (plan.state === 'invalid') {
    issueAt(report, ['errorBudget', 'period'], plan.message);
    return none;
  }
  return {
    tiers: tiersForPeriod(period.nominalMs, plan.tiers),
    origin: { kind: plan.kind, explanation: plan.explanation },
  };
}
