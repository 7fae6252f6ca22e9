import { describe, expect, it } from 'vitest';
import { mulberry32, type Random } from '../stats/random.js';
import {
  classifyComparison,
  compareProcesses,
  judgeSuite,
  severityOf,
  type VerdictPolicy,
} from './verdict.js';

const policy: VerdictPolicy = { minor: 10, major: 20, critical: 50, falseDiscovery: 'holm' };

/** n per-process medians around `centre` with log-normal noise of coefficient of variation `cv`. */
function processMedians(random: Random, n: number, centre: number, cv: number): number[] {
  return Array.from({ length: n }, () => {
    const u = Math.max(random(), 1e-12);
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
    return centre * Math.exp(cv * z);
  });
}

function verdictFor(scale: number, cv: number, n = 5, seed = 11) {
  const random = mulberry32(seed);
  const base = processMedians(random, n, 100_000, cv);
  const candidate = processMedians(random, n, 100_000 * scale, cv);
  const [judged] = judgeSuite([compareProcesses(base, candidate)], policy);
  return judged?.verdict;
}

describe('verdicts on synthetic per-process medians (5 + 5 processes)', () => {
  it('identical code at 3 % noise is unchanged', () => {
    expect(verdictFor(1, 0.03)).toEqual({ kind: 'unchanged' });
  });

  it('a real +5 % change at 1 % noise is below the minor threshold: unchanged', () => {
    expect(verdictFor(1.05, 0.01)).toEqual({ kind: 'unchanged' });
  });

  it('+30 % is a major regression, +80 % a critical one', () => {
    expect(verdictFor(1.3, 0.03)).toEqual({ kind: 'regression', severity: 'major' });
    expect(verdictFor(1.8, 0.03)).toEqual({ kind: 'regression', severity: 'critical' });
  });

  it('+12 % at 2 % noise is a minor regression, −30 % an improvement', () => {
    expect(verdictFor(1.12, 0.02)).toEqual({ kind: 'regression', severity: 'minor' });
    expect(verdictFor(0.7, 0.03)).toEqual({ kind: 'improved' });
  });

  it('very noisy measurements (40 %) are inconclusive, never a pass', () => {
    const seeds = Array.from({ length: 20 }, (_, i) => i + 1);
    for (const scale of [1, 1.1]) {
      const kinds = seeds.map((seed) => verdictFor(scale, 0.4, 5, seed)?.kind);
      expect(kinds).not.toContain('unchanged');
      expect(kinds.filter((kind) => kind === 'inconclusive').length).toBeGreaterThanOrEqual(16);
    }
  });

  it('keeps false alarms and misses rare across seeds (identical vs +15 % at 3 % noise)', () => {
    const seeds = Array.from({ length: 40 }, (_, i) => i + 1);
    const alarms = seeds.filter((seed) => verdictFor(1, 0.03, 5, seed)?.kind === 'regression').length;
    const caught = seeds.filter((seed) => verdictFor(1.15, 0.03, 5, seed)?.kind === 'regression').length;
    expect(alarms).toBeLessThanOrEqual(1);
    expect(caught).toBeGreaterThanOrEqual(36);
  });
});

describe('classifyComparison', () => {
  const ratio = (estimate: number, lower: number, upper: number) => ({
    ratio: { estimate, lower, upper, confidence: 0.95, resamples: 2000 },
    changePct: (estimate - 1) * 100,
    pValue: 0.01,
  });

  it('needs significance for a regression', () => {
    expect(classifyComparison(ratio(1.3, 1.2, 1.4), 0.01, policy)).toEqual({
      kind: 'regression',
      severity: 'major',
    });
    expect(classifyComparison(ratio(1.3, 1.2, 1.4), 0.2, policy)).toEqual({ kind: 'inconclusive' });
  });

  it('calls a significant but small slowdown whose CI stays under the minor threshold unchanged', () => {
    expect(classifyComparison(ratio(1.03, 1.01, 1.06), 0.001, policy)).toEqual({ kind: 'unchanged' });
    expect(classifyComparison(ratio(1.06, 1.05, 1.07), 0.001, policy)).toEqual({ kind: 'unchanged' });
  });

  it('does not miss a true 10 % slowdown measured precisely just under 10 %', () => {
    expect(classifyComparison(ratio(1.095, 1.09, 1.0999), 0.01, policy)).toEqual({
      kind: 'regression',
      severity: 'minor',
    });
    expect(classifyComparison(ratio(1 / 1.095, 1 / 1.0999, 1 / 1.09), 0.01, policy)).toEqual({
      kind: 'improved',
    });
  });

  it('lowers the minimum effect to a gate threshold below the minor threshold', () => {
    const gated = { ...policy, minimumEffect: 5 };
    expect(classifyComparison(ratio(1.06, 1.05, 1.07), 0.001, gated)).toEqual({
      kind: 'regression',
      severity: 'minor',
    });
    expect(classifyComparison(ratio(1.01, 0.99, 1.03), 0.5, gated)).toEqual({ kind: 'unchanged' });
  });

  it('maps the estimate to the spec severities', () => {
    expect(severityOf(12, policy)).toBe('minor');
    expect(severityOf(20, policy)).toBe('major');
    expect(severityOf(50, policy)).toBe('major');
    expect(severityOf(50.1, policy)).toBe('critical');
  });
});

describe('judgeSuite', () => {
  it('adjusts p-values across the suite (Holm) so one borderline test among many is not enough', () => {
    const comparisons = Array.from({ length: 10 }, () => ({
      ratio: { estimate: 1.15, lower: 1.05, upper: 1.25, confidence: 0.95, resamples: 2000 },
      changePct: 15,
      pValue: 0.03,
    }));
    const judged = judgeSuite(comparisons, policy);
    expect(judged.every((j) => j.adjustedPValue >= 0.3)).toBe(true);
    expect(judged.every((j) => j.verdict.kind === 'inconclusive')).toBe(true);
    const single = judgeSuite(comparisons.slice(0, 1), policy);
    expect(single[0]?.verdict).toEqual({ kind: 'regression', severity: 'minor' });
  });
});
