export { AlertLedger, type ObservedLevel } from './alert-ledger.js';
export * from './builders.js';
export { emailMessage } from './channels/email.js';
export type { MailMessage, MailTransport, MailTransportFactory } from './channels/mail-transport.js';
export { type PagerDutyEvent, pagerDutyEvents } from './channels/pagerduty.js';
export { slackMessage } from './channels/slack.js';
export { WEBHOOK_SCHEMA_VERSION, webhookBody } from './channels/webhook.js';
export { dailySummaryNotification, type SummarizedRun } from './daily-summary.js';
export {
  DEFAULT_BACKOFF_BASE_MS,
  type DeliveryContext,
  MAX_RETRY_DELAY_MS,
  notifyAll,
  routeNotification,
  sendToEach,
} from './deliver.js';
export * from './notification.js';
export * from './notifier.js';
export { createRedactor, REDACTED, type Redact, redactingLogger } from './redact.js';
export { type ConfiguredNotifiers, createNotifiers, NOTIFIER_FACTORIES } from './registry.js';
