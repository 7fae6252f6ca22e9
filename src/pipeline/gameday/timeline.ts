/**
 * What Prometheus' alerts did during the drill: firing samples (one per poll of
 * `ALERTS{alertstate="firing"}`) folded into intervals per alert, and burn-rate samples per SLO.
 */

export interface FiringAlert {
  alertname: string;
  sloId: string;
  service: string;
  severity: string;
  /** The burn tier (`page-fast`…), '' for alerts without one. */
  tier: string;
}

export interface AlertInterval extends FiringAlert {
  /** Ms since the load started. */
  startMs: number;
  /** Undefined while still firing at the last poll. */
  endMs?: number;
}

export const alertKey = (alert: FiringAlert): string =>
  [alert.alertname, alert.sloId, alert.severity, alert.tier].join('|');

export function firingFromLabels(labels: Record<string, string>): FiringAlert {
  return {
    alertname: labels.alertname ?? '',
    sloId: labels.slo_id ?? '',
    service: labels.service ?? '',
    severity: labels.severity ?? '',
    tier: labels.burn_tier ?? '',
  };
}

/** Accumulates polls into intervals: an alert starts at the first poll that sees it, ends at the first that does not. */
export class AlertTimeline {
  readonly #open = new Map<string, AlertInterval>();
  readonly #closed: AlertInterval[] = [];

  /** Records one poll; returns the intervals it started and ended. */
  record(atMs: number, firing: readonly FiringAlert[]): { started: AlertInterval[]; ended: AlertInterval[] } {
    const seen = new Set<string>();
    const started: AlertInterval[] = [];
    const ended: AlertInterval[] = [];
    for (const alert of firing) {
      const key = alertKey(alert);
      seen.add(key);
      if (this.#open.has(key)) continue;
      const interval = { ...alert, startMs: atMs };
      this.#open.set(key, interval);
      started.push(interval);
    }
    for (const [key, interval] of this.#open) {
      if (seen.has(key)) continue;
      const closed = { ...interval, endMs: atMs };
      this.#closed.push(closed);
      ended.push(closed);
      this.#open.delete(key);
    }
    return { started, ended };
  }

  intervals(): AlertInterval[] {
    return [...this.#closed, ...this.#open.values()].sort((a, b) => a.startMs - b.startMs);
  }
}

export interface BurnSample {
  atMs: number;
  sloId: string;
  burnRate: number;
}
