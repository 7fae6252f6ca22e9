import { describe, expect, it } from 'vitest';
import type { LoadEvidence, RequestEvidence } from '../evidence/types.js';
import { type SloSpec, sloFromSpec } from '../spec.js';
import { checkSlo } from './check.js';

const DAY = 86_400_000;

function slo(spec: Partial<SloSpec> & Pick<SloSpec, 'slo'>) {
  const outcome = sloFromSpec({ name: 'a', service: 's', sli: { type: 'availability' }, ...spec });
  if (outcome.state !== 'ok') throw new Error(JSON.stringify(outcome.issues));
  return outcome.slo;
}

function evidence(codes: Record<string, number>, durationMs: number): LoadEvidence {
  const requests = Object.values(codes).reduce((a, b) => a + b, 0);
  const whole: RequestEvidence = { requests, codes, errors: {}, latency: {} };
  return { kind: 'load', source: 'r.json', durationMs, whole, endpoints: {}, scenarios: {}, notes: [] };
}

describe('budget terms of a check', () => {
  it('cap consumption at one period when the run is longer, and say so', () => {
    // Every request failing for 51 days against a 95 % objective (B = 5 %): BR = 20, and one
    // period's budget can be spent at most 20 times over, not 20 · 51 / 30 = 34.
    const check = checkSlo(slo({ slo: { target: 95, operator: '>=' } }), evidence({ '500': 100 }, 51 * DAY));
    expect(check.budget).toMatchObject({ burnRate: 20, periodShare: 20, periodCapped: true, remaining: -19 });
    const line = check.explain.find((entry) => entry.name === 'C');
    expect(line?.formula).toContain(
      'is longer than the period: counted as one period, so at most 1 / B = 2000 %',
    );
    expect(check.explain.find((entry) => entry.name === 'R')?.value).toBe(
      "-1900 % of the period's budget left (overspent)",
    );
  });

  it('show the budget left for a normal run', () => {
    const check = checkSlo(
      slo({ slo: { target: 99, operator: '>=' } }),
      evidence({ '200': 990, '500': 10 }, 3 * DAY),
    );
    // E 1 %, B 1 %: BR 1 for 3 of 30 days spends 10 % of the period's budget.
    expect(check.budget).toMatchObject({ burnRate: 1, periodShare: 0.1, remaining: 0.9 });
    expect(check.budget?.periodCapped).toBeUndefined();
  });

  it('allow an objective of 100 %: any bad event fails it', () => {
    const strict = slo({ slo: { target: 100, operator: '>=' } });
    const clean = checkSlo(strict, evidence({ '200': 1_000 }, DAY));
    expect(clean).toMatchObject({ verdict: 'pass', budget: { burnRate: 0, remaining: 1 } });
    const one = checkSlo(strict, evidence({ '200': 999_999, '503': 1 }, DAY));
    expect(one).toMatchObject({
      verdict: 'fail',
      budget: { burnRate: Number.POSITIVE_INFINITY, remaining: 0, level: 'critical' },
    });
    expect(one.explain.find((entry) => entry.name === 'BR')?.value).toBe('∞');
  });
});
