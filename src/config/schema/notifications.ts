import { z } from 'zod';
import { httpUrl, nonEmptyString, stringList } from './fields.js';

const severity = z.enum(['critical', 'warning', 'info']);

export const notificationsSchema = z.strictObject({
  slack: z
    .strictObject({
      webhookUrl: httpUrl.meta({
        description: 'Incoming webhook URL (SLACK_WEBHOOK_URL); keep it in an env var',
      }),
      channel: nonEmptyString.optional(),
      minSeverity: severity.default('warning'),
    })
    .optional(),
  email: z
    .strictObject({
      recipients: stringList.meta({ description: 'Addresses (EMAIL_RECIPIENTS, comma-separated)' }),
      smtpUrl: nonEmptyString.optional().meta({ description: 'smtp://user:pass@host:port (SMTP_URL)' }),
      from: nonEmptyString.default('perfgate@localhost'),
      minSeverity: severity.default('info'),
    })
    .optional(),
  pagerduty: z
    .strictObject({
      routingKey: nonEmptyString.meta({ description: 'Events API v2 routing key (PAGERDUTY_ROUTING_KEY)' }),
      minSeverity: severity.default('critical'),
    })
    .optional(),
  webhooks: z
    .array(
      z.strictObject({
        url: httpUrl,
        headers: z.record(z.string(), z.string()).optional(),
        minSeverity: severity.default('warning'),
      }),
    )
    .optional(),
});

export const prometheusSchema = z.strictObject({
  url: httpUrl.meta({ description: 'Prometheus base URL for `perfgate monitor` (PROMETHEUS_URL)' }),
  rulesFile: nonEmptyString.optional(),
  interval: nonEmptyString.optional(),
  runbookUrl: nonEmptyString.optional(),
  dashboardUrl: nonEmptyString.optional(),
});

export type NotificationsConfig = z.output<typeof notificationsSchema>;
export type PrometheusConfig = z.output<typeof prometheusSchema>;
