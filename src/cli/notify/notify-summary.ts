/**
 * `perfgate notify summary [--since 24h] [--dry-run]`: the runs history recorded over the period,
 * sent as a `daily-summary` to the channels that take it (e-mail, by default). Meant for a daily
 * schedule (cron, or the example workflow's nightly run).
 */
import { Agent } from 'undici';
import { parseDuration } from '../../core/duration.js';
import { PerfgateError } from '../../core/errors.js';
import {
  createNotifiers,
  dailySummaryNotification,
  notifyAll,
  redactingLogger,
  routeNotification,
} from '../../notify/index.js';
import { systemClock } from '../clock.js';
import { loadValidConfig } from '../config-file.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { historyPath, openCliHistory } from '../report/history.js';
import { printPreviews, printResults } from './notify-test.js';

export interface NotifySummaryOptions {
  since: string;
  dryRun?: boolean;
  historyDb?: string;
}

/** Runs read from history at most (a day of CI rarely has more). */
const MAX_RUNS = 1_000;

export async function notifySummaryCommand(context: CommandContext<NotifySummaryOptions>): Promise<number> {
  const { io, options, output } = context;
  const periodMs = parseDuration(options.since, 'ms');
  if (periodMs === undefined || periodMs <= 0) {
    throw new PerfgateError('INVALID_ARGUMENT', `--since ${options.since}: expected a duration such as 24h`);
  }
  const config = loadValidConfig(io, output, { config: options.config, env: options.env });
  const now = systemClock.now();
  const store = await openCliHistory(historyPath(io, options.historyDb, config.history?.url), {
    create: false,
  });
  const runs = await store.listRuns(MAX_RUNS).finally(() => store.close());
  const notification = dailySummaryNotification({
    source: config.name ?? 'perfgate',
    runs: runs.filter((run) => run.recordedAt >= now - periodMs),
    periodLabel: `last ${options.since}`,
    timestamp: now,
  });
  const dispatcher = new Agent();
  const logger = output.logger.child('notify');
  const { notifiers, problems, redact } = createNotifiers(config.notifications, {
    clock: systemClock,
    logger,
    dispatcher,
  });
  try {
    for (const problem of problems) output.warn(redact(problem));
    const chosen = routeNotification(notification, notifiers);
    if (chosen.length === 0) {
      output.error('no channel takes the daily summary (an e-mail channel does by default)');
      return EXIT.badInput;
    }
    if (options.dryRun === true) {
      printPreviews(io, chosen, notification, redact);
      return EXIT.ok;
    }
    const results = await notifyAll(notification, chosen, {
      clock: systemClock,
      logger: redactingLogger(logger, redact),
      redact,
    });
    printResults(output, results, chosen, 'the summary');
    return results.every((result) => result.state === 'sent') ? EXIT.ok : EXIT.gateFailed;
  } finally {
    await dispatcher.destroy();
  }
}
