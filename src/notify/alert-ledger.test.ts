import { describe, expect, it } from 'vitest';
import { AlertLedger, type ObservedLevel } from './alert-ledger.js';

const actions = (ledger: AlertLedger, levels: ObservedLevel[]) =>
  levels.map((level) =>
    ledger
      .observe('slo:api_p95', level, `api_p95 ${level}`)
      .map((alert) => `${alert.action}:${alert.severity}`)
      .join(','),
  );

describe('AlertLedger', () => {
  it('triggers once when an SLO starts failing and resolves once when it recovers', () => {
    expect(
      actions(new AlertLedger(), ['ok', 'critical', 'critical', 'no-data', 'critical', 'ok', 'ok']),
    ).toEqual(['', 'trigger:critical', '', '', '', 'resolve:critical', '']);
  });

  it('escalates warning to critical, and de-escalation resolves the page before warning', () => {
    expect(actions(new AlertLedger(), ['warning', 'critical', 'warning', 'ok'])).toEqual([
      'trigger:warning',
      'trigger:critical',
      'resolve:critical,trigger:warning',
      'resolve:warning',
    ]);
  });

  it('keeps subjects apart and lists what is open', () => {
    const ledger = new AlertLedger();
    ledger.observe('a', 'critical', 'a');
    ledger.observe('b', 'warning', 'b');
    ledger.observe('a', 'ok', 'a');
    expect([...ledger.openAlerts()]).toEqual([['b', 'warning']]);
  });
});
