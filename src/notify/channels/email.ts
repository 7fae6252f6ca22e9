import type { NotificationsConfig } from '../../config/schema/notifications.js';
import type { Notification } from '../notification.js';
import { DeliveryError, type Notifier, type NotifierDeps } from '../notifier.js';
import { REDACTED } from '../redact.js';
import { type MailMessage, type MailTransportFactory, nodemailerTransport } from './mail-transport.js';
import { policyOf } from './policy.js';
import { isHttpUrl } from './text.js';

export type EmailConfig = NonNullable<NotificationsConfig['email']>;

/** SMTP failures worth another attempt: the connection, not the message or the credentials. */
const RETRYABLE_SMTP_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EPROXY']);

/** E-mail over SMTP (nodemailer): a text and an HTML part; one connection per message. */
export function createEmailNotifier(config: EmailConfig & { smtpUrl: string }, deps: NotifierDeps): Notifier {
  const factory: MailTransportFactory = deps.createMailTransport ?? nodemailerTransport;
  const policy = policyOf(config);
  return {
    name: 'email',
    type: 'email',
    policy,
    target: smtpTarget(config.smtpUrl),
    preview: (notification) => [emailMessage(notification, config)],
    async send(notification, signal) {
      const transport = factory(config.smtpUrl, { timeoutMs: policy.timeoutMs });
      try {
        await transport.send(emailMessage(notification, config), signal);
      } catch (error) {
        throw smtpError(error);
      } finally {
        transport.close();
      }
    },
  };
}

/** The message: subject from severity and title, a text part and an equivalent HTML part. */
export function emailMessage(
  notification: Notification,
  config: Pick<EmailConfig, 'from' | 'recipients' | 'subjectPrefix'>,
): MailMessage {
  const prefix = config.subjectPrefix === '' ? '' : `${config.subjectPrefix} `;
  const state = notification.action === 'resolve' ? 'RESOLVED' : notification.severity.toUpperCase();
  return {
    from: config.from,
    to: config.recipients,
    subject: `${prefix}${state}: ${notification.title}`,
    text: emailText(notification),
    html: emailHtml(notification),
  };
}

function emailText(notification: Notification): string {
  const lines = [notification.title, '', notification.summary, ''];
  for (const fact of notification.facts) lines.push(`- ${fact.label}: ${fact.value}`);
  if (notification.facts.length > 0) lines.push('');
  for (const link of notification.links) lines.push(`${link.label}: ${link.url}`);
  lines.push(`Source: ${notification.source} · ${new Date(notification.timestamp).toISOString()}`);
  return `${lines.join('\n')}\n`;
}

function emailHtml(notification: Notification): string {
  const rows = notification.facts
    .map(
      (fact) => `<tr><th align="left">${escapeHtml(fact.label)}</th><td>${escapeHtml(fact.value)}</td></tr>`,
    )
    .join('');
  const links = notification.links
    .map((link) =>
      isHttpUrl(link.url)
        ? `<li><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></li>`
        : `<li>${escapeHtml(link.label)}: <code>${escapeHtml(link.url)}</code></li>`,
    )
    .join('');
  return [
    '<!doctype html><html><body>',
    `<h2>${escapeHtml(notification.title)}</h2>`,
    `<p>${escapeHtml(notification.summary)}</p>`,
    rows === '' ? '' : `<table cellpadding="4">${rows}</table>`,
    links === '' ? '' : `<ul>${links}</ul>`,
    `<p><small>${escapeHtml(notification.source)} · ${new Date(notification.timestamp).toISOString()}</small></p>`,
    '</body></html>',
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** nodemailer's error as a DeliveryError: connection trouble and SMTP 4xx replies are worth retrying. */
function smtpError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  const message = error instanceof Error ? error.message : String(error);
  const transient = typeof responseCode === 'number' && responseCode >= 400 && responseCode < 500;
  const retryable = transient || (typeof code === 'string' && RETRYABLE_SMTP_CODES.has(code));
  return new DeliveryError(typeof code === 'string' ? `${code}: ${message}` : message, {
    retryable,
    cause: error,
  });
}

/** Where the mail goes, without credentials: smtp://host:port. */
function smtpTarget(smtpUrl: string): string {
  if (!URL.canParse(smtpUrl)) return REDACTED;
  const url = new URL(smtpUrl);
  return `${url.protocol}//${url.host}`;
}
