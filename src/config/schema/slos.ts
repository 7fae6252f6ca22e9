import { z } from 'zod';
import { parseDuration } from '../../core/duration.js';
import { duration, httpUrl, nonEmptyString, percentage } from './fields.js';

/** Where a test's measurements come from: a whole run, one endpoint (`POST /api/route` or a request name) or one scenario. */
const scope = {
  endpoint: nonEmptyString.optional().meta({ description: 'Request name or "METHOD /path" of a load test' }),
  scenario: nonEmptyString.optional().meta({ description: 'Scenario name of a load test' }),
  benchmark: nonEmptyString.optional().meta({ description: 'Benchmark name whose results this SLO judges' }),
  region: nonEmptyString.optional().meta({
    description: 'Region of a distributed load test (--region) whose requests alone this SLO judges',
  }),
};

const windowed = (what: string) =>
  nonEmptyString
    .optional()
    .meta({ description: `PromQL ${what} (use {{window}} or {{.window}} for the range)` });

/**
 * Live data in Prometheus: good (or bad) and total events, a raw error or success ratio, a
 * histogram and a bucket bound, or (gauge SLIs) a value sampled at each evaluation. Which
 * combinations make sense is checked with the SLI (src/slo/spec), at the field that is wrong.
 */
const prometheusSource = z.strictObject({
  good: windowed('counting good events'),
  bad: windowed('counting bad events'),
  total: windowed('counting all events'),
  errorRatio: windowed(
    "that is the error ratio (bad / total) over the window, as Sloth's raw error_ratio_query",
  ),
  successRatio: windowed('that is the success ratio (good / total) over the window'),
  histogram: nonEmptyString
    .optional()
    .meta({ description: 'Histogram metric name (without _bucket) for a latency SLI' }),
  selector: nonEmptyString
    .optional()
    .meta({ description: 'Label matchers added to every query, e.g. job="model-router"' }),
  buckets: z.array(z.number().positive()).min(1).optional().meta({
    description:
      "The histogram's `le` bounds in its unit; the latency target must be one of them (checked by validate)",
  }),
  unit: z.enum(['s', 'ms']).optional().meta({
    description:
      "Unit of the histogram's `le` bounds; default from its name (_seconds, _milliseconds), else s",
  }),
  query: nonEmptyString.optional().meta({
    description: 'Gauge SLIs: the PromQL value sampled at each evaluation and compared with the target',
  }),
});

const latencySli = z.strictObject({
  type: z.literal('latency'),
  percentile: z.number().gt(0).lt(100).default(95).meta({ description: 'Which percentile, e.g. 95 for p95' }),
  loadMetric: z.enum(['perfgate.http.duration', 'http.response_time']).optional().meta({
    description:
      "Latency of a load test to judge: from the intended start (perfgate.http.duration, the default: honest under overload) or Artillery's time to first byte",
  }),
  ...scope,
  prometheus: prometheusSource.optional(),
});
const ratioSli = (type: 'availability' | 'error_rate' | 'success_rate') =>
  z.strictObject({ type: z.literal(type), ...scope, prometheus: prometheusSource.optional() });
const throughputSli = z.strictObject({
  type: z.literal('throughput'),
  ...scope,
  prometheus: prometheusSource.optional(),
});
const gaugeSli = z.strictObject({
  type: z.literal('gauge'),
  percentile: z
    .number()
    .gt(0)
    .lte(100)
    .default(99)
    .meta({ description: 'Share of samples (in %) that must meet the target, e.g. 99' }),
  prometheus: prometheusSource.optional(),
});
const memorySli = z.strictObject({
  type: z.literal('memory'),
  measure: z.enum(['heapUsed', 'rss', 'heapDelta']).default('heapDelta'),
  ...scope,
});

export const SLI_TYPES = [
  'latency',
  'availability',
  'error_rate',
  'success_rate',
  'throughput',
  'memory',
  'gauge',
] as const;

const sliSchema = z.discriminatedUnion('type', [
  latencySli,
  ratioSli('availability'),
  ratioSli('error_rate'),
  ratioSli('success_rate'),
  throughputSli,
  memorySli,
  gaugeSli,
]);

const objectiveSchema = z.strictObject({
  target: z.number({ error: 'expected a number' }),
  operator: z.enum(['<=', '>=', '<', '>']),
  unit: z.enum(['ms', 's', '%', 'rps', 'MB', 'bytes']).optional(),
});

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const tierSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z][a-z0-9-]*$/, { error: 'tier names are kebab-case, e.g. page-fast' }),
    severity: z.enum(['critical', 'warning']),
    long: duration().meta({ description: 'Long window, e.g. 1h' }),
    short: duration().meta({ description: 'Short window, e.g. 5m (shorter than long)' }),
    factor: z.number().positive().optional().meta({ description: 'Burn-rate factor, e.g. 14.4' }),
    budgetPercent: percentage
      .optional()
      .meta({ description: "Share of the period's budget spent within the long window, e.g. 2" }),
  })
  .refine((tier) => (tier.factor === undefined) !== (tier.budgetPercent === undefined), {
    error: 'give exactly one of `factor` or `budgetPercent`',
  });

const CALENDAR_PERIODS = ['month', 'quarter', 'week'] as const;
type CalendarPeriod = (typeof CALENDAR_PERIODS)[number];

/** A rolling duration or a calendar period, with one clear message for anything else. */
const period = z
  .union([z.number(), z.string()], {
    error: 'expected a duration such as 28d or one of week, month, quarter',
  })
  .transform((input, ctx): number | CalendarPeriod => {
    const calendar = CALENDAR_PERIODS.find((name) => name === input);
    if (calendar !== undefined) return calendar;
    const ms = parseDuration(input);
    if (ms !== undefined && ms > 0) return ms;
    ctx.addIssue({
      code: 'custom',
      message: `invalid period ${JSON.stringify(input)}: expected a rolling duration such as 7d, 28d or 30d, or a calendar period: week, month or quarter`,
    });
    return z.NEVER;
  })
  .meta({ description: 'Rolling window (28d, 30d, 7d…) or calendar period (week, month, quarter)' });

const errorBudgetSchema = z.strictObject({
  period: period.prefault('30d'),
  timezone: nonEmptyString
    .refine(isTimeZone, { error: 'unknown IANA time zone, e.g. Europe/Berlin or UTC' })
    .optional()
    .meta({ description: 'IANA time zone for calendar periods, default UTC' }),
  budgetPercentage: percentage
    .optional()
    .meta({ description: 'Allowed share of bad events, e.g. 0.5 for a 99.5 % objective' }),
  windows: z.array(tierSchema).min(1).optional().meta({
    description:
      'Multiwindow burn-rate tiers; default the SRE Workbook ones on 28d/30d, scaled to other periods of 5d and more',
  }),
});

const alertingSchema = z.strictObject({
  runbook: httpUrl.optional().meta({ description: 'Runbook link put on every alert' }),
  dashboard: httpUrl.optional().meta({ description: 'Dashboard link put on every alert' }),
  tiers: z.array(tierSchema).min(1).optional().meta({
    description: 'The older name of errorBudget.windows',
  }),
  thresholds: z
    .strictObject({
      criticalBurnRate: z.number().positive().optional(),
      criticalRemaining: z.number().min(0).max(1).optional(),
      warningBurnRate: z.number().positive().optional(),
      warningRemaining: z.number().min(0).max(1).optional(),
    })
    .optional()
    .meta({
      description: 'Severity policy: critical when burn > 5× or remaining < 10 %, warning at 2× / 20 %',
    }),
  remainingBudgetAlerts: z.boolean().optional().meta({
    description:
      'perfgate monitor also alerts when the budget left falls under the thresholds (default true); burn-rate tiers alert either way',
  }),
});

/** One SLO, in the spec's shape: `{ name, service, sli, slo: { target, operator }, errorBudget }`. */
export const sloSchema = z.strictObject({
  id: z.string().optional().meta({
    description:
      'Unique id of the SLO across every config sharing a Prometheus (default: service-name); the slo_id label of its series and alerts',
  }),
  name: z.string().regex(/^[A-Za-z_][\w-]*$/, {
    error: 'SLO names use letters, digits, "_" and "-", starting with a letter',
  }),
  service: nonEmptyString,
  description: z.string().optional(),
  sli: sliSchema,
  slo: objectiveSchema,
  errorBudget: errorBudgetSchema.optional(),
  labels: z.record(z.string(), z.string()).optional(),
  alerting: alertingSchema.optional(),
  allowUncovered: z.boolean().optional().meta({
    description:
      'perfgate run passes even when no result covers this SLO (default false: an uncovered SLO fails the gate)',
  }),
});

export const slosSchema = z.array(sloSchema);
export type SloConfig = z.output<typeof sloSchema>;
