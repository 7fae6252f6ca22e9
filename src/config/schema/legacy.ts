import { z } from 'zod';
import { duration, nonEmptyString, positiveInt } from './fields.js';

/**
 * The spec's `benchmark-config.json` shape, accepted as-is and mapped onto the same model
 * (see ../legacy.ts): `sloTargets.<service>.<metric>.{p50,p95,p99,unit}` and
 * `loadTestingProfiles.<name>.{concurrentUsers,duration}`.
 */
const latencyTargets = z
  .strictObject({
    p50: z.number().positive().optional(),
    p90: z.number().positive().optional(),
    p95: z.number().positive().optional(),
    p99: z.number().positive().optional(),
    unit: z.enum(['ms', 's']).default('ms'),
    description: z.string().optional(),
  })
  .refine((t) => [t.p50, t.p90, t.p95, t.p99].some((value) => value !== undefined), {
    error: 'give at least one of p50, p90, p95, p99',
  });

export const sloTargetsSchema = z.record(nonEmptyString, z.record(nonEmptyString, latencyTargets));

export const loadTestingProfilesSchema = z.record(
  nonEmptyString,
  z.strictObject({
    concurrentUsers: positiveInt,
    duration: duration('s').meta({ description: 'Seconds, or a string such as 5m' }),
    requestsPerSecond: z.number().positive().optional(),
    rampUp: duration('s').optional(),
    description: z.string().optional(),
  }),
);

export type SloTargets = z.output<typeof sloTargetsSchema>;
export type LoadTestingProfiles = z.output<typeof loadTestingProfilesSchema>;
