import { z } from 'zod';
import { duration, httpUrl, nonEmptyString } from './fields.js';

export const DEFAULT_READY_TIMEOUT_MS = 60_000;
export const DEFAULT_STOP_TIMEOUT_MS = 5_000;

/** A service under test: where it answers and, optionally, how to start it (like Playwright's webServer). */
export const serviceSchema = z.strictObject({
  url: httpUrl.meta({ description: 'Base URL the tests aim at, e.g. http://127.0.0.1:4101' }),
  start: nonEmptyString
    .optional()
    .meta({ description: 'Shell command that starts the service; omit for a service managed elsewhere' }),
  cwd: nonEmptyString
    .optional()
    .meta({ description: 'Working directory of `start`, relative to the config file' }),
  env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).optional(),
  healthcheck: nonEmptyString.optional().meta({
    description:
      'URL, or path relative to `url`, that answers 2xx when the service is ready (default: `url`)',
  }),
  readyTimeout: duration().default(DEFAULT_READY_TIMEOUT_MS),
  stopTimeout: duration().default(DEFAULT_STOP_TIMEOUT_MS),
  reuseExisting: z
    .boolean()
    .default(false)
    .meta({ description: 'Use a service already listening on the port instead of failing' }),
});

export const servicesSchema = z.record(
  z.string().regex(/^[A-Za-z0-9][\w.-]*$/, { error: 'service names use letters, digits, ".", "_" and "-"' }),
  serviceSchema,
);

export type ServiceConfig = z.output<typeof serviceSchema>;
