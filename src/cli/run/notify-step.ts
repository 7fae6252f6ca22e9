/** The notification step of `perfgate run`: every configured channel; problems are reported, never fatal. */
import type { PerfgateConfig } from '../../config/index.js';
import { createNotifiers, type Notification, notifyAll } from '../../notify/index.js';
import { systemClock } from '../clock.js';
import type { Output } from '../output.js';

export async function notifyRun(
  config: PerfgateConfig,
  output: Output,
  notification: Notification,
  signal: AbortSignal,
): Promise<string[]> {
  const logger = output.logger.child('notify');
  const { notifiers, problems, redact } = createNotifiers(config.notifications, {
    clock: systemClock,
    logger,
  });
  if (notifiers.length === 0) return problems;
  const results = await notifyAll(notification, notifiers, { clock: systemClock, logger, redact, signal });
  for (const result of results) {
    if (result.state === 'sent') output.info(`notified ${result.channel}`);
  }
  return [
    ...problems,
    ...results
      .filter((result) => result.state === 'failed')
      .map((result) => `${result.channel}: ${result.error ?? 'failed'}`),
  ];
}
