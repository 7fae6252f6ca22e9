/**
 * Alerts on state changes only. Each SLO's alert state follows its burn-rate tiers (as the
 * generated Prometheus rules do) and the budget left (the spec's policy: < 10 % critical, < 20 %
 * warning); a repeat of the same state sends nothing (dedup), a return to ok sends `resolved`,
 * and losing data sends `no-data` without resolving anything.
 */
import type { Logger } from '../../core/logger.js';
import type { LiveLevel, LiveStatus } from './evaluate.js';

export type SloAlertKind = 'firing' | 'resolved' | 'no-data';

/** What a notifier receives: plain data, ready for JSON. */
export interface SloAlertEvent {
  kind: SloAlertKind;
  slo: string;
  service: string;
  /** critical | warning for `firing`; the previous severity for `resolved`. */
  severity?: 'critical' | 'warning';
  tier?: string;
  /** Why a `firing` event fires: a burn-rate tier, or the budget left under its threshold. */
  cause?: 'burn-rate' | 'remaining-budget';
  burnRate?: number;
  remainingBudget?: number;
  /** ISO time of the evaluation. */
  at: string;
  summary: string;
  runbook?: string;
  dashboard?: string;
}

/**
 * Delivers alert events (log, webhook; Slack, email and PagerDuty live in src/notify).
 * `notify` may reject; the monitor logs the failure and carries on (it never retries a send).
 */
export interface SloNotifier {
  readonly name: string;
  notify(event: SloAlertEvent): Promise<void>;
}

export function logNotifier(logger: Logger): SloNotifier {
  return {
    name: 'log',
    async notify(event) {
      const line = `[${event.kind}${event.severity ? `/${event.severity}` : ''}] ${event.summary}`;
      if (event.kind === 'resolved') logger.info(line);
      else logger.warn(line);
    },
  };
}

function headlineBurn(status: LiveStatus): number | undefined {
  const tier = status.firingTier;
  if (tier === undefined) return undefined;
  return status.windows.find((reading) => reading.windowMs === tier.longWindowMs)?.burnRate;
}

function eventOf(kind: SloAlertKind, status: LiveStatus, previous: LiveLevel): SloAlertEvent {
  const { slo } = status;
  const where = `${slo.service} ${slo.name}`;
  const burn = headlineBurn(status);
  const left = status.period.remaining;
  const summaries: Record<SloAlertKind, string> = {
    firing:
      status.alertCause === 'remaining-budget'
        ? `${where}: ${formatShare(left)} of the error budget left this period`
        : `${where}: error budget burning at ${burn?.toFixed(2)}× (${status.firingTier?.name})`,
    resolved: `${where}: burn rate under every tier's threshold and ${formatShare(left)} of the budget left`,
    'no-data': `${where}: no data${status.error ? ` (${status.error})` : ''}; alert state unknown`,
  };
  const event: SloAlertEvent = {
    kind,
    slo: slo.name,
    service: slo.service,
    at: new Date(status.atMs).toISOString(),
    summary: summaries[kind],
  };
  const severity = kind === 'firing' ? status.alert : previous;
  if (severity === 'critical' || severity === 'warning') event.severity = severity;
  if (status.firingTier !== undefined) event.tier = status.firingTier.name;
  if (kind === 'firing' && status.alertCause !== undefined) event.cause = status.alertCause;
  if (burn !== undefined) event.burnRate = burn;
  if (status.period.remaining !== undefined) event.remainingBudget = status.period.remaining;
  if (slo.links.runbook !== undefined) event.runbook = slo.links.runbook;
  if (slo.links.dashboard !== undefined) event.dashboard = slo.links.dashboard;
  return event;
}

function formatShare(share: number | undefined): string {
  return share === undefined ? 'an unknown share' : `${Math.max(0, share * 100).toFixed(1)} %`;
}

/** Remembers each SLO's last alert state and turns new statuses into events. */
export class AlertTracker {
  private readonly firing = new Map<string, LiveLevel>();
  private readonly seen = new Map<string, LiveLevel>();

  /** The events `status` causes (none when nothing changed). */
  update(status: LiveStatus): SloAlertEvent[] {
    const name = status.slo.name;
    const last = this.seen.get(name);
    const open = this.firing.get(name) ?? 'ok';
    this.seen.set(name, status.alert);
    if (status.alert === last) return [];
    if (status.alert === 'no-data') return [eventOf('no-data', status, open)];
    if (status.alert === 'ok') {
      this.firing.delete(name);
      return open === 'ok' ? [] : [eventOf('resolved', status, open)];
    }
    if (status.alert === open) return [];
    this.firing.set(name, status.alert);
    return [eventOf('firing', status, open)];
  }
}
