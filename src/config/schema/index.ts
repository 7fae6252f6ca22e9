import { z } from 'zod';
import { benchmarksSchema, regressionSchema } from './benchmarks.js';
import { complianceSchema } from './compliance.js';
import { environmentsSchema } from './environments.js';
import { gamedaySchema } from './gameday.js';
import { loadTestingProfilesSchema, sloTargetsSchema } from './legacy.js';
import { loadSchema } from './load.js';
import { notificationsSchema, prometheusSchema } from './notifications.js';
import { servicesSchema } from './services.js';
import { slosSchema } from './slos.js';

/** The whole `perfgate.config.yaml`: one schema, every section optional. */
export const configFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(1).optional().meta({ description: 'Config format version' }),
    name: z.string().optional().meta({ description: 'Project name shown in reports' }),
    services: servicesSchema.default({}),
    slos: slosSchema.default([]),
    compliance: complianceSchema.prefault({}),
    load: loadSchema.prefault({}),
    benchmarks: benchmarksSchema.prefault({}),
    regression: regressionSchema.prefault({}),
    notifications: notificationsSchema.prefault({}),
    prometheus: prometheusSchema.optional(),
    history: z
      .strictObject({
        url: z
          .string()
          .regex(/^postgres(ql)?:\/\/\S+$/i, { error: 'expected a postgres://user:password@host/db URL' })
          .optional()
          .meta({
            description:
              'A PostgreSQL database that keeps the history for every runner (take the URL from an environment variable); default: .perfgate/history.db',
          }),
      })
      .optional()
      .meta({ description: 'Where runs are recorded (--history-db and PERFGATE_HISTORY_DB win)' }),
    environments: environmentsSchema.default({}),
    gameday: gamedaySchema
      .optional()
      .meta({ description: '`perfgate gameday`: faults, load and the alerts they must fire' }),
    sloTargets: sloTargetsSchema
      .optional()
      .meta({ description: "The spec's benchmark-config.json SLO targets" }),
    loadTestingProfiles: loadTestingProfilesSchema
      .optional()
      .meta({ description: "The spec's benchmark-config.json load profiles" }),
  })
  .meta({
    title: 'perfgate configuration',
    description: 'perfgate.config.yaml: services, SLOs, load tests, benchmarks, notifications, environments',
  });

export type ConfigFile = z.output<typeof configFileSchema>;

export * from './benchmarks.js';
export * from './compliance.js';
export * from './environments.js';
export * from './gameday.js';
export * from './legacy.js';
export * from './load.js';
export * from './notifications.js';
export * from './services.js';
export * from './slos.js';
