import { Agent } from 'undici';
import { PerfgateError } from '../../core/errors.js';
import {
  createNotifiers,
  type DeliveryResult,
  type Notification,
  type Notifier,
  redactingLogger,
  sendToEach,
  testNotification,
} from '../../notify/index.js';
import { systemClock } from '../clock.js';
import { loadValidConfig } from '../config-file.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';

export interface NotifyTestOptions {
  channel?: string[];
  dryRun?: boolean;
}

/** `perfgate notify test`: one test notification per configured channel, one result line each. */
export async function notifyTestCommand(context: CommandContext<NotifyTestOptions>): Promise<number> {
  const { io, options, output } = context;
  const config = loadValidConfig(io, output, { config: options.config, env: options.env });
  const dispatcher = new Agent();
  const logger = output.logger.child('notify');
  const { notifiers, problems, redact } = createNotifiers(config.notifications, {
    clock: systemClock,
    logger,
    dispatcher,
  });
  try {
    if (problems.length > 0) {
      for (const problem of problems) output.error(redact(problem));
      return EXIT.badInput;
    }
    const chosen = chooseChannels(notifiers, options.channel);
    if (chosen.length === 0) {
      output.error('no notification channels configured');
      output.info(
        '  set SLACK_WEBHOOK_URL, PAGERDUTY_ROUTING_KEY, EMAIL_RECIPIENTS + SMTP_URL, or add them under `notifications:`',
      );
      return EXIT.badInput;
    }
    const controller = new AbortController();
    const removeSignalHandler = io.onSignal((signal) =>
      controller.abort(new Error(`interrupted by ${signal}`)),
    );
    const source = `${config.name ?? 'perfgate'} (${config.environment.name})`;
    const notification = testNotification(source, systemClock.now());
    if (options.dryRun === true) {
      removeSignalHandler();
      printPreviews(io, chosen, notification, redact);
      return EXIT.ok;
    }
    if (chosen.some((notifier) => notifier.type === 'pagerduty')) {
      output.notice(
        'pagerduty: this opens a real incident and resolves it right after (--dry-run sends nothing)',
      );
    }
    output.info(`sending a test notification to ${chosen.map((notifier) => notifier.name).join(', ')}…`);
    const results = await sendToEach(notification, chosen, {
      clock: systemClock,
      logger: redactingLogger(logger, redact),
      redact,
      signal: controller.signal,
    }).finally(removeSignalHandler);
    printResults(output, results, chosen);
    if (controller.signal.aborted) return EXIT.interrupted;
    return results.every((result) => result.state === 'sent') ? EXIT.ok : EXIT.gateFailed;
  } finally {
    await dispatcher.destroy();
  }
}

/** `--dry-run`: each channel's requests as JSON, in order, secrets redacted; nothing is sent. */
export function printPreviews(
  io: CommandContext['io'],
  notifiers: readonly Notifier[],
  notification: Notification,
  redact: (text: string) => string,
): void {
  for (const notifier of notifiers) {
    const payloads = notifier.preview(notification);
    const count = `${payloads.length} request${payloads.length === 1 ? '' : 's'}`;
    io.stdout.write(`── ${notifier.name} → ${notifier.target} (${count}; dry run, not sent)\n`);
    for (const payload of payloads) io.stdout.write(`${redact(JSON.stringify(payload, null, 2))}\n`);
  }
}

function chooseChannels(notifiers: Notifier[], names: string[] | undefined): Notifier[] {
  if (names === undefined) return notifiers;
  const unknown = names.filter((name) => !notifiers.some((notifier) => notifier.name === name));
  if (unknown.length > 0) {
    const known = notifiers.map((notifier) => notifier.name).join(', ') || 'none';
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `--channel ${unknown.join(', ')}: not configured (configured: ${known})`,
    );
  }
  return notifiers.filter((notifier) => names.includes(notifier.name));
}

/** One line per channel: name, state, where it went, and the attempts or the (redacted) reason. */
export function printResults(
  output: Output,
  results: DeliveryResult[],
  notifiers: readonly Notifier[],
  what = 'the test notification',
): void {
  const { colors } = output;
  const width = Math.max(...results.map((result) => result.channel.length));
  for (const result of results) {
    const target = notifiers.find((notifier) => notifier.name === result.channel)?.target ?? '';
    const attempts = `${result.attempts} attempt${result.attempts === 1 ? '' : 's'}, ${Math.round(result.durationMs)} ms`;
    const line =
      result.state === 'sent'
        ? `${colors.green('sent')}    ${target}  (${attempts})`
        : `${colors.red('failed')}  ${target}  ${result.error ?? 'unknown error'} (${attempts})`;
    output.result(`${result.channel.padEnd(width)}  ${line}`);
  }
  const sent = results.filter((result) => result.state === 'sent').length;
  output.info(`${sent} of ${results.length} channel${results.length === 1 ? '' : 's'} sent ${what}`);
}
