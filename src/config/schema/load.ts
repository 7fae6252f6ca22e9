import { z } from 'zod';
import { duration, nonEmptyString, positiveInt } from './fields.js';

/** A named amount of load: how many virtual users, how long, at what request rate. */
export const loadProfileSchema = z.strictObject({
  users: positiveInt.meta({ description: 'Concurrent virtual users (the most in flight at once)' }),
  duration: duration('s').meta({ description: 'How long the load lasts (bare numbers are seconds)' }),
  rps: z
    .number()
    .positive()
    .optional()
    .meta({ description: 'Target arrival rate, requests or scenarios per second' }),
  rampUp: duration('s').optional(),
});

const loadScriptSchema = z.union([
  nonEmptyString.transform(
    (path): { path: string; name?: string; environment?: string; service?: string } => ({ path }),
  ),
  z.strictObject({
    path: nonEmptyString.meta({ description: 'Artillery-format YAML script, relative to the config file' }),
    name: nonEmptyString.optional(),
    environment: nonEmptyString
      .optional()
      .meta({ description: "The script's `config.environments` entry to use" }),
    service: nonEmptyString
      .optional()
      .meta({ description: 'The service (key of `services`) whose URL is the target' }),
  }),
]);

export const loadSchema = z.strictObject({
  scripts: z.array(loadScriptSchema).default([]),
  profiles: z.record(z.string(), loadProfileSchema).optional(),
  profile: nonEmptyString.optional().meta({ description: 'Profile to use when the environment names none' }),
});

export type LoadProfile = z.output<typeof loadProfileSchema>;
export type LoadConfig = z.output<typeof loadSchema>;
