import { z } from 'zod';
import { duration, httpUrl, nonEmptyString, stringList } from './fields.js';

export const NOTIFICATION_SEVERITIES = ['critical', 'warning', 'info'] as const;
export const NOTIFICATION_KINDS = ['run-result', 'slo-state-change', 'test'] as const;
/**
 * What happened, finer than the kind: a run's gate failed, a benchmark regressed (gate passed), a
 * run passed; live, an SLO burns its budget too fast, its budget runs low, or it recovered; a
 * game-day drill's outcome (only to channels that list `drill`).
 */
export const NOTIFICATION_EVENTS = [
  'gate-failed',
  'regression',
  'run-passed',
  'burn-rate',
  'budget-low',
  'recovered',
  'daily-summary',
  'drill',
] as const;
/** PagerDuty's default events: production SLO violations and live burn-rate pages (and their resolves). */
export const PAGING_EVENTS = ['gate-failed', 'burn-rate', 'recovered'] as const;
export const DEFAULT_NOTIFY_TIMEOUT_MS = 10_000;
export const DEFAULT_NOTIFY_RETRIES = 2;
export const DEFAULT_PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

const severity = z.enum(NOTIFICATION_SEVERITIES);
const kind = z.enum(NOTIFICATION_KINDS);
const event = z.enum(NOTIFICATION_EVENTS);

/** Delivery and routing settings every channel shares; defaults follow the spec's routing. */
function delivery(
  minSeverity: z.infer<typeof severity>,
  kinds: ReadonlyArray<z.infer<typeof kind>>,
  environments?: readonly string[],
  events?: ReadonlyArray<z.infer<typeof event>>,
) {
  const everywhere = 'every environment';
  return {
    events: (events === undefined ? z.array(event).optional() : z.array(event).default([...events])).meta({
      description: `Events this channel receives (${NOTIFICATION_EVENTS.join(', ')}; default ${events?.join(', ') ?? 'all'})`,
    }),
    environments: (environments === undefined
      ? z.array(nonEmptyString).optional()
      : z.array(nonEmptyString).default([...environments])
    ).meta({
      description: `Environments whose notifications this channel receives (default ${environments?.join(', ') ?? everywhere}); \`[]\` for none`,
    }),
    minSeverity: severity
      .default(minSeverity)
      .meta({ description: `Least severe notification this channel receives (default ${minSeverity})` }),
    kinds: z
      .array(kind)
      .min(1, { error: 'name at least one kind' })
      .default([...kinds])
      .meta({ description: `Notification kinds this channel receives (default ${kinds.join(', ')})` }),
    timeout: duration()
      .default(DEFAULT_NOTIFY_TIMEOUT_MS)
      .meta({ description: 'Time limit for one delivery attempt (default 10s)' }),
    retries: z
      .number()
      .int({ error: 'must be a whole number' })
      .min(0, { error: 'must be 0 or more' })
      .max(10, { error: 'must be at most 10' })
      .default(DEFAULT_NOTIFY_RETRIES)
      .meta({ description: 'Extra attempts after a 5xx, 429, timeout or network error (default 2)' }),
  };
}

const allKinds = NOTIFICATION_KINDS;
/** Where PagerDuty receives notifications unless the config says otherwise. */
export const PAGING_ENVIRONMENTS = ['production'] as const;

export const notificationsSchema = z.strictObject({
  slack: z
    .strictObject({
      webhookUrl: httpUrl.meta({
        description: 'Incoming webhook URL (SLACK_WEBHOOK_URL); keep it in an env var',
      }),
      channel: nonEmptyString.optional().meta({ description: 'Channel override, e.g. #performance-alerts' }),
      ...delivery('warning', allKinds),
    })
    .optional(),
  email: z
    .strictObject({
      recipients: stringList.meta({ description: 'Addresses (EMAIL_RECIPIENTS, comma-separated)' }),
      smtpUrl: nonEmptyString
        .optional()
        .meta({ description: 'smtp://user:pass@host:port or smtps://… (SMTP_URL); required to send' }),
      from: nonEmptyString.default('perfgate@localhost'),
      subjectPrefix: z.string().default('[perfgate]'),
      ...delivery('info', ['run-result', 'test']),
    })
    .optional(),
  pagerduty: z
    .strictObject({
      routingKey: nonEmptyString.meta({ description: 'Events API v2 routing key (PAGERDUTY_ROUTING_KEY)' }),
      eventsUrl: httpUrl
        .default(DEFAULT_PAGERDUTY_EVENTS_URL)
        .meta({ description: `Events API v2 endpoint (default ${DEFAULT_PAGERDUTY_EVENTS_URL})` }),
      // Only production pages: a red CI or staging run must never wake anyone.
      ...delivery('critical', allKinds, PAGING_ENVIRONMENTS, PAGING_EVENTS),
    })
    .optional(),
  webhooks: z
    .array(
      z.strictObject({
        name: z
          .string()
          .regex(/^[A-Za-z][\w-]*$/, { error: 'names use letters, digits, "_" and "-"' })
          .optional()
          .meta({ description: 'Shown in results (default webhook, webhook-2, …)' }),
        url: httpUrl.meta({ description: 'Receives the notification as JSON (POST)' }),
        headers: z
          .record(z.string(), z.string())
          .optional()
          .meta({ description: 'Extra headers, e.g. Authorization; values are treated as secrets' }),
        ...delivery('warning', allKinds),
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
