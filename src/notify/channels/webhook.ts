import type { NotificationsConfig } from '../../config/schema/notifications.js';
import { postJson } from '../http-post.js';
import type { Notification } from '../notification.js';
import type { Notifier, NotifierDeps } from '../notifier.js';
import { safeOrigin } from '../redact.js';
import { policyOf } from './policy.js';

export type WebhookConfig = NonNullable<NotificationsConfig['webhooks']>[number];

/** Version of the JSON body a webhook receives; bump it when a field changes meaning. */
export const WEBHOOK_SCHEMA_VERSION = 1;

/** A generic JSON webhook: the notification as JSON, POSTed with the configured headers. */
export function createWebhookNotifier(config: WebhookConfig, deps: NotifierDeps, name = 'webhook'): Notifier {
  return {
    name,
    type: 'webhook',
    policy: policyOf(config),
    target: safeOrigin(config.url),
    preview: (notification) => [webhookBody(notification)],
    async send(notification, signal) {
      await postJson(config.url, webhookBody(notification), {
        signal,
        headers: config.headers ?? {},
        dispatcher: deps.dispatcher,
        now: deps.clock.now,
      });
    },
  };
}

/** The notification as the webhook receives it, with the time also in ISO 8601. */
export function webhookBody(notification: Notification): Record<string, unknown> {
  return {
    schemaVersion: WEBHOOK_SCHEMA_VERSION,
    ...notification,
    time: new Date(notification.timestamp).toISOString(),
  };
}
