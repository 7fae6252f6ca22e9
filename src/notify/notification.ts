import type {
  NOTIFICATION_EVENTS,
  NOTIFICATION_KINDS,
  NOTIFICATION_SEVERITIES,
} from '../config/schema/notifications.js';

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];
export type NotificationSeverity = (typeof NOTIFICATION_SEVERITIES)[number];

/** Events a channel receives only when its `events` names them: a game-day drill never reaches on-call by default. */
export const EXPLICIT_EVENTS: readonly NotificationEvent[] = ['drill'];
/** `trigger` opens (or re-raises) an alert; `resolve` closes the one with the same dedup key. */
export type NotificationAction = 'trigger' | 'resolve';

/** One line of evidence: a failing SLO (measured vs target), a regression (change %), a count. */
export interface NotificationFact {
  label: string;
  value: string;
}

/** A report or dashboard: an http(s) URL, or a local path (shown as text where it cannot be a link). */
export interface NotificationLink {
  label: string;
  url: string;
}

/**
 * One alertable subject inside a notification (usually one SLO). Paging channels send one event
 * per alert, keyed by `dedupKey`, so each SLO opens and resolves its own incident; chat and email
 * show the notification as a whole.
 */
export interface NotificationAlert {
  dedupKey: string;
  action: NotificationAction;
  severity: NotificationSeverity;
  summary: string;
}

/**
 * What perfgate tells people, as plain data: `perfgate run` maps its results into it, `perfgate
 * monitor` its SLO state changes. It depends on no result type, so any producer can map into it.
 * For `resolve`, `severity` is that of the alert being resolved, so the resolve reaches the
 * channels that received the trigger.
 */
export interface Notification {
  kind: NotificationKind;
  severity: NotificationSeverity;
  action: NotificationAction;
  /** One line, e.g. "perfgate run failed: 2 SLOs violated". */
  title: string;
  /** A few sentences for people; plain text. */
  summary: string;
  facts: NotificationFact[];
  links: NotificationLink[];
  /** Groups triggers and resolves of the same subject; defaults to `source` + `title` where needed. */
  dedupKey?: string;
  /** Per-SLO alerts for paging channels (see NotificationAlert); empty or absent means one alert. */
  alerts?: NotificationAlert[];
  /** What the notification is about: a service, environment or monitored system. */
  source: string;
  /** The environment it comes from (`ci`, `staging`, `production`…): channels route on it. */
  environment?: string;
  /** What happened (gate-failed, burn-rate…): channels route on it; none for a test. */
  event?: NotificationEvent;
  /** Wall-clock milliseconds since the Unix epoch. */
  timestamp: number;
}

const RANK: Record<NotificationSeverity, number> = { info: 0, warning: 1, critical: 2 };

/** The most severe of these, or `floor` when there are none. */
export function mostSevere(
  severities: readonly NotificationSeverity[],
  floor: NotificationSeverity = 'info',
): NotificationSeverity {
  return severities.reduce((worst, next) => (RANK[next] > RANK[worst] ? next : worst), floor);
}

/** True when `severity` is at least as severe as `threshold`. */
export function isAtLeastAsSevere(severity: NotificationSeverity, threshold: NotificationSeverity): boolean {
  return RANK[severity] >= RANK[threshold];
}

/** The alerts a paging channel sends: the notification's own list, or the notification as one alert. */
export function alertsOf(notification: Notification): NotificationAlert[] {
  if (notification.alerts !== undefined && notification.alerts.length > 0) return notification.alerts;
  return [
    {
      dedupKey: notification.dedupKey ?? `perfgate:${notification.source}:${notification.title}`,
      action: notification.action,
      severity: notification.severity,
      summary: notification.title,
    },
  ];
}

/** The notification `perfgate notify test` sends through every channel. */
export function testNotification(source: string, timestamp: number): Notification {
  return {
    kind: 'test',
    severity: 'info',
    action: 'trigger',
    title: 'perfgate test notification',
    summary: 'This is a test from `perfgate notify test`: this channel is configured correctly.',
    facts: [{ label: 'Source', value: source }],
    links: [],
    dedupKey: `perfgate-test:${source}:${timestamp}`,
    source,
    timestamp,
  };
}
