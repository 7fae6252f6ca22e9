import type { Command } from 'commander';
import { type Bind, lazy } from '../context.js';

/** Registers `perfgate notify` and its `test` subcommand on the program. */
export function registerNotifyCommand(program: Command, bind: Bind): void {
  const notify = program
    .command('notify')
    .description('notification channels from the config: Slack, email (SMTP), PagerDuty, webhooks');
  notify
    .command('test')
    .description(
      'send a test notification through each configured channel; exit 0 if all were sent, 1 if any failed, 2 if none is configured',
    )
    .option('--channel <names...>', 'test only these channels (slack, email, pagerduty, or a webhook name)')
    .option('--dry-run', 'print each payload it would send, per channel, secrets redacted, and send nothing')
    .action(
      // Loaded when the command runs, so other commands and --help do not load its dependencies.
      bind(lazy(async () => (await import('../notify/notify-test.js')).notifyTestCommand)),
    );
  notify
    .command('summary')
    .description(
      'send the runs history recorded over a period (default the last 24h) to the channels that take the daily summary (e-mail by default)',
    )
    .option('--since <duration>', 'the period summarized', '24h')
    .option('--history-db <file>', 'history database (default: $PERFGATE_HISTORY_DB or .perfgate/history.db)')
    .option('--dry-run', 'print each payload it would send, per channel, and send nothing')
    .action(bind(lazy(async () => (await import('../notify/notify-summary.js')).notifySummaryCommand)));
}
