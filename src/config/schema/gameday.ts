import { z } from 'zod';
import { faultSchema } from '../../load/faults/spec.js';
import { duration, nonEmptyString, positiveInt } from './fields.js';

export { type FaultConfig, faultSchema } from '../../load/faults/spec.js';

/** What must happen to one SLO's alerts and gate during the drill. */
export const expectationSchema = z.strictObject({
  slo: nonEmptyString.meta({ description: 'SLO name (or id) whose alert is expected' }),
  fault: nonEmptyString
    .optional()
    .meta({ description: "The fault that should trigger it (default: the first on the SLO's service)" }),
  alert: nonEmptyString.default('ErrorBudgetBurn').meta({ description: 'Alert name in the generated rules' }),
  tier: nonEmptyString
    .optional()
    .meta({ description: 'Only this burn tier (the burn_tier label, e.g. page-fast); default: any tier' }),
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
  faults: z
    .array(
      faultSchema.refine((fault) => fault.phase === undefined, {
        path: ['phase'],
        error: "a game day's faults are scheduled with from/to: its load has no phases",
      }),
    )
    .min(1, { error: 'a game day needs at least one fault' }),
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
