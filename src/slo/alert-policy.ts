/**
 * Rules over budget numbers: the spec's severity policy and the multiwindow tier check.
 */
import { PerfgateError } from '../core/errors.js';
import type { BudgetStatus } from './budget.js';
import type { BurnRateTier } from './windows.js';

/** Thresholds of the severity policy; comparisons are strict (`>` for burn, `<` for remaining). */
export interface AlertThresholds {
  /** Critical when BR > this. */
  criticalBurnRate: number;
  /** Critical when R < this (a fraction of the budget). */
  criticalRemaining: number;
  /** Warning when BR > this. */
  warningBurnRate: number;
  /** Warning when R < this. */
  warningRemaining: number;
}

export const DEFAULT_ALERT_THRESHOLDS: Readonly<AlertThresholds> = {
  criticalBurnRate: 5,
  criticalRemaining: 0.1,
  warningBurnRate: 2,
  warningRemaining: 0.2,
};

export type AlertLevel = 'critical' | 'warning' | 'ok';

/** Why a level was chosen: the measured value and the threshold it crossed. */
export interface AlertReason {
  kind: 'burn-rate' | 'remaining-budget';
  value: number;
  threshold: number;
}

/** `ok` is the informational level; `no-data` when the window saw no traffic. */
export type AlertVerdict = { level: AlertLevel; reasons: AlertReason[] } | { level: 'no-data'; reasons: [] };

/** Every problem with a threshold set (empty when valid); critical must be stricter than warning. */
export function validateThresholds(thresholds: AlertThresholds): string[] {
  const issues: string[] = [];
  const { criticalBurnRate, criticalRemaining, warningBurnRate, warningRemaining } = thresholds;
  if (!(warningBurnRate > 0)) issues.push('warningBurnRate must be > 0');
  if (!(criticalBurnRate >= warningBurnRate)) issues.push('criticalBurnRate must be >= warningBurnRate');
  if (!(warningRemaining > 0 && warningRemaining <= 1)) issues.push('warningRemaining must be in (0, 1]');
  if (!(criticalRemaining >= 0 && criticalRemaining <= warningRemaining)) {
    issues.push('criticalRemaining must be in [0, warningRemaining]');
  }
  return issues;
}

const SEVERITY_RANK: Readonly<Record<AlertLevel, number>> = { ok: 0, warning: 1, critical: 2 };

/** The policy on the budget left alone: a nearly spent budget alerts even while the burn is slow. */
export function remainingBudgetLevel(remaining: number, thresholds: AlertThresholds): AlertLevel {
  if (remaining < thresholds.criticalRemaining) return 'critical';
  if (remaining < thresholds.warningRemaining) return 'warning';
  return 'ok';
}

/** The more severe of two levels. */
export function moreSevere(a: AlertLevel, b: AlertLevel): AlertLevel {
  return SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a;
}

function reasonsAt(
  burnRate: number,
  remaining: number,
  burnLimit: number,
  remainingLimit: number,
): AlertReason[] {
  const reasons: AlertReason[] = [];
  if (burnRate > burnLimit) reasons.push({ kind: 'burn-rate', value: burnRate, threshold: burnLimit });
  if (remaining < remainingLimit) {
    reasons.push({ kind: 'remaining-budget', value: remaining, threshold: remainingLimit });
  }
  return reasons;
}

/**
 * critical when BR > 5 or R < 10 %; warning when BR > 2 or R < 20 %; else ok (defaults).
 * Throws `INVALID_ARGUMENT` for inconsistent thresholds.
 */
export function classifyBudget(status: BudgetStatus, overrides: Partial<AlertThresholds> = {}): AlertVerdict {
  const t: AlertThresholds = { ...DEFAULT_ALERT_THRESHOLDS, ...overrides };
  const issues = validateThresholds(t);
  if (issues.length > 0) {
    throw new PerfgateError('INVALID_ARGUMENT', `Invalid alert thresholds: ${issues.join('; ')}`);
  }
  if (status.state === 'no-data') return { level: 'no-data', reasons: [] };
  const critical = reasonsAt(status.burnRate, status.remaining, t.criticalBurnRate, t.criticalRemaining);
  if (critical.length > 0) return { level: 'critical', reasons: critical };
  const warning = reasonsAt(status.burnRate, status.remaining, t.warningBurnRate, t.warningRemaining);
  if (warning.length > 0) return { level: 'warning', reasons: warning };
  return { level: 'ok', reasons: [] };
}

/** Burn rate measured over a window, keyed by the window length in ms. */
export type BurnRateByWindow = ReadonlyMap<number, number>;

/** A tier fires when BR(long) > f and BR(short) > f; a missing measurement never fires. */
export function tierFires(tier: BurnRateTier, burnRateByWindow: BurnRateByWindow): boolean {
  const long = burnRateByWindow.get(tier.longWindowMs);
  const short = burnRateByWindow.get(tier.shortWindowMs);
  return long !== undefined && short !== undefined && long > tier.factor && short > tier.factor;
}

/**
 * The tier that would fire, or undefined: among firing tiers, the most severe, then the one with
 * the highest factor (the fastest burn), then the earliest in `tiers`.
 */
export function firingTier(
  tiers: readonly BurnRateTier[],
  burnRateByWindow: BurnRateByWindow,
): BurnRateTier | undefined {
  let best: BurnRateTier | undefined;
  for (const tier of tiers) {
    if (!tierFires(tier, burnRateByWindow)) continue;
    const outranks =
      best === undefined ||
      SEVERITY_RANK[tier.severity] > SEVERITY_RANK[best.severity] ||
      (tier.severity === best.severity && tier.factor > best.factor);
    if (outranks) best = tier;
  }
  return best;
}
