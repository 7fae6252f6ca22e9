/**
 * `perfgate run` with `load.distributed`: a planned load run (the profile's phases, the service's
 * URL, the `services` variables) put on the cluster as `perfgate load --kubernetes` would, each
 * generator pod given the run's phases and variables through `--overrides`.
 */
import type { DistributedConfig } from '../../config/index.js';
import type { LoadResults } from '../../load/metrics/results.js';
import { artilleryPhases } from '../../pipeline/distributed/artillery-phases.js';
import type { PlannedLoadRun } from '../../pipeline/index.js';
import { systemClock } from '../clock.js';
import type { CliIo } from '../io.js';
import { runTestOnCluster } from '../kubernetes/cluster-run.js';
import { clusterSpecOf, type KubernetesOptions, loopbackWarning } from '../kubernetes/cluster-spec.js';
import type { LoadedScript } from '../load/script-files.js';
import type { Output } from '../output.js';

type ReadyScript = Extract<LoadedScript, { state: 'ok' }>;

export async function runLoadOnCluster(
  io: CliIo,
  output: Output,
  run: PlannedLoadRun,
  loaded: ReadyScript,
  settings: DistributedConfig,
  context: { variables: Readonly<Record<string, unknown>>; signal: AbortSignal },
): Promise<LoadResults> {
  const { kubernetes } = settings;
  const loopback = loopbackWarning(run.target ?? loaded.script.target);
  if (loopback) output.warn(`${run.name}: ${loopback}`);
  const overrides = { config: { phases: artilleryPhases(run.phases), variables: context.variables } };
  const options: KubernetesOptions = {
    generators: String(settings.generators),
    overrides: JSON.stringify(overrides),
    ...(run.target === undefined ? {} : { target: run.target }),
    ...(run.scriptEnvironment === undefined ? {} : { environment: run.scriptEnvironment }),
    ...(kubernetes.namespace === undefined ? {} : { namespace: kubernetes.namespace }),
    ...(kubernetes.image === undefined ? {} : { image: kubernetes.image }),
    ...(kubernetes.regions === undefined ? {} : { region: kubernetes.regions }),
    ...(kubernetes.startDelay === undefined ? {} : { startDelay: `${kubernetes.startDelay}ms` }),
    ...(kubernetes.workers === undefined ? {} : { workers: String(kubernetes.workers) }),
    ...(kubernetes.cpu === undefined ? {} : { cpu: kubernetes.cpu }),
    ...(kubernetes.memory === undefined ? {} : { memory: kubernetes.memory }),
  };
  const spec = clusterSpecOf({
    options,
    script: { ...loaded.script, phases: run.phases },
    scriptFile: run.path,
    cwd: io.cwd,
    nowMs: systemClock.now(),
  });
  return runTestOnCluster(io, output, spec, context.signal, {
    ...(kubernetes.context === undefined ? {} : { context: kubernetes.context }),
    progress: (line) => output.info(`  ${run.name} ${line}`),
  });
}
