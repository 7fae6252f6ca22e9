import { describe, expect, it } from 'vitest';
import { AlertLedger } from './alert-ledger.js';
import { runResultNotification, sloDedupKey, sloStateChangeNotification } from './builders.js';

const run = {
  source: 'shop (ci)',
  checked: { slos: 8, benchmarks: 12 },
  links: [{ label: 'HTML report', url: 'reports/run.html' }],
  timestamp: 1_000,
};

describe('runResultNotification', () => {
  it('is as severe as its worst finding, with a fact per finding and an alert per failing SLO', () => {
    const notification = runResultNotification({
      ...run,
      passed: false,
      failingSlos: [{ slo: 'api_p95', severity: 'critical', measured: '2412 ms', target: '≤ 2000 ms' }],
      regressions: [
        { name: 'vector-search', severity: 'warning', changePercent: 31.46, detail: 'p < 0.001' },
        { name: 'json-parse', severity: 'info', changePercent: -2 },
      ],
    });
    expect(notification).toMatchObject({
      kind: 'run-result',
      severity: 'critical',
      title: 'perfgate run failed: 1 SLO violated, 1 regression',
      summary: 'shop (ci): 8 SLOs and 12 benchmarks checked; 1 SLO violated, 1 regression.',
      alerts: [
        {
          dedupKey: sloDedupKey('shop (ci)', 'api_p95'),
          action: 'trigger',
          severity: 'critical',
          summary: 'api_p95 violated on shop (ci): 2412 ms (target ≤ 2000 ms)',
        },
      ],
    });
    expect(notification.facts).toEqual([
      { label: 'api_p95', value: '2412 ms (target ≤ 2000 ms) · critical' },
      { label: 'vector-search (regression)', value: '+31.5 %, p < 0.001 · warning' },
      { label: 'json-parse (regression)', value: '-2.0 % · info' },
    ]);
  });

  it('is info when the run passed, so only summary channels get it', () => {
    const notification = runResultNotification({ ...run, passed: true, failingSlos: [], regressions: [] });
    expect(notification).toMatchObject({ severity: 'info', title: 'perfgate run passed', alerts: [] });
    expect(notification.summary).toBe(
      'shop (ci): 8 SLOs and 12 benchmarks checked; all within their objectives.',
    );
  });
});

describe('sloStateChangeNotification', () => {
  const change = (ledger: AlertLedger, level: 'critical' | 'warning' | 'ok') =>
    sloStateChangeNotification({
      source: 'shop',
      slo: 'api_p95',
      alerts: ledger.observe(sloDedupKey('shop', 'api_p95'), level, `api_p95 is ${level}`),
      facts: [],
      links: [],
      timestamp: 0,
    });

  it('follows the ledger: trigger, eased (still reaching the pager), resolved, nothing when unchanged', () => {
    const ledger = new AlertLedger();
    expect(change(ledger, 'critical')).toMatchObject({
      action: 'trigger',
      severity: 'critical',
      title: 'api_p95 critical on shop',
    });
    expect(change(ledger, 'critical')).toBeUndefined();
    expect(change(ledger, 'warning')).toMatchObject({
      action: 'trigger',
      severity: 'critical',
      title: 'api_p95 eased to warning on shop',
      alerts: [
        { action: 'resolve', severity: 'critical' },
        { action: 'trigger', severity: 'warning' },
      ],
    });
    expect(change(ledger, 'ok')).toMatchObject({
      action: 'resolve',
      severity: 'warning',
      title: 'api_p95 recovered on shop',
    });
  });
});
