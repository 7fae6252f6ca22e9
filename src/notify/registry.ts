import type { NotificationsConfig } from '../config/schema/notifications.js';
import { createEmailNotifier } from './channels/email.js';
import { createPagerDutyNotifier } from './channels/pagerduty.js';
import { createSlackNotifier } from './channels/slack.js';
import { createWebhookNotifier } from './channels/webhook.js';
import type { ChannelType, Notifier, NotifierDeps } from './notifier.js';
import { createRedactor, type Redact, urlSecrets } from './redact.js';

/** One configured channel: its notifier, or why it cannot send; plus what must never be shown. */
type ChannelBuild = { secrets: string[] } & ({ notifier: Notifier } | { problem: string });

/** Builds the channels of one type from the `notifications:` section (none when it is absent). */
type ChannelFactory = (config: NotificationsConfig, deps: NotifierDeps) => ChannelBuild[];

/** The notifier registry (STYLE.md #7): one factory per channel type. */
export const NOTIFIER_FACTORIES = {
  slack: (config, deps) =>
    config.slack
      ? [{ notifier: createSlackNotifier(config.slack, deps), secrets: urlSecrets(config.slack.webhookUrl) }]
      : [],
  email: (config, deps) => {
    const email = config.email;
    if (!email) return [];
    const secrets = email.smtpUrl === undefined ? [] : urlSecrets(email.smtpUrl);
    if (email.smtpUrl === undefined)
      return [{ problem: 'no SMTP server: set SMTP_URL or notifications.email.smtpUrl', secrets }];
    if (email.recipients.length === 0)
      return [{ problem: 'no recipients: set EMAIL_RECIPIENTS or notifications.email.recipients', secrets }];
    return [{ notifier: createEmailNotifier({ ...email, smtpUrl: email.smtpUrl }, deps), secrets }];
  },
  pagerduty: (config, deps) =>
    config.pagerduty
      ? [
          {
            notifier: createPagerDutyNotifier(config.pagerduty, deps),
            secrets: [config.pagerduty.routingKey],
          },
        ]
      : [],
  webhook: (config, deps) =>
    (config.webhooks ?? []).map((webhook, index) => ({
      notifier: createWebhookNotifier(
        webhook,
        deps,
        webhook.name ?? (index === 0 ? 'webhook' : `webhook-${index + 1}`),
      ),
      secrets: [...urlSecrets(webhook.url), ...Object.values(webhook.headers ?? {}).flatMap(headerSecrets)],
    })),
} satisfies Record<ChannelType, ChannelFactory>;

/** A header value, and its credentials alone when it has a scheme (`Bearer t0k3n` → also `t0k3n`). */
function headerSecrets(value: string): string[] {
  const credentials = /^[A-Za-z][\w-]*\s+(\S.*)$/.exec(value.trim())?.[1];
  return credentials === undefined ? [value] : [value, credentials];
}

export interface ConfiguredNotifiers {
  notifiers: Notifier[];
  /** Channels that are configured but cannot send, as `channel: reason`. */
  problems: string[];
  /** Removes every configured secret (webhook URLs, routing keys, SMTP credentials, header values). */
  redact: Redact;
}

/** Every channel the `notifications:` section configures, in registry order. */
export function createNotifiers(config: NotificationsConfig, deps: NotifierDeps): ConfiguredNotifiers {
  const notifiers: Notifier[] = [];
  const problems: string[] = [];
  const secrets: string[] = [];
  for (const [type, factory] of Object.entries(NOTIFIER_FACTORIES) as Array<[ChannelType, ChannelFactory]>) {
    for (const build of factory(config, deps)) {
      secrets.push(...build.secrets);
      if ('notifier' in build) notifiers.push(build.notifier);
      else problems.push(`${type}: ${build.problem}`);
    }
  }
  const names = notifiers.map((notifier) => notifier.name);
  for (const name of new Set(names.filter((name, index) => names.indexOf(name) !== index))) {
    problems.push(`webhook: two channels are named ${JSON.stringify(name)}; give each webhook its own name`);
  }
  return { notifiers, problems, redact: createRedactor(secrets) };
}
