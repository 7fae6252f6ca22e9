import type { NotificationsConfig } from '../../config/schema/notifications.js';
import { postJson } from '../http-post.js';
import {
  alertsOf,
  isAtLeastAsSevere,
  type Notification,
  type NotificationAlert,
  type NotificationSeverity,
} from '../notification.js';
import type { Notifier, NotifierDeps } from '../notifier.js';
import { safeOrigin } from '../redact.js';
import { policyOf } from './policy.js';
import { isHttpUrl, truncate } from './text.js';

export type PagerDutyConfig = NonNullable<NotificationsConfig['pagerduty']>;

/** Events API v2 limits: summary characters; dedup_key characters. */
const MAX_SUMMARY_CHARS = 1024;
const MAX_DEDUP_KEY_CHARS = 255;

/**
 * PagerDuty Events API v2: one event per alert of the notification (one per SLO), triggered or
 * resolved by its `dedup_key`. A test notification triggers and then resolves its own key, so it
 * proves the route without leaving an incident open.
 */
export function createPagerDutyNotifier(config: PagerDutyConfig, deps: NotifierDeps): Notifier {
  const policy = policyOf(config);
  const post = (event: PagerDutyEvent, signal: AbortSignal) =>
    postJson(config.eventsUrl, event, { signal, dispatcher: deps.dispatcher, now: deps.clock.now });
  return {
    name: 'pagerduty',
    type: 'pagerduty',
    policy,
    target: safeOrigin(config.eventsUrl),
    preview: (notification) => eventsToSend(notification, config.routingKey, policy.minSeverity),
    async send(notification, signal) {
      for (const event of eventsToSend(notification, config.routingKey, policy.minSeverity)) {
        await post(event, signal);
      }
    },
  };
}

/**
 * The events of one delivery: alerts severe enough page (a warning SLO in a critical run stays off
 * the pager); a test triggers and then resolves its own key, so it leaves no incident open.
 */
function eventsToSend(
  notification: Notification,
  routingKey: string,
  minSeverity: NotificationSeverity,
): PagerDutyEvent[] {
  if (notification.kind !== 'test') return pagerDutyEvents(notification, routingKey, minSeverity);
  return [
    ...pagerDutyEvents(notification, routingKey),
    ...alertsOf(notification).map((alert) => resolveEvent(routingKey, alert.dedupKey)),
  ];
}

export interface PagerDutyEvent {
  routing_key: string;
  event_action: 'trigger' | 'resolve';
  dedup_key: string;
  payload?: {
    summary: string;
    source: string;
    severity: 'critical' | 'error' | 'warning' | 'info';
    timestamp: string;
    component?: string;
    class: string;
    custom_details: Record<string, string>;
  };
  links?: Array<{ href: string; text: string }>;
  client: string;
}

/** The events for a notification, in order: its alerts (at least `minSeverity`), each a trigger or a resolve. */
export function pagerDutyEvents(
  notification: Notification,
  routingKey: string,
  minSeverity?: NotificationSeverity,
): PagerDutyEvent[] {
  const alerts = alertsOf(notification).filter(
    (alert) => minSeverity === undefined || isAtLeastAsSevere(alert.severity, minSeverity),
  );
  return alerts.map((alert) =>
    alert.action === 'resolve'
      ? resolveEvent(routingKey, alert.dedupKey)
      : triggerEvent(notification, alert, routingKey),
  );
}

function triggerEvent(
  notification: Notification,
  alert: NotificationAlert,
  routingKey: string,
): PagerDutyEvent {
  const details: Record<string, string> = { title: notification.title, summary: notification.summary };
  for (const fact of notification.facts) details[fact.label] = fact.value;
  const links = notification.links
    .filter((link) => isHttpUrl(link.url))
    .map((link) => ({ href: link.url, text: link.label }));
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: alert.dedupKey.slice(0, MAX_DEDUP_KEY_CHARS),
    payload: {
      summary: truncate(alert.summary, MAX_SUMMARY_CHARS),
      source: notification.source,
      // perfgate's severities are a subset of PagerDuty's, mapped one to one.
      severity: alert.severity,
      timestamp: new Date(notification.timestamp).toISOString(),
      class: notification.kind,
      custom_details: details,
    },
    ...(links.length > 0 ? { links } : {}),
    client: 'perfgate',
  };
}

function resolveEvent(routingKey: string, dedupKey: string): PagerDutyEvent {
  return {
    routing_key: routingKey,
    event_action: 'resolve',
    dedup_key: dedupKey.slice(0, MAX_DEDUP_KEY_CHARS),
    client: 'perfgate',
  };
}
