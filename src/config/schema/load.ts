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

/** Where `perfgate run` puts each script's load when one machine is not enough. */
export const distributedSchema = z.strictObject({
  generators: positiveInt.meta({ description: 'Generator pods that share each load test (segments)' }),
  kubernetes: z
    .strictObject({
      namespace: nonEmptyString.optional().meta({ description: "Default: the kubeconfig context's" }),
      context: nonEmptyString
        .optional()
        .meta({ description: 'A kubeconfig context other than the current one' }),
      image: nonEmptyString
        .optional()
        .meta({ description: 'Generator image (Dockerfile in the repository)' }),
      regions: z
        .array(z.string().regex(/^[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/))
        .optional()
        .meta({ description: 'Regions (topology.kubernetes.io/region) to spread the generators over' }),
      startDelay: duration('s')
        .optional()
        .meta({ description: 'Time for pods to be scheduled (default 60s)' }),
      workers: positiveInt.optional().meta({ description: 'Worker threads per generator pod (default 1)' }),
      cpu: nonEmptyString.optional().meta({ description: 'CPU request per pod (default: its workers)' }),
      memory: nonEmptyString
        .optional()
        .meta({ description: 'Memory request and limit per pod (default 512Mi)' }),
    })
    .meta({ description: "Run the load as Indexed Jobs on the kubeconfig's cluster" }),
});

export const loadSchema = z.strictObject({
  scripts: z.array(loadScriptSchema).default([]),
  profiles: z.record(z.string(), loadProfileSchema).optional(),
  profile: nonEmptyString.optional().meta({ description: 'Profile to use when the environment names none' }),
  distributed: distributedSchema.optional(),
});

export type LoadProfile = z.output<typeof loadProfileSchema>;
export type LoadConfig = z.output<typeof loadSchema>;
export type DistributedConfig = z.output<typeof distributedSchema>;
