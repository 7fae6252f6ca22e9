import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import { resolveHealthUrl } from './health.js';
import { acceptsConnections, socketAddressOf } from './port.js';
import { waitUntilHealthy } from './readiness.js';
import {
  abortedError,
  exitedEarlyError,
  notReadyError,
  portInUseError,
  unreachableError,
} from './service-errors.js';
import { type ServiceProcess, spawnServiceProcess } from './service-process.js';
import { PORT_PROBE_TIMEOUT_MS } from './tunables.js';
import type { ExitInfo, RunningService, ServiceSpec } from './types.js';

export interface StartDeps {
  logger: Logger;
  env: Readonly<Record<string, string | undefined>>;
  signal: AbortSignal | undefined;
  clock: Clock;
}

/** A healthy service plus what its owner needs to stop it. */
export interface StartedService extends RunningService {
  readonly healthUrl: string;
  /** How the start command ended, if it has (managed services only). */
  exitInfo(): ExitInfo | undefined;
  /** Stops it if managed (idempotent, never rejects); a no-op for external and reused services. */
  stop(): Promise<void>;
}

/**
 * Brings one service to healthy. Without `start`: waits for its health (SERVICE_UNREACHABLE).
 * With `start`: if its health-check host:port already accepts connections, reuses it when
 * `reuseExisting` (managed=false) or throws SERVICE_PORT_IN_USE; else spawns the command and waits
 * for health, racing its exit (SERVICE_EXITED_EARLY), `readyTimeoutMs` (SERVICE_NOT_READY) and the
 * signal (ABORTED). On any failure nothing this call started is left running.
 */
export async function startService(spec: ServiceSpec, deps: StartDeps): Promise<StartedService> {
  if (deps.signal?.aborted) throw abortedError(spec, deps.signal.reason);
  const healthUrl = resolveHealthUrl(spec);
  if (spec.start === undefined) return await attachExternal(spec, healthUrl.href, deps, false);
  if (await acceptsConnections(healthUrl, PORT_PROBE_TIMEOUT_MS)) {
    const { host, port } = socketAddressOf(healthUrl);
    if (!spec.reuseExisting) throw portInUseError(spec, `${host}:${port}`);
    deps.logger.info(`service '${spec.name}': reusing what already listens on ${host}:${port}`);
    return await attachExternal(spec, healthUrl.href, deps, true);
  }
  deps.logger.info(`starting service '${spec.name}': ${spec.start}`);
  const proc = await spawnServiceProcess(spec, spec.start, deps);
  const started = deps.clock.monotonic();
  const readiness = await waitUntilHealthy({
    ...readinessTarget(spec, healthUrl.href, deps),
    exited: proc.exited,
  });
  if (readiness.state === 'ready') {
    const seconds = ((deps.clock.monotonic() - started) / 1_000).toFixed(1);
    deps.logger.info(`service '${spec.name}' is healthy after ${seconds}s (pid ${proc.pid})`);
    return managedService(spec, healthUrl.href, proc);
  }
  await proc.stop();
  const output = proc.outputLines();
  if (readiness.state === 'exited') throw exitedEarlyError(spec, spec.start, readiness.exit, output);
  if (readiness.state === 'aborted') throw abortedError(spec, readiness.reason);
  throw notReadyError(spec, spec.start, healthUrl.href, readiness.last, output);
}

async function attachExternal(
  spec: ServiceSpec,
  healthUrl: string,
  deps: StartDeps,
  reused: boolean,
): Promise<StartedService> {
  const readiness = await waitUntilHealthy(readinessTarget(spec, healthUrl, deps));
  if (readiness.state === 'aborted') throw abortedError(spec, readiness.reason);
  if (readiness.state !== 'ready') {
    throw unreachableError(
      spec,
      healthUrl,
      readiness.state === 'timeout' ? readiness.last : undefined,
      reused,
    );
  }
  deps.logger.info(`service '${spec.name}' is healthy at ${healthUrl} (not started by perfgate)`);
  return {
    name: spec.name,
    url: spec.url,
    healthUrl,
    pid: undefined,
    managed: false,
    recentOutput: () => '',
    exitInfo: () => undefined,
    stop: async () => {},
  };
}

function readinessTarget(spec: ServiceSpec, url: string, deps: StartDeps) {
  return { url, timeoutMs: spec.readyTimeoutMs, clock: deps.clock, signal: deps.signal };
}

function managedService(spec: ServiceSpec, healthUrl: string, proc: ServiceProcess): StartedService {
  return {
    name: spec.name,
    url: spec.url,
    healthUrl,
    pid: proc.pid,
    managed: true,
    recentOutput: () => proc.outputLines().join('\n'),
    exitInfo: () => proc.exitInfo(),
    stop: () => proc.stop(),
  };
}
