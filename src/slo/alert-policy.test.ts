import { describe, expect, it } from 'vitest';
import { PerfgateError } from '../core/errors.js';
import { type AlertLevel, classifyBudget, firingTier, tierFires } from './alert-policy.js';
import type { BudgetStatus } from './budget.js';
import { tiersForPeriod } from './windows.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const status = (burnRate: number, remaining: number): BudgetStatus => ({
  state: 'ok',
  objective: 0.999,
  budget: 0.001,
  windowMs: DAY,
  periodMs: 30 * DAY,
  errorRatio: burnRate * 0.001,
  burnRate,
  consumed: 1 - remaining,
  remaining,
  timeToExhaustionMs: undefined,
});

describe('classifyBudget', () => {
  it.each<[number, number, AlertLevel]>([
    // burn, remaining, level
    [0, 1, 'ok'],
    [2, 0.5, 'ok'],
    [2.01, 0.5, 'warning'],
    [5, 0.5, 'warning'],
    [5.01, 0.5, 'critical'],
    [1, 0.2, 'ok'],
    [1, 0.199, 'warning'],
    [1, 0.1, 'warning'],
    [1, 0.099, 'critical'],
    [0, -0.5, 'critical'],
  ])('burn %d, remaining %d → %s', (burnRate, remaining, level) => {
    expect(classifyBudget(status(burnRate, remaining)).level).toBe(level);
  });

  it('says why', () => {
    expect(classifyBudget(status(6, 0.05))).toEqual({
      level: 'critical',
      reasons: [
        { kind: 'burn-rate', value: 6, threshold: 5 },
        { kind: 'remaining-budget', value: 0.05, threshold: 0.1 },
      ],
    });
    expect(classifyBudget(status(3, 0.9)).reasons).toEqual([{ kind: 'burn-rate', value: 3, threshold: 2 }]);
  });

  it('takes threshold overrides and rejects inconsistent ones', () => {
    expect(classifyBudget(status(5, 0.5), { criticalBurnRate: 4 }).level).toBe('critical');
    expect(classifyBudget(status(1.5, 0.5), { warningBurnRate: 1 }).level).toBe('warning');
    expect(() => classifyBudget(status(1, 1), { criticalBurnRate: 1 })).toThrow(PerfgateError);
    expect(() => classifyBudget(status(1, 1), { criticalRemaining: 0.3 })).toThrow(/criticalRemaining/);
  });

  it('passes no-data through', () => {
    const noData: BudgetStatus = {
      state: 'no-data',
      objective: 0.99,
      budget: 0.01,
      windowMs: DAY,
      periodMs: DAY,
    };
    expect(classifyBudget(noData)).toEqual({ level: 'no-data', reasons: [] });
  });
});

describe('firingTier (30d workbook tiers: 14.4 @1h/5m, 6 @6h/30m, 3 @1d/2h, 1 @3d/6h)', () => {
  const tiers = tiersForPeriod(30 * DAY);
  const rates = (entries: [number, number][]): ReadonlyMap<number, number> => new Map(entries);

  it('fires nothing when only the long window exceeds the factor', () => {
    const measured = rates([
      [HOUR, 20],
      [5 * MIN, 10],
    ]);
    expect(tierFires(tiers[0] ?? expect.unreachable(), measured)).toBe(false);
    expect(firingTier(tiers, measured)).toBeUndefined();
  });

  it('fires nothing when only the short window exceeds, or a window is missing', () => {
    expect(firingTier(tiers, rates([[5 * MIN, 100]]))).toBeUndefined();
    expect(
      firingTier(
        tiers,
        rates([
          [HOUR, 10],
          [5 * MIN, 100],
        ]),
      ),
    ).toBeUndefined();
  });

  it('needs both windows strictly above the factor', () => {
    const at = (burn: number) =>
      firingTier(
        tiers,
        rates([
          [HOUR, burn],
          [5 * MIN, burn],
        ]),
      )?.name;
    expect(at(14.4)).toBeUndefined();
    expect(at(14.5)).toBe('page-fast');
  });

  it('picks the most severe, then fastest, firing tier', () => {
    const everything = rates([
      [5 * MIN, 20],
      [30 * MIN, 20],
      [HOUR, 20],
      [2 * HOUR, 20],
      [6 * HOUR, 20],
      [DAY, 20],
      [3 * DAY, 20],
    ]);
    expect(firingTier(tiers, everything)?.name).toBe('page-fast');
    expect(firingTier([...tiers].reverse(), everything)?.name).toBe('page-fast');
    const slowOnly = rates([
      [DAY, 4],
      [2 * HOUR, 4],
      [3 * DAY, 4],
      [6 * HOUR, 4],
    ]);
    expect(firingTier(tiers, slowOnly)?.name).toBe('ticket-fast');
    const pageSlow = rates([
      [6 * HOUR, 7],
      [30 * MIN, 7],
      [DAY, 7],
      [2 * HOUR, 7],
    ]);
    expect(firingTier(tiers, pageSlow)).toMatchObject({ name: 'page-slow', severity: 'critical', factor: 6 });
  });
});
