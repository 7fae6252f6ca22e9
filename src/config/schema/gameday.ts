import { z } from 'zod';
import { duration, nonEmptyString, positiveInt } from './fields.js';

const ratio = z
  .number()
  .gt(0, { error: 'must be above 0' })
  .lte(1, { error: 'must be at most 1 (a share of the requests)' });

const EFFECT_KEYS = ['latency', 'error', 'reset', 'bandwidth', 'blackhole'] as const;

/** One fault (Toxiproxy's toxics, plus HTTP error answers), on a schedule within the run. */
export const faultSchema = z
  .strictObject({
    name: nonEmptyString.optional().meta({ description: 'Name in reports (default: service-kind)' }),
    service: nonEmptyString
      .optional()
      .meta({ description: 'The service (key of `services`) whose traffic it disturbs; default: all' }),
    endpoint: z
      .string()
      .regex(/^([A-Za-z]+ )?\/\S*$/, { error: 'expected "METHOD /path" or "/path"' })
      .optional()
      .meta({ description: 'Only requests to this path (query ignored), e.g. "POST /api/route"' }),
    from: duration('s').default(0).meta({ description: 'Starts this long after the load starts' }),
    to: duration('s')
      .optional()
      .meta({ description: 'Ends this long after the load starts (default: never)' }),
    latency: z
      .strictObject({ fixed: duration('ms'), jitter: duration('ms').default(0) })
      .optional()
      .meta({ description: 'Delay each request by fixed ± jitter (uniform)' }),
    error: z
      .strictObject({
        status: z.number().int().min(400).max(599).default(503),
        ratio: ratio.default(1),
      })
      .optional()
      .meta({ description: 'Answer this status instead of the service, for this share of the requests' }),
    reset: z
      .strictObject({ ratio: ratio.default(1) })
      .optional()
      .meta({ description: 'Reset the connection (TCP RST) for this share of the requests' }),
    bandwidth: z
      .strictObject({ bytesPerSecond: z.number().positive() })
      .optional()
      .meta({ description: 'Send responses at most this fast' }),
    blackhole: z
      .literal(true)
      .optional()
      .meta({ description: 'Never answer; connections close when the fault ends' }),
  })
  .superRefine((fault, ctx) => {
    const effects = EFFECT_KEYS.filter((key) => fault[key] !== undefined);
    if (effects.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `a fault has exactly one of ${EFFECT_KEYS.join(', ')} (found ${effects.length === 0 ? 'none' : effects.join(', ')})`,
      });
    }
    if (fault.to !== undefined && fault.to <= fault.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: '`to` must be after `from`' });
    }
  });

export type FaultConfig = z.output<typeof faultSchema>;

/** What must happen to one SLO's alerts and gate during the drill. */
export const expectationSchema = z.strictObject({
  slo: nonEmptyString.meta({ description: 'SLO name (or id) whose alert is expected' }),
  fault: nonEmptyString
    .optional()
    .meta({ description: "The fault that should trigger it (default: the first on the SLO's service)" }),
  alert: nonEmptyString.default('ErrorBudgetBurn').meta({ description: 'Alert name in the generated rules' }),
  severity: z.enum(['critical', 'warning']).default('critical').meta({
    description: 'critical: a page (the default); warning: a ticket',
  }),
  fireWithin: duration('s').meta({
    description:
      "Fires within this long after the fault starts, in the SLO's own time (divided by timeScale)",
  }),
  resolveWithin: duration('s')
    .optional()
    .meta({ description: "Resolves within this long after the fault ends, in the SLO's own time" }),
  gate: z
    .enum(['fail', 'pass'])
    .optional()
    .meta({ description: "The run's SLO gate must fail (or pass) for this SLO" }),
});

export type ExpectationConfig = z.output<typeof expectationSchema>;

/** `perfgate gameday`: a drill that proves the alerts fire (see the README's Game day section). */
export const gamedaySchema = z.strictObject({
  timeScale: z.number().min(1).default(1).meta({
    description:
      "The SLOs' alert windows and period are divided by this for the drill (60: 1h → 1m); the report states it",
  }),
  interval: duration('ms')
    .default(1000)
    .meta({ description: 'Prometheus scrape and rule evaluation interval during the drill' }),
  scripts: z
    .array(z.strictObject({ path: nonEmptyString, service: nonEmptyString }))
    .optional()
    .meta({
      description: 'Load scripts and the service each aims at (default: load.scripts with a service)',
    }),
  load: z
    .strictObject({ users: positiveInt, rps: z.number().positive() })
    .default({ users: 5, rps: 10 })
    .meta({ description: 'Open-model load per script for the whole drill' }),
  duration: duration('s')
    .optional()
    .meta({ description: 'Longest the load runs (default: until every expectation is decided)' }),
  faults: z.array(faultSchema).min(1, { error: 'a game day needs at least one fault' }),
  expect: z.array(expectationSchema).min(1, { error: 'a game day needs at least one expectation' }),
  rules: nonEmptyString
    .optional()
    .meta({ description: 'A rules file to load as is (default: the rules perfgate generates, scaled)' }),
  notify: z
    .array(nonEmptyString)
    .default([])
    .meta({ description: 'Notification channels for drill results; none by default (never on-call)' }),
});

export type GamedayConfig = z.output<typeof gamedaySchema>;
