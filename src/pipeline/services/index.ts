/** Starting, health-checking and always stopping the services under test (like Playwright's `webServer`). */
export { checkHealth, type HealthCheckOptions, resolveHealthUrl } from './health.js';
export { processClock } from './process-clock.js';
export { startServices } from './start-services.js';
export type {
  ExitInfo,
  HealthProbe,
  HealthReport,
  RunningService,
  RunningServices,
  ServiceDeps,
  ServiceSpec,
} from './types.js';
