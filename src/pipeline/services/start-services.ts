import type { Logger } from '../../core/logger.js';
import { checkHealth } from './health.js';
import { processClock } from './process-clock.js';
import { describeExit } from './service-errors.js';
import { type StartDeps, type StartedService, startService } from './start-service.js';
import { PROBE_TIMEOUT_MS } from './tunables.js';
import type { HealthReport, RunningServices, ServiceDeps, ServiceSpec } from './types.js';

/**
 * Starts the services under test in config order and resolves once every one answers its health
 * check (see `startService` for the rules and error codes of one service). If any fails, the ones
 * already started are stopped (in reverse order) before the error is rethrown, so a rejection never
 * leaves a process behind. On success the caller owns the result and must call `stop()`.
 */
export async function startServices(
  specs: readonly ServiceSpec[],
  deps: ServiceDeps,
): Promise<RunningServices> {
  const startDeps: StartDeps = {
    logger: deps.logger,
    env: deps.env,
    signal: deps.signal,
    clock: deps.clock ?? processClock,
  };
  const started: StartedService[] = [];
  try {
    for (const spec of specs) started.push(await startService(spec, startDeps));
  } catch (error) {
    await stopInReverse(started, deps.logger);
    throw error;
  }
  return runningServices(started, startDeps);
}

function runningServices(started: readonly StartedService[], deps: StartDeps): RunningServices {
  let stopping: Promise<void> | undefined;
  return {
    services: started.map(({ name, url, pid, managed, recentOutput }) => ({
      name,
      url,
      pid,
      managed,
      recentOutput,
    })),
    health: () => Promise.all(started.map((service) => healthOf(service, deps))),
    stop: () => (stopping ??= stopInReverse(started, deps.logger)),
  };
}

async function healthOf(service: StartedService, deps: StartDeps): Promise<HealthReport> {
  const probe = await checkHealth(service.healthUrl, PROBE_TIMEOUT_MS, { clock: deps.clock });
  const exit = service.exitInfo();
  if (probe.ok || exit === undefined) return { name: service.name, ...probe };
  const error = `${probe.error ?? `HTTP ${probe.status}`}; its process ${describeExit(exit)}`;
  return { name: service.name, ...probe, error };
}

/** Stops managed services last-started first, one at a time; never rejects. */
async function stopInReverse(started: readonly StartedService[], logger: Logger): Promise<void> {
  for (const service of [...started].reverse()) {
    try {
      await service.stop();
    } catch (error) {
      logger.warn(`service '${service.name}' did not stop cleanly: ${String(error)}`);
    }
  }
}
