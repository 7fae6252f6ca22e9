import { z } from 'zod';
import { duration, nonEmptyString, percentage } from './fields.js';

/** Where a test's measurements come from: a whole run, one endpoint (`POST /api/route` or a request name) or one scenario. */
const scope = {
  endpoint: nonEmptyString.optional().meta({ description: 'Request name or "METHOD /path" of a load test' }),
  scenario: nonEmptyString.optional().meta({ description: 'Scenario name of a load test' }),
  benchmark: nonEmptyString.optional().meta({ description: 'Benchmark name whose results this SLO judges' }),
};

/** Live data in Prometheus: a ratio of good (or bad) to total events, or a histogram and a bucket bound. */
const prometheusSource = z
  .strictObject({
    good: nonEmptyString
      .optional()
      .meta({ description: 'PromQL counting good events (use {{window}} for the range)' }),
    bad: nonEmptyString
      .optional()
      .meta({ description: 'PromQL counting bad events (use {{window}} for the range)' }),
    total: nonEmptyString
      .optional()
      .meta({ description: 'PromQL counting all events (use {{window}} for the range)' }),
    histogram: nonEmptyString
      .optional()
      .meta({ description: 'Histogram metric name (without _bucket) for a latency SLI' }),
    selector: nonEmptyString
      .optional()
      .meta({ description: 'Label matchers added to every query, e.g. job="model-router"' }),
  })
  .refine(
    (source) =>
      source.histogram !== undefined ||
      (source.total !== undefined && (source.good !== undefined) !== (source.bad !== undefined)),
    {
      error: 'give either `histogram`, or `total` with exactly one of `good` or `bad`',
    },
  );

const latencySli = z.strictObject({
  type: z.literal('latency'),
  percentile: z.number().gt(0).lt(100).default(95).meta({ description: 'Which percentile, e.g. 95 for p95' }),
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
] as const;

const sliSchema = z.discriminatedUnion('type', [
  latencySli,
  ratioSli('availability'),
  ratioSli('error_rate'),
  ratioSli('success_rate'),
  throughputSli,
  memorySli,
]);

const objectiveSchema = z.strictObject({
  target: z.number({ error: 'expected a number' }),
  operator: z.enum(['<=', '>=', '<', '>']),
  unit: z.enum(['ms', 's', '%', 'rps', 'MB', 'bytes']).optional(),
});

const errorBudgetSchema = z.strictObject({
  period: z
    .union([z.enum(['month', 'quarter', 'week']), duration()])
    .prefault('30d')
    .meta({ description: 'Rolling window (7d, 28d, 30d) or calendar period (week, month, quarter)' }),
  timezone: nonEmptyString
    .optional()
    .meta({ description: 'IANA time zone for calendar periods, default UTC' }),
  budgetPercentage: percentage
    .optional()
    .meta({ description: 'Allowed share of bad events, e.g. 0.5 for a 99.5 % objective' }),
});

/** One SLO, in the spec's shape: `{ name, service, sli, slo: { target, operator }, errorBudget }`. */
export const sloSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z_][\w-]*$/, {
    error: 'SLO names use letters, digits, "_" and "-", starting with a letter',
  }),
  service: nonEmptyString,
  description: z.string().optional(),
  sli: sliSchema,
  slo: objectiveSchema,
  errorBudget: errorBudgetSchema.optional(),
  labels: z.record(z.string(), z.string()).optional(),
});

export const slosSchema = z.array(sloSchema);
export type SloConfig = z.output<typeof sloSchema>;
