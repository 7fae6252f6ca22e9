/**
 * `perfgate monitor` → the configured channels (Slack, email, PagerDuty, webhooks): each SLO
 * alert change becomes a notification routed like a run's, tagged with the monitored
 * environment. The AlertLedger keeps one incident per SLO and environment: it triggers once when
 * the SLO starts burning (or gets worse), and resolves once when it recovers.
 */
import type { NotificationsConfig } from '../../config/index.js';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import {
  AlertLedger,
  createNotifiers,
  type NotificationFact,
  notifyAll,
  redactingLogger,
  sloDedupKey,
  sloStateChangeNotification,
} from '../../notify/index.js';
import type { SloAlertEvent, SloNotifier } from '../../slo/live/alerts.js';

/** The environment monitor notifications come from unless `--env` names another. */
export const MONITORED_ENVIRONMENT = 'production';

export interface ChannelNotifierSetup {
  notifications: NotificationsConfig;
  environment: string;
  clock: Clock;
  logger: Logger;
}

/** A notifier for the monitor loop, or undefined when no channel is configured; `problems` name unusable channels. */
export function channelNotifier(setup: ChannelNotifierSetup): { notifier?: SloNotifier; problems: string[] } {
  const { notifiers, problems, redact } = createNotifiers(setup.notifications, {
    clock: setup.clock,
    logger: setup.logger,
  });
  if (notifiers.length === 0) return { problems };
  const ledger = new AlertLedger();
  const source = `perfgate monitor (${setup.environment})`;
  const logger = redactingLogger(setup.logger, redact);
  const notifier: SloNotifier = {
    name: notifiers.map((n) => n.name).join(', '),
    async notify(event) {
      // No data keeps the alert as it was: an outage of Prometheus is not a recovery.
      if (event.kind === 'no-data') return;
      const level = event.kind === 'resolved' ? 'ok' : (event.severity ?? 'warning');
      const alerts = ledger.observe(sloDedupKey(setup.environment, event.slo), level, event.summary);
      const notification = sloStateChangeNotification({
        source,
        slo: event.slo,
        cause: event.cause === 'remaining-budget' ? 'budget-low' : 'burn-rate',
        alerts,
        facts: factsOf(event),
        links: [
          ...(event.runbook ? [{ label: 'Runbook', url: event.runbook }] : []),
          ...(event.dashboard ? [{ label: 'Dashboard', url: event.dashboard }] : []),
        ],
        timestamp: Date.parse(event.at),
      });
      if (notification === undefined) return;
      const results = await notifyAll({ ...notification, environment: setup.environment }, notifiers, {
        clock: setup.clock,
        logger,
        redact,
      });
      const failed = results.filter((result) => result.state === 'failed');
      if (failed.length > 0) {
        throw new Error(failed.map((result) => `${result.channel}: ${result.error ?? 'failed'}`).join('; '));
      }
    },
  };
  return { notifier, problems };
}

function factsOf(event: SloAlertEvent): NotificationFact[] {
  return [
    { label: 'Service', value: event.service },
    ...(event.tier ? [{ label: 'Tier', value: event.tier }] : []),
    ...(event.burnRate !== undefined ? [{ label: 'Burn rate', value: `${event.burnRate.toFixed(2)}×` }] : []),
    ...(event.remainingBudget !== undefined
      ? [{ label: 'Budget left', value: `${(Math.max(0, event.remainingBudget) * 100).toFixed(1)} %` }]
      : []),
  ];
}
