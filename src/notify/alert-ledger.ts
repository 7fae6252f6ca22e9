import type { NotificationAlert, NotificationSeverity } from './notification.js';

/** What an evaluation found for one subject (an SLO); `no-data` keeps the previous state. */
export type ObservedLevel = NotificationSeverity | 'ok' | 'no-data';

/**
 * Deduplicates a stream of evaluations (`perfgate monitor`) into alert changes: a trigger when a
 * subject starts failing or gets worse, a resolve when it recovers, nothing while it stays the
 * same. Going from critical down to warning resolves the critical alert (so the pager stops) and
 * triggers a warning. State lives in memory: plain data, no clock, no I/O.
 */
export class AlertLedger {
  private readonly open = new Map<string, NotificationSeverity>();

  /** The alerts to send for this observation, in order (usually none). */
  observe(dedupKey: string, level: ObservedLevel, summary: string): NotificationAlert[] {
    if (level === 'no-data') return [];
    const previous = this.open.get(dedupKey);
    if (level === 'ok') {
      this.open.delete(dedupKey);
      return previous === undefined ? [] : [{ dedupKey, action: 'resolve', severity: previous, summary }];
    }
    if (previous === level) return [];
    this.open.set(dedupKey, level);
    const trigger: NotificationAlert = { dedupKey, action: 'trigger', severity: level, summary };
    return previous === 'critical'
      ? [{ dedupKey, action: 'resolve', severity: previous, summary }, trigger]
      : [trigger];
  }

  /** Subjects with an open alert and its severity. */
  openAlerts(): ReadonlyMap<string, NotificationSeverity> {
    return this.open;
  }
}
