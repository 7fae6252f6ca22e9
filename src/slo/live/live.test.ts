import { describe, expect, it } from 'vitest';
import { type BudgetSlo, hasBudget } from '../model.js';
import type { PrometheusQuerier } from '../prometheus/client.js';
import { sloFromSpec } from '../spec.js';
import { AlertTracker } from './alerts.js';
import { calendarPeriodStart } from './calendar.js';
import { evaluateSlo } from './evaluate.js';

const outcome = sloFromSpec({
  name: 'api_availability',
  service: 'api',
  sli: {
    type: 'availability',
    prometheus: { bad: 'sum(rate(bad[{{window}}]))', total: 'sum(rate(total[{{window}}]))' },
  },
  slo: { target: 99, operator: '>=' },
  errorBudget: { period: 'month', timezone: 'Europe/Berlin' },
});
if (outcome.state !== 'ok' || !hasBudget(outcome.slo)) throw new Error('fixture');
const slo: BudgetSlo = outcome.slo;

/** Answers every window with the same error ratio (or fails, or returns nothing). */
const querier = (answer: number | 'down' | 'empty', seen: string[] = []): PrometheusQuerier => ({
  async query(expr) {
    seen.push(expr);
    if (answer === 'down') return { state: 'errored', error: 'ECONNREFUSED' };
    return { state: 'ok', samples: answer === 'empty' ? [] : [{ labels: {}, value: answer }] };
  },
});

const AT = Date.UTC(2026, 10, 27, 3, 0, 0); // 27 Nov 2026 04:00 in Berlin

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
    expect(status.period).toEqual({
      windowMs: AT - Date.UTC(2026, 9, 31, 23),
      errorRatio: 0.2,
      remaining: -19,
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
    const kinds = async (answer: number | 'down') =>
      tracker
        .update(await evaluateSlo(querier(answer), slo, AT))
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
});
