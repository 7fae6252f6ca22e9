import { describe, expect, it } from 'vitest';
import { notificationsSchema } from '../config/schema/notifications.js';
import { routeNotification } from './deliver.js';
import { alertsOf, type Notification, testNotification } from './notification.js';
import { createNotifiers } from './registry.js';

const deps = {
  clock: { now: () => 0, monotonic: () => 0, sleep: async () => {} },
};
const configured = (input: unknown) => createNotifiers(notificationsSchema.parse(input), deps);

const everyChannel = configured({
  slack: { webhookUrl: 'https://hooks.slack.com/services/T0/B0/abc123def' },
  email: { recipients: ['sre@example.com'], smtpUrl: 'smtp://u:p4ss@mail.example.com:587' },
  pagerduty: { routingKey: 'r0utingkey' },
  webhooks: [{ url: 'https://ops.example.com/hook' }, { name: 'audit', url: 'https://audit.example.com/in' }],
});

const notification = (
  severity: Notification['severity'],
  kind: Notification['kind'],
  environment = 'production',
): Notification => ({
  ...testNotification(`api (${environment})`, 0),
  severity,
  kind,
  environment,
});
const routed = (n: Notification) =>
  routeNotification(n, everyChannel.notifiers).map((notifier) => notifier.name);

describe('the notifier registry', () => {
  it('builds one notifier per configured channel, webhooks named by position or name', () => {
    expect(everyChannel.problems).toEqual([]);
    expect(everyChannel.notifiers.map((n) => [n.name, n.type, n.target])).toEqual([
      ['slack', 'slack', 'https://hooks.slack.com'],
      ['email', 'email', 'smtp://mail.example.com:587'],
      ['pagerduty', 'pagerduty', 'https://events.pagerduty.com'],
      ['webhook', 'webhook', 'https://ops.example.com'],
      ['audit', 'webhook', 'https://audit.example.com'],
    ]);
    expect(everyChannel.notifiers[0]?.policy).toEqual({
      minSeverity: 'warning',
      kinds: ['run-result', 'slo-state-change', 'test'],
      timeoutMs: 10_000,
      retries: 2,
    });
  });

  it('configures nothing from an empty section', () => {
    expect(configured({}).notifiers).toEqual([]);
  });

  it('reports channels that cannot send, without their secrets', () => {
    const { notifiers, problems, redact } = configured({
      email: { recipients: 'sre@example.com' },
      webhooks: [
        { name: 'ops', url: 'https://a.example.com/x' },
        { name: 'ops', url: 'https://b.example.com/y' },
      ],
    });
    expect(problems).toEqual([
      'email: no SMTP server: set SMTP_URL or notifications.email.smtpUrl',
      'webhook: two channels are named "ops"; give each webhook its own name',
    ]);
    expect(notifiers.map((n) => n.name)).toEqual(['ops', 'ops']);
    expect(redact('https://b.example.com/y')).toBe('[redacted]');
  });

  it('knows every configured secret', () => {
    const text = 'abc123def r0utingkey p4ss https://ops.example.com/hook';
    expect(everyChannel.redact(text)).toBe('[redacted] [redacted] [redacted] [redacted]');
  });
});

describe('routing (the spec: critical → PagerDuty + Slack, warning → Slack, summaries → email)', () => {
  it('sends a critical run result everywhere, email included as the summary', () => {
    expect(routed(notification('critical', 'run-result'))).toEqual([
      'slack',
      'email',
      'pagerduty',
      'webhook',
      'audit',
    ]);
  });

  it('pages only for critical SLO state changes, and never e-mails them', () => {
    expect(routed(notification('critical', 'slo-state-change'))).toEqual([
      'slack',
      'pagerduty',
      'webhook',
      'audit',
    ]);
    expect(routed(notification('warning', 'slo-state-change'))).toEqual(['slack', 'webhook', 'audit']);
  });

  it('pages only for production by default: a CI or staging failure goes to Slack, never PagerDuty', () => {
    for (const environment of ['ci', 'staging']) {
      expect(routed(notification('critical', 'run-result', environment))).toEqual([
        'slack',
        'email',
        'webhook',
        'audit',
      ]);
    }
  });

  it('routes on the event: PagerDuty takes gate failures, burn-rate pages and recoveries, not a low budget', () => {
    const live = (event: Notification['event']) => ({
      ...notification('critical', 'slo-state-change'),
      event,
    });
    expect(routed(live('burn-rate'))).toContain('pagerduty');
    expect(routed(live('recovered'))).toContain('pagerduty');
    expect(routed(live('budget-low'))).toEqual(['slack', 'webhook', 'audit']);
    expect(routed({ ...notification('critical', 'run-result'), event: 'regression' })).not.toContain(
      'pagerduty',
    );
    const emailOnly = configured({
      email: { recipients: 'sre@example.com', smtpUrl: 'smtp://mail.example.com', events: ['daily-summary'] },
    });
    const daily = { ...notification('info', 'run-result'), event: 'daily-summary' as const };
    expect(routeNotification(daily, emailOnly.notifiers).map((n) => n.name)).toEqual(['email']);
    const failed = { ...notification('critical', 'run-result'), event: 'gate-failed' as const };
    expect(routeNotification(failed, emailOnly.notifiers)).toEqual([]);
  });

  it('sends info only to email summaries', () => {
    expect(routed(notification('info', 'run-result'))).toEqual(['email']);
    expect(routed(notification('info', 'slo-state-change'))).toEqual([]);
  });
});

describe('alertsOf', () => {
  it('treats a notification without alerts as one alert keyed by its dedup key', () => {
    const n = { ...testNotification('api', 5), dedupKey: 'k1' };
    expect(alertsOf(n)).toEqual([{ dedupKey: 'k1', action: 'trigger', severity: 'info', summary: n.title }]);
    expect(alertsOf({ ...n, dedupKey: undefined })[0]?.dedupKey).toBe(`perfgate:api:${n.title}`);
  });
});
