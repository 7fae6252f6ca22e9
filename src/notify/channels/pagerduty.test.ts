import { describe, expect, it } from 'vitest';
import { testNotification } from '../notification.js';
import { pagerDutyEvents } from './pagerduty.js';

describe('pagerDutyEvents', () => {
  const eased = {
    ...testNotification('shop', 0),
    kind: 'slo-state-change' as const,
    severity: 'critical' as const,
    alerts: [
      { dedupKey: 'slo:a', action: 'resolve' as const, severity: 'critical' as const, summary: 'a eased' },
      { dedupKey: 'slo:a', action: 'trigger' as const, severity: 'warning' as const, summary: 'a warning' },
    ],
  };

  it('resolves the page when an SLO eases to warning, without re-paging for the warning', () => {
    expect(pagerDutyEvents(eased, 'key', 'critical')).toEqual([
      { routing_key: 'key', event_action: 'resolve', dedup_key: 'slo:a', client: 'perfgate' },
    ]);
  });

  it('sends every alert when no minimum severity is given, and caps long keys and summaries', () => {
    const long = {
      ...eased,
      alerts: [
        {
          dedupKey: 'k'.repeat(300),
          action: 'trigger' as const,
          severity: 'info' as const,
          summary: 's'.repeat(2000),
        },
      ],
    };
    const [event] = pagerDutyEvents(long, 'key');
    expect(event?.dedup_key).toHaveLength(255);
    expect(event?.payload?.summary).toHaveLength(1024);
    expect(event?.payload?.severity).toBe('info');
  });
});
