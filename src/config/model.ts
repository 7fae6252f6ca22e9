import type { RunSettings } from './env-vars.js';
import type { BenchmarksConfig, RegressionConfig } from './schema/benchmarks.js';
import type { ComplianceConfig } from './schema/compliance.js';
import type { GamedayConfig } from './schema/gameday.js';
import type { DistributedConfig, LoadProfile } from './schema/load.js';
import type { NotificationsConfig, PrometheusConfig } from './schema/notifications.js';
import type { ServiceConfig } from './schema/services.js';
import type { SloConfig } from './schema/slos.js';

/** A service with its name, and `cwd` resolved to an absolute directory. */
export interface ResolvedService extends Omit<ServiceConfig, 'cwd'> {
  name: string;
  cwd: string;
}

/** The chosen environment profile, with its load profile looked up. */
export interface ResolvedEnvironment {
  name: string;
  description?: string;
  loadProfileName: string;
  loadProfile: LoadProfile;
  /** Already scaled by `run.timeoutMultiplier`. */
  timeBudgetMs: number;
  requireConfirmation: boolean;
}

export interface ResolvedLoadScript {
  /** Absolute path of the Artillery-format script. */
  path: string;
  name: string;
  environment?: string;
  service?: string;
}

/**
 * The effective configuration: defaults ← file ← environment profile ← environment variables ←
 * flags, validated, with paths absolute and the spec's legacy shape folded in. Plain data.
 */
export interface PerfgateConfig {
  /** The config file, or undefined when running on defaults alone. */
  file?: string;
  /** Directory relative paths are resolved against. */
  dir: string;
  name?: string;
  environment: ResolvedEnvironment;
  services: ResolvedService[];
  slos: SloConfig[];
  /** How SLO checks weigh few events. */
  compliance: ComplianceConfig;
  load: {
    scripts: ResolvedLoadScript[];
    profiles: Record<string, LoadProfile>;
    /** Put each script's load on a Kubernetes cluster (`load.distributed`). */
    distributed?: DistributedConfig;
  };
  benchmarks: BenchmarksConfig;
  regression: RegressionConfig;
  notifications: NotificationsConfig;
  prometheus?: PrometheusConfig;
  /** `history.url`: a shared PostgreSQL history instead of the file. */
  history?: { url?: string };
  /** `perfgate gameday`'s drill, paths absolute. */
  gameday?: GamedayConfig;
  /** Every environment name the config knows (built-in and declared), for listings and suggestions. */
  environments: string[];
  run: RunSettings;
}
