/**
 * Multiwindow, multi-burn-rate alert tiers (Google SRE Workbook ch. 5), kept as data; factors are
 * computed from the windows and the SLO period the way Sloth does (`getBurnRateFactor`).
 */
import { PerfgateError } from '../core/errors.js';
import { stripFloatNoise } from './budget.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The period the workbook's factors 14.4 / 6 / 3 / 1 were written for. */
export const WORKBOOK_PERIOD_MS = 30 * DAY_MS;

export type TierSeverity = 'critical' | 'warning';

interface TierWindows {
  /** Stable name, e.g. `page-fast`. */
  name: string;
  severity: TierSeverity;
  longWindowMs: number;
  /** Guards against alerting long after recovery; must be shorter than the long window. */
  shortWindowMs: number;
}

/**
 * A tier as written: either the share X of the period's budget it may spend within its long
 * window (Sloth's `errorBudgetPercent` / 100), or a fixed burn-rate factor (Pyrra style).
 */
export type TierSpec = TierWindows & ({ budgetShare: number } | { factor: number });

/** A tier resolved for one period: both the budget share and the factor are known. */
export interface BurnRateTier extends TierWindows {
  budgetShare: number;
  /** Fires when the burn rate over both windows exceeds this. */
  factor: number;
}

/** Workbook ch. 5 tiers (page → critical, ticket → warning), period-independent. */
export const WORKBOOK_TIERS: readonly TierSpec[] = [
  {
    name: 'page-fast',
    severity: 'critical',
    longWindowMs: HOUR_MS,
    shortWindowMs: 5 * MINUTE_MS,
    budgetShare: 0.02,
  },
  {
    name: 'page-slow',
    severity: 'critical',
    longWindowMs: 6 * HOUR_MS,
    shortWindowMs: 30 * MINUTE_MS,
    budgetShare: 0.05,
  },
  {
    name: 'ticket-fast',
    severity: 'warning',
    longWindowMs: DAY_MS,
    shortWindowMs: 2 * HOUR_MS,
    budgetShare: 0.1,
  },
  {
    name: 'ticket-slow',
    severity: 'warning',
    longWindowMs: 3 * DAY_MS,
    shortWindowMs: 6 * HOUR_MS,
    budgetShare: 0.1,
  },
];

/** f = X · P / L: the burn rate that spends share X of period P's budget within long window L. */
export function burnRateFactor(budgetShare: number, periodMs: number, longWindowMs: number): number {
  return stripFloatNoise((budgetShare * periodMs) / longWindowMs);
}

/** X = f · L / P: the budget share a fixed factor f spends within long window L of period P. */
export function budgetShareOfFactor(factor: number, periodMs: number, longWindowMs: number): number {
  return stripFloatNoise((factor * longWindowMs) / periodMs);
}

const positive = (value: number): boolean => Number.isFinite(value) && value > 0;

function tierIssues(tier: TierSpec, periodMs: number): string[] {
  const issues: string[] = [];
  const where = `tier ${tier.name}`;
  if (!positive(tier.shortWindowMs)) issues.push(`${where}: short window must be > 0`);
  if (!positive(tier.longWindowMs)) issues.push(`${where}: long window must be > 0`);
  if (!(tier.shortWindowMs < tier.longWindowMs)) issues.push(`${where}: short window must be < long window`);
  if (tier.longWindowMs > periodMs) issues.push(`${where}: long window must not exceed the period`);
  if ('factor' in tier && !positive(tier.factor)) issues.push(`${where}: factor must be > 0`);
  if ('budgetShare' in tier && !(positive(tier.budgetShare) && tier.budgetShare <= 1)) {
    issues.push(`${where}: budget share must be in (0, 1]`);
  }
  return issues;
}

/** Every problem with a tier list for period P (empty when valid); never throws. */
export function validateTiers(tiers: readonly TierSpec[], periodMs: number): string[] {
  if (!positive(periodMs)) return ['period must be > 0'];
  const names = new Set<string>();
  const issues: string[] = [];
  for (const tier of tiers) {
    if (names.has(tier.name)) issues.push(`tier ${tier.name}: duplicate name`);
    names.add(tier.name);
    issues.push(...tierIssues(tier, periodMs));
  }
  return issues;
}

/**
 * Resolves tiers for period P. Budget-share tiers keep their share and get f = X · P / L, so the
 * workbook tiers give 14.4 / 6 / 3 / 1 on 30d and 13.44 / 5.6 / 2.8 / 0.933 on 28d; factor tiers
 * keep their factor and report X = f · L / P. Throws `INVALID_ARGUMENT` listing every issue.
 */
export function tiersForPeriod(
  periodMs: number,
  tiers: readonly TierSpec[] = WORKBOOK_TIERS,
): BurnRateTier[] {
  const issues = validateTiers(tiers, periodMs);
  if (issues.length > 0) {
    throw new PerfgateError('INVALID_ARGUMENT', `Invalid burn-rate tiers: ${issues.join('; ')}`);
  }
  return tiers.map((tier) => {
    const { name, severity, longWindowMs, shortWindowMs } = tier;
    const windows = { name, severity, longWindowMs, shortWindowMs };
    return 'factor' in tier
      ? {
          ...windows,
          factor: tier.factor,
          budgetShare: budgetShareOfFactor(tier.factor, periodMs, longWindowMs),
        }
      : {
          ...windows,
          budgetShare: tier.budgetShare,
          factor: burnRateFactor(tier.budgetShare, periodMs, longWindowMs),
        };
  });
}

/** The periods the workbook tiers are used for unchanged (Sloth's built-in google-28d/30d windows). */
export const WORKBOOK_PERIODS_MS: readonly number[] = [28 * DAY_MS, 30 * DAY_MS];

/** Scaled short windows never go under this: rate() needs several scrapes in a window. */
export const MIN_SCALED_SHORT_WINDOW_MS = 5 * MINUTE_MS;

/** How tiers were chosen for a period: as configured, the workbook's, or the workbook's scaled. */
export type TierPlan =
  | { state: 'ok'; kind: 'workbook' | 'scaled' | 'custom'; tiers: readonly TierSpec[]; explanation: string }
  | { state: 'invalid'; message: string };

const wholeMinutes = (ms: number): number => Math.max(MINUTE_MS, Math.round(ms / MINUTE_MS) * MINUTE_MS);

/**
 * The workbook tiers stretched to period P: every window scaled by P / 30d (whole minutes, short
 * windows at least 5m), every factor kept (14.4 / 6 / 3 / 1), so each tier still spends the same
 * share of the budget and no factor drops below 1. Undefined when P is too short for that (the
 * fastest tier's long window would not be twice its 5-minute short window).
 */
export function scaledWorkbookTiers(periodMs: number): TierSpec[] | undefined {
  const scale = periodMs / WORKBOOK_PERIOD_MS;
  const tiers = WORKBOOK_TIERS.map((tier) => {
    const longWindowMs = wholeMinutes(tier.longWindowMs * scale);
    const shortWindowMs = Math.max(MIN_SCALED_SHORT_WINDOW_MS, wholeMinutes(longWindowMs / 12));
    const factor =
      'factor' in tier
        ? tier.factor
        : burnRateFactor(tier.budgetShare, WORKBOOK_PERIOD_MS, tier.longWindowMs);
    return { name: tier.name, severity: tier.severity, longWindowMs, shortWindowMs, factor };
  });
  return tiers.every((tier) => tier.longWindowMs >= 2 * tier.shortWindowMs) ? tiers : undefined;
}

const describeTier = (tier: TierSpec, periodMs: number): string => {
  const factor =
    'factor' in tier ? tier.factor : burnRateFactor(tier.budgetShare, periodMs, tier.longWindowMs);
  return `${tier.name} ${formatWindow(tier.longWindowMs)}/${formatWindow(tier.shortWindowMs)} ×${factor}`;
};

function formatWindow(ms: number): string {
  for (const [unit, size] of [
    ['d', DAY_MS],
    ['h', HOUR_MS],
    ['m', MINUTE_MS],
  ] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms / 1_000}s`;
}

/**
 * The tier policy: configured windows win; 28d and 30d use the workbook's tiers as Sloth does;
 * any other period gets the workbook tiers scaled to it (factors ≥ 1) or, when it is too short
 * for that, must list its windows.
 */
export function tierPlan(periodMs: number, configured: readonly TierSpec[] | undefined): TierPlan {
  const days = formatWindow(periodMs);
  if (configured !== undefined) {
    const list = configured.map((tier) => describeTier(tier, periodMs)).join(', ');
    return {
      state: 'ok',
      kind: 'custom',
      tiers: configured,
      explanation: `burn-rate windows as configured: ${list}`,
    };
  }
  if (WORKBOOK_PERIODS_MS.includes(periodMs)) {
    const list = WORKBOOK_TIERS.map((tier) => describeTier(tier, periodMs)).join(', ');
    return {
      state: 'ok',
      kind: 'workbook',
      tiers: WORKBOOK_TIERS,
      explanation: `SRE-workbook windows for ${days}: ${list}`,
    };
  }
  const scaled = scaledWorkbookTiers(periodMs);
  if (scaled === undefined) {
    return {
      state: 'invalid',
      message:
        `period ${days} is too short for the SRE-workbook burn-rate windows (written for 30d; scaled to ${days} ` +
        'the fastest long window would be under 10m): list the windows in errorBudget.windows',
    };
  }
  const list = scaled.map((tier) => describeTier(tier, periodMs)).join(', ');
  return {
    state: 'ok',
    kind: 'scaled',
    tiers: scaled,
    explanation:
      `the SRE-workbook windows are written for 28d/30d: for ${days} they are scaled by ${days}/30d with the factors kept ` +
      `(${list}); set errorBudget.windows to choose others`,
  };
}
