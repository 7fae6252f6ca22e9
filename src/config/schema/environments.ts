import { z } from 'zod';
import { duration, nonEmptyString } from './fields.js';

/** Sections an environment may override. Overrides are merged onto the file (see merge.ts) and the result validated whole. */
export const OVERRIDABLE_SECTIONS = [
  'services',
  'load',
  'benchmarks',
  'regression',
  'compliance',
  'notifications',
  'prometheus',
] as const;

const sectionOverride = z.record(z.string(), z.unknown()).meta({
  description:
    'Deep-merged onto the section of the same name: objects merge, lists and values replace, null removes',
});

/** One environment profile (`ci`, `staging`, `production` are built in; any other name may be added). */
export const environmentSchema = z.strictObject({
  description: z.string().optional(),
  loadProfile: nonEmptyString
    .optional()
    .meta({ description: 'Load profile: light, moderate, stress, spike or one of load.profiles' }),
  timeBudget: duration().optional().meta({
    description: 'Hard limit for a whole `perfgate run` (scaled by PERFORMANCE_TIMEOUT_MULTIPLIER)',
  }),
  requireConfirmation: z
    .boolean()
    .optional()
    .meta({ description: 'Ask for --yes before aiming load at this environment' }),
  ...Object.fromEntries(OVERRIDABLE_SECTIONS.map((section) => [section, sectionOverride.optional()])),
});

export const environmentsSchema = z.record(
  z.string().regex(/^[A-Za-z][\w-]*$/, { error: 'environment names use letters, digits, "_" and "-"' }),
  environmentSchema,
);

export type EnvironmentConfig = z.output<typeof environmentSchema>;
