import type { NotificationsConfig } from '../../config/schema/notifications.js';
import { postJson } from '../http-post.js';
import type { Notification, NotificationLink, NotificationSeverity } from '../notification.js';
import type { Notifier, NotifierDeps } from '../notifier.js';
import { safeOrigin } from '../redact.js';
import { policyOf } from './policy.js';
import { isHttpUrl, truncate } from './text.js';

export type SlackConfig = NonNullable<NotificationsConfig['slack']>;

/** Slack's limits: header text, section fields, characters per field (Block Kit reference). */
const MAX_HEADER_CHARS = 150;
const MAX_FIELDS = 10;
const MAX_FIELD_CHARS = 2000;
const MAX_SECTION_CHARS = 3000;

const EMOJI: Record<NotificationSeverity, string> = {
  critical: ':red_circle:',
  warning: ':warning:',
  info: ':information_source:',
};

/** A Slack incoming webhook: one Block Kit message per notification. */
export function createSlackNotifier(config: SlackConfig, deps: NotifierDeps): Notifier {
  return {
    name: 'slack',
    type: 'slack',
    policy: policyOf(config),
    target: safeOrigin(config.webhookUrl),
    preview: (notification) => [slackMessage(notification, config.channel)],
    async send(notification, signal) {
      await postJson(config.webhookUrl, slackMessage(notification, config.channel), {
        signal,
        dispatcher: deps.dispatcher,
        now: deps.clock.now,
      });
    },
  };
}

/** The Block Kit payload: a header with the verdict, the summary, the facts as fields, links as context. */
export function slackMessage(notification: Notification, channel?: string): Record<string, unknown> {
  const verdict = notification.action === 'resolve' ? ':white_check_mark:' : EMOJI[notification.severity];
  const header = truncate(`${verdict} ${notification.title}`, MAX_HEADER_CHARS);
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: header, emoji: true } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(escapeMrkdwn(notification.summary), MAX_SECTION_CHARS) },
    },
  ];
  const fields = factFields(notification.facts);
  if (fields.length > 0) blocks.push({ type: 'section', fields });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: contextLine(notification) }] });
  return {
    // The fallback text shows in push notifications and clients without blocks.
    text: `${notification.severity.toUpperCase()}: ${notification.title}`,
    blocks,
    ...(channel === undefined ? {} : { channel }),
  };
}

/** Facts as section fields; past Slack's ten, the last field says how many more there are. */
function factFields(facts: Notification['facts']): Array<{ type: 'mrkdwn'; text: string }> {
  const shown = facts.length <= MAX_FIELDS ? facts : facts.slice(0, MAX_FIELDS - 1);
  const texts = shown.map((fact) => `*${escapeMrkdwn(fact.label)}*\n${escapeMrkdwn(fact.value)}`);
  if (shown.length < facts.length) texts.push(`*…and ${facts.length - shown.length} more*\nsee the report`);
  return texts.map((text) => ({ type: 'mrkdwn', text: truncate(text, MAX_FIELD_CHARS) }));
}

function contextLine(notification: Notification): string {
  const when = new Date(notification.timestamp).toISOString();
  const parts = [`*${escapeMrkdwn(notification.source)}*`, notification.severity, when];
  parts.push(...notification.links.map(linkText));
  return truncate(parts.join(' · '), MAX_SECTION_CHARS);
}

function linkText(link: NotificationLink): string {
  const label = escapeMrkdwn(link.label);
  return isHttpUrl(link.url) ? `<${link.url}|${label}>` : `${label}: \`${link.url}\``;
}

/** Slack mrkdwn treats &, < and > as control characters. */
function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
