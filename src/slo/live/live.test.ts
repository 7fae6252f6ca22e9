import { describe, expect, it } from 'vitest';
import { calendarPeriodStart } from '../calendar.js';
import { type BudgetSlo, hasBudget } from '../model.js';
import type { PrometheusQuerier } from '../prometheus/client.js';
import { type SloSpec, sloFromSpec } from '../spec.js';
import { AlertTracker } from './alerts.js';
import { evaluateSlo } from './evaluate.js';

const spec: SloSpec = {
  name: 'api_availability',
  service: 'api',
  sli: {
    type: 'availability',
    prometheus: { bad: 'sum(rate(bad[{{window}}]))', total: 'sum(rate(total[{{window}}]))' },
  },
  slo: { target: 99, operator: '>=' },
  errorBudget: { period: 'month', timezone: 'Europe/Berlin' },
};
const outcome = sloFromSpec(spec);
if (outcome.state !== 'ok' || !hasBudget(outcome.slo)) throw new Error('fixture');
const slo: BudgetSlo = outcome.slo;

/**
 * Answers every window with the same error ratio (or fails, or returns nothing); `period`, when
 * given, is the ratio of the budget period so far (the month: `[628h]` at AT).
 */
const querier = (
  answer: number | 'down' | 'empty',
  seen: string[] = [],
  period?: number,
): PrometheusQuerier => ({
  async query(expr) {
    seen.push(expr);
    if (answer === 'down') return { state: 'errored', error: 'ECONNREFUSED' };
    if (answer === 'empty') return { state: 'ok', samples: [] };
    const value = period !== undefined && expr.includes('[628h]') ? period : answer;
    return { state: 'ok', samples: [{ labels: {}, value }] };
  },
});

const AT = Date.UTC(2026, 10, 27, 3, 0, 0); // 27 Nov 2026 04:00 in Berlin
/** November in Berlin so far: 628h of its 720h. */
const ELAPSED = 628 / 720;
/** The month's error ratio that leaves `left` of the budget B = 1 %: 1 − E / B × elapsed = left. */
const ratioLeaving = (left: number) => ((1 - left) * 0.01) / ELAPSED;

describe('calendarPeriodStart', () => {
  it('starts months, quarters and weeks at local midnight', () => {
    expect(new Date(calendarPeriodStart(AT, 'month', 'Europe/Berlin')).toISOString()).toBe(
      '2026-10-31T23:00:00.000Z',
    );
    expect(new Date(calendarPeriodStart(AT, 'quarter', 'Europe/Berlin')).toISOString()).toBe(
      '2026-09-30T22:00:00.000Z',
    );
    expect(new Date(calendarPeriodStart(AT, 'week', 'UTC')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(new Date(calendarPeriodStart(AT, 'month', 'America/New_York')).toISOString()).toBe(
      '2026-11-01T04:00:00.000Z',
    );
  });
});

describe('evaluateSlo', () => {
  it('computes burn rates, the firing tier and the budget left this calendar month', async () => {
    const seen: string[] = [];
    // E = 0.2 everywhere: BR = 0.2 / 0.01 = 20 > 14.4 → page-fast.
    const status = await evaluateSlo(querier(0.2, seen), slo, AT);
    expect(status).toMatchObject({ alert: 'critical', level: 'critical', firingTier: { name: 'page-fast' } });
    expect(status.windows.map((reading) => reading.burnRate)).toEqual([20, 20, 20, 20, 20, 20, 20]);
    // Remaining = 1 − E / B × elapsed: 1 − 20 × 628/720, not 1 − 20 (the month is not over).
    expect(status.period).toEqual({
      windowMs: AT - Date.UTC(2026, 9, 31, 23),
      errorRatio: 0.2,
      elapsed: ELAPSED,
      remaining: expect.closeTo(1 - 20 * ELAPSED, 9),
    });
    // The period query covers the month so far: 26 days and 4 hours.
    expect(seen[seen.length - 1]).toContain('[628h]');
  });

  it('never turns a failed or empty query into good news', async () => {
    expect(await evaluateSlo(querier('down'), slo, AT)).toMatchObject({
      alert: 'no-data',
      level: 'no-data',
      error: 'ECONNREFUSED',
    });
    expect(await evaluateSlo(querier('empty'), slo, AT)).toMatchObject({
      alert: 'no-data',
      level: 'no-data',
    });
  });
});

describe('AlertTracker', () => {
  it('sends on changes only: firing once, resolved once, no-data without resolving', async () => {
    const tracker = new AlertTracker();
    // The month so far spent 10 % of the budget (E 0.001 of B 0.01): only the tiers decide.
    const kinds = async (answer: number | 'down') =>
      tracker
        .update(await evaluateSlo(querier(answer, [], 0.001), slo, AT))
        .map((event) => `${event.kind}/${event.severity ?? ''}`);
    expect(await kinds(0)).toEqual([]);
    expect(await kinds(0.2)).toEqual(['firing/critical']);
    expect(await kinds(0.2)).toEqual([]);
    expect(await kinds(0.04)).toEqual(['firing/warning']); // BR 4 > 3: ticket-fast
    expect(await kinds('down')).toEqual(['no-data/warning']);
    expect(await kinds('down')).toEqual([]);
    expect(await kinds(0)).toEqual(['resolved/warning']);
    expect(await kinds(0)).toEqual([]);
  });

  it('alerts on a nearly spent budget even when no tier burns: warning under 20 %, critical under 10 %', async () => {
    const tracker = new AlertTracker();
    const events = async (periodRatio: number) =>
      tracker.update(await evaluateSlo(querier(0.005, [], periodRatio), slo, AT));
    expect(await events(ratioLeaving(0.3))).toEqual([]); // BR 0.5 everywhere
    const warning = await events(ratioLeaving(0.15));
    expect(warning.map((event) => `${event.kind}/${event.severity}`)).toEqual(['firing/warning']);
    expect(warning[0]?.summary).toBe('api api_availability: 15.0 % of the error budget left this period');
    expect(warning[0]?.remainingBudget).toBeCloseTo(0.15, 10);
    const critical = await events(ratioLeaving(0.05));
    expect(critical.map((event) => `${event.kind}/${event.severity}`)).toEqual(['firing/critical']);
    const status = await evaluateSlo(querier(0.005, [], ratioLeaving(0.05)), slo, AT);
    expect(status).toMatchObject({ alert: 'critical', alertCause: 'remaining-budget' });
    expect(status.firingTier).toBeUndefined();
  });

  it('leaves the budget left to the status table with alerting.remainingBudgetAlerts: false', async () => {
    const tiersOnly = sloFromSpec({ ...spec, alerting: { remainingBudgetAlerts: false } });
    if (tiersOnly.state !== 'ok' || !hasBudget(tiersOnly.slo)) throw new Error('fixture');
    const status = await evaluateSlo(querier(0.005, [], ratioLeaving(0.05)), tiersOnly.slo, AT);
    expect(status).toMatchObject({ alert: 'ok', level: 'critical' });
  });
});
