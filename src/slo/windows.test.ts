import { describe, expect, it } from 'vitest';
import { parseDuration } from '../core/duration.js';
import { PerfgateError } from '../core/errors.js';
import { burnRateFactor, type TierSpec, tiersForPeriod, validateTiers, WORKBOOK_TIERS } from './windows.js';

const ms = (text: string): number => parseDuration(text) ?? Number.NaN;

const factors = (periodMs: number, tiers?: readonly TierSpec[]): number[] =>
  tiersForPeriod(periodMs, tiers).map((tier) => tier.factor);

describe('workbook tiers', () => {
  it('keep the windows, shares and severities as data', () => {
    expect(
      WORKBOOK_TIERS.map((t) => [
        t.severity,
        t.longWindowMs,
        t.shortWindowMs,
        'budgetShare' in t && t.budgetShare,
      ]),
    ).toEqual([
      ['critical', ms('1h'), ms('5m'), 0.02],
      ['critical', ms('6h'), ms('30m'), 0.05],
      ['warning', ms('1d'), ms('2h'), 0.1],
      ['warning', ms('3d'), ms('6h'), 0.1],
    ]);
  });

  it('give exactly 14.4 / 6 / 3 / 1 on a 30d period', () => {
    expect(factors(ms('30d'))).toEqual([14.4, 6, 3, 1]);
  });

  // Hand-computed f = X · P / L with P = 28d = 672h:
  //   0.02·672/1 = 13.44; 0.05·672/6 = 5.6; 0.1·672/24 = 2.8; 0.1·672/72 = 0.9333…
  it('rescale to 28d like Sloth', () => {
    const [f1, f2, f3, f4] = factors(ms('28d'));
    expect([f1, f2, f3]).toEqual([13.44, 5.6, 2.8]);
    expect(f4).toBeCloseTo(0.933333, 6);
  });

  // P = 7d = 168h: 0.02·168/1 = 3.36; 0.05·168/6 = 1.4; 0.1·168/24 = 0.7; 0.1·168/72 = 0.2333…
  it('rescale to 7d keeping each tier’s budget share', () => {
    const tiers = tiersForPeriod(ms('7d'));
    expect(tiers.map((t) => t.budgetShare)).toEqual([0.02, 0.05, 0.1, 0.1]);
    const [f1, f2, f3, f4] = tiers.map((t) => t.factor);
    expect([f1, f2, f3]).toEqual([3.36, 1.4, 0.7]);
    expect(f4).toBeCloseTo(0.233333, 6);
  });
});

describe('custom tiers', () => {
  // Sloth examples/windows/7d.yaml: 8 / 12.5 / 20 / 42 % → 13.44, 3.5, 1.4, 0.98.
  it('reproduce Sloth’s 7d custom windows', () => {
    const sloth7d: TierSpec[] = [
      { name: 'a', severity: 'critical', longWindowMs: ms('1h'), shortWindowMs: ms('5m'), budgetShare: 0.08 },
      {
        name: 'b',
        severity: 'critical',
        longWindowMs: ms('6h'),
        shortWindowMs: ms('30m'),
        budgetShare: 0.125,
      },
      { name: 'c', severity: 'warning', longWindowMs: ms('1d'), shortWindowMs: ms('2h'), budgetShare: 0.2 },
      { name: 'd', severity: 'warning', longWindowMs: ms('3d'), shortWindowMs: ms('6h'), budgetShare: 0.42 },
    ];
    expect(factors(ms('7d'), sloth7d)).toEqual([13.44, 3.5, 1.4, 0.98]);
  });

  // Pyrra-style fixed factor 14 over 1h on 28d: X = 14·1/672 = 2.083…%.
  it('accept a fixed factor and report its budget share', () => {
    const [tier] = tiersForPeriod(ms('28d'), [
      { name: 'fast', severity: 'critical', longWindowMs: ms('1h'), shortWindowMs: ms('5m'), factor: 14 },
    ]);
    expect(tier?.factor).toBe(14);
    expect(tier?.budgetShare).toBeCloseTo(14 / 672, 12);
  });

  it('report every issue at once', () => {
    const bad: TierSpec[] = [
      { name: 'x', severity: 'critical', longWindowMs: ms('5m'), shortWindowMs: ms('1h'), factor: 0 },
      { name: 'x', severity: 'warning', longWindowMs: ms('40d'), shortWindowMs: 0, budgetShare: 1.5 },
    ];
    expect(validateTiers(bad, ms('30d'))).toEqual([
      'tier x: short window must be < long window',
      'tier x: factor must be > 0',
      'tier x: duplicate name',
      'tier x: short window must be > 0',
      'tier x: long window must not exceed the period',
      'tier x: budget share must be in (0, 1]',
    ]);
    expect(() => tiersForPeriod(ms('30d'), bad)).toThrow(PerfgateError);
    expect(validateTiers(WORKBOOK_TIERS, 0)).toEqual(['period must be > 0']);
  });
});

describe('burnRateFactor', () => {
  it('is X · P / L', () => {
    expect(burnRateFactor(0.02, ms('30d'), ms('1h'))).toBe(14.4);
    expect(burnRateFactor(0.02, ms('28d'), ms('1h'))).toBe(13.44);
  });
});
