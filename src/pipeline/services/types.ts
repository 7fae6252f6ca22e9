import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';

/** One service under test, as the pipeline sees it (the config's `services.<name>`, defaults applied). */
export interface ServiceSpec {
  name: string;
  /** Base URL the tests aim at, e.g. `http://127.0.0.1:4101`. */
  url: string;
  /** Shell command (`sh -c`) that starts it; absent = an externally managed service we only health-check. */
  start?: string;
  /** Absolute working directory for `start` (the caller resolves it relative to the config file). */
  cwd?: string;
  /** Added to the inherited environment of `start`. */
  env?: Record<string, string>;
  /** Absolute URL, or a path relative to `url` (e.g. `/health`), answering 2xx when ready; default: `url`. */
  healthcheck?: string;
  /** How long to wait for the first 2xx health answer. */
  readyTimeoutMs: number;
  /** Grace between SIGTERM and SIGKILL when stopping. */
  stopTimeoutMs: number;
  /** When something already accepts connections on the port: true → use it as is, false → SERVICE_PORT_IN_USE. */
  reuseExisting: boolean;
}

/** The world `startServices` works in. */
export interface ServiceDeps {
  logger: Logger;
  /** The environment the start commands inherit (before each spec's `env`). */
  env: Readonly<Record<string, string | undefined>>;
  /** Aborts startup (→ ABORTED, everything started so far is stopped). It does not stop running services. */
  signal?: AbortSignal;
  /** Timing; default: a monotonic clock built from `performance.now()` and timers. */
  clock?: Clock;
}

/** A service that answered its health check. */
export interface RunningService {
  readonly name: string;
  readonly url: string;
  /** Process id (and process group id) of the start command; undefined when not started by us. */
  readonly pid: number | undefined;
  /** True when perfgate started it and will stop it; false for external or reused services. */
  readonly managed: boolean;
  /** The last lines of the command's stdout+stderr ('' when not managed). */
  recentOutput(): string;
}

/** The started services; the owner must call `stop()` (in a `finally`), whatever happens. */
export interface RunningServices {
  readonly services: readonly RunningService[];
  /** Probes every service's health check now (concurrently); never rejects. */
  health(): Promise<HealthReport[]>;
  /** Stops the managed services in reverse start order; idempotent, never rejects. */
  stop(): Promise<void>;
}

/** One health probe of one service. */
export interface HealthReport {
  name: string;
  /** The health-check URL probed. */
  url: string;
  /** True for a 2xx answer. */
  ok: boolean;
  /** HTTP status, when an answer arrived. */
  status?: number;
  latencyMs: number;
  /**
   * Why no answer arrived: `ECONNREFUSED`, `timeout after 2000ms`, … (absent when a status arrived);
   * for a managed service whose process has ended, also how: `ECONNREFUSED; its process exited with code 1`.
   */
  error?: string;
}

/** A health probe before it is attributed to a service. */
export type HealthProbe = Omit<HealthReport, 'name'>;

/** How the start command's process ended. */
export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}
