import { describe, expect, it } from 'vitest';
import { mulberry32, type Random } from '../stats/random.js';
import { compareSides } from './compare.js';
import { classifyInterval, judgementLevels, judgeSuite, severityOf, type VerdictPolicy } from './verdict.js';

const policy: VerdictPolicy = { minor: 10, major: 20, critical: 50, falseDiscovery: 'holm' };

/** n per-process values around `centre` with log-normal noise `cv`, plus one-sided disturbance. */
function processValues(random: Random, n: number, centre: number, cv: number, disturbed = 0): number[] {
  return Array.from({ length: n }, (_, i) => {
    const u = Math.max(random(), 1e-12);
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
    return centre * Math.exp(cv * z) * (i < disturbed ? 1.5 + random() : 1);
  });
}

function verdictFor(scale: number, cv: number, seed = 11, disturbed = 0) {
  const random = mulberry32(seed);
  const base = processValues(random, 10, 100_000, cv, disturbed);
  const candidate = processValues(random, 6, 100_000 * scale, cv, disturbed);
  const comparison = compareSides({ values: base }, { values: candidate }, { sessionSpread: 0.02 });
  return judgeSuite([comparison], policy)[0];
}

const interval = (estimate: number, lower: number, upper: number) => ({
  estimate,
  lower,
  upper,
  confidence: 0.95,
  resamples: 2000,
});

describe('classifyInterval: the verdict never contradicts its interval', () => {
  it('a regression needs an interval above 1 and an estimate past the minor threshold; severity by bands', () => {
    expect(classifyInterval(interval(1.3, 1.2, 1.4), policy)).toEqual({
      kind: 'regression',
      severity: 'major',
    });
    expect(classifyInterval(interval(1.12, 1.01, 1.2), policy)).toEqual({
      kind: 'regression',
      severity: 'minor',
    });
    expect(classifyInterval(interval(1.6, 1.5, 1.7), policy)).toEqual({
      kind: 'regression',
      severity: 'critical',
    });
    // The "critical +50.4 % [−22.7 %, +54.6 %]" of the issue: the interval includes no change.
    expect(classifyInterval(interval(1.504, 0.773, 1.546), policy)).toEqual({ kind: 'inconclusive' });
  });

  it('a significant change below the minor threshold is unchanged (below threshold), not minor', () => {
    expect(classifyInterval(interval(1.06, 1.05, 1.07), policy)).toEqual({
      kind: 'unchanged',
      belowThreshold: true,
    });
    expect(classifyInterval(interval(0.95, 0.93, 0.97), policy)).toEqual({
      kind: 'unchanged',
      belowThreshold: true,
    });
    expect(classifyInterval(interval(1.01, 0.98, 1.04), policy)).toEqual({ kind: 'unchanged' });
  });

  it('improved mirrors regression; anything reaching past a threshold with 1 inside is inconclusive', () => {
    expect(classifyInterval(interval(0.8, 0.75, 0.85), policy)).toEqual({ kind: 'improved' });
    expect(classifyInterval(interval(0.864, 0.8, 1.01), policy)).toEqual({ kind: 'inconclusive' });
    expect(classifyInterval(interval(1.05, 0.99, 1.12), policy)).toEqual({ kind: 'inconclusive' });
  });

  it('a gate threshold below minor lowers the minimum effect (reported as minor)', () => {
    const gated = { ...policy, minimumEffect: 5 };
    expect(classifyInterval(interval(1.06, 1.05, 1.07), gated)).toEqual({
      kind: 'regression',
      severity: 'minor',
    });
  });

  it('maps the estimate to the spec severities', () => {
    expect(severityOf(12, policy)).toBe('minor');
    expect(severityOf(20, policy)).toBe('major');
    expect(severityOf(50, policy)).toBe('major');
    expect(severityOf(50.1, policy)).toBe('critical');
  });
});

describe('verdicts on synthetic per-process values (10 base, 6 candidate processes)', () => {
  it('identical code is unchanged, also with disturbed processes on both sides', () => {
    expect(verdictFor(1, 0.02)?.verdict).toEqual({ kind: 'unchanged' });
    expect(verdictFor(1, 0.02, 5, 2)?.verdict).toEqual({ kind: 'unchanged' });
  });

  it('+30 % is a major regression, +80 % critical, −30 % improved', () => {
    expect(verdictFor(1.3, 0.02)?.verdict).toEqual({ kind: 'regression', severity: 'major' });
    expect(verdictFor(1.8, 0.02)?.verdict).toEqual({ kind: 'regression', severity: 'critical' });
    expect(verdictFor(0.7, 0.02)?.verdict).toEqual({ kind: 'improved' });
  });

  it('no false alarm and every +30 % caught across 40 seeds, with disturbed processes', () => {
    const seeds = Array.from({ length: 40 }, (_, i) => i + 1);
    const alarms = seeds.filter((seed) => {
      const kind = verdictFor(1, 0.02, seed, 2)?.verdict.kind;
      return kind === 'regression' || kind === 'improved';
    });
    const caught = seeds.filter((seed) => verdictFor(1.3, 0.02, seed, 2)?.verdict.kind === 'regression');
    expect(alarms).toEqual([]);
    expect(caught).toHaveLength(40);
  });

  it('never reports a change whose interval includes 1', () => {
    for (let seed = 1; seed <= 30; seed++) {
      for (const scale of [1, 1.08, 1.12, 1.3]) {
        const judged = verdictFor(scale, 0.05, seed, 1);
        const changed = judged?.verdict.kind === 'regression' || judged?.verdict.kind === 'improved';
        if (changed) expect(judged.ratio.lower > 1 || judged.ratio.upper < 1).toBe(true);
      }
    }
  });
});

describe('suite-level adjustment', () => {
  it('Holm: rejected tests at α/(m − r + 1), the rest at α/(m − R)', () => {
    expect(judgementLevels([0.001, 0.5, 0.02, 0.9], policy)).toEqual([
      1 - 0.05 / 4,
      1 - 0.05 / 3,
      1 - 0.05 / 3,
      1 - 0.05 / 3,
    ]);
    expect(judgementLevels([0.001, 0.012, 0.9], policy)).toEqual([1 - 0.05 / 3, 1 - 0.05 / 2, 1 - 0.05 / 1]);
  });

  it('Benjamini–Hochberg: one level, α·max(R, 1)/m', () => {
    const bh = { ...policy, falseDiscovery: 'benjamini-hochberg' as const };
    expect(judgementLevels([0.001, 0.02, 0.5, 0.03], bh)).toEqual(Array(4).fill(1 - (0.05 * 3) / 4));
    expect(judgementLevels([0.5, 0.6], bh)).toEqual([1 - 0.05 / 2, 1 - 0.05 / 2]);
  });

  it('a borderline comparison stands alone but not among many (the interval widens with m)', () => {
    const random = mulberry32(4);
    const base = processValues(random, 10, 1000, 0.04);
    const candidate = base.slice(0, 6).map((value) => value * 1.12);
    const comparison = compareSides({ values: base }, { values: candidate }, { sessionSpread: 0.03 });
    const alone = judgeSuite([comparison], policy)[0];
    const many = judgeSuite(Array(20).fill(comparison), policy)[0];
    expect(many?.ratio.lower).toBeLessThan(alone?.ratio.lower ?? 0);
    expect(many?.ratio.confidence).toBeGreaterThan(alone?.ratio.confidence ?? 1);
  });
});
