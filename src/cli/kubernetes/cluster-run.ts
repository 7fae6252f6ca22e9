/**
 * One load test on the cluster of the user's kubeconfig, from a ClusterTestSpec to merged
 * results: shared by `perfgate load --kubernetes` and `perfgate run` with `load.distributed`.
 */
import { PerfgateError } from '../../core/errors.js';
import type { LoadResults } from '../../load/metrics/results.js';
import { judgeSegments } from '../../pipeline/distributed/judge.js';
import { buildManifests, type ClusterTestSpec } from '../../pipeline/distributed/manifests.js';
import { runOnCluster } from '../../pipeline/distributed/run-on-cluster.js';
import { systemClock } from '../clock.js';
import type { CliIo } from '../io.js';
import type { Output } from '../output.js';

export interface ClusterRunOptions {
  /** A kubeconfig context other than the current one. */
  readonly context?: string;
  /** Each progress line (pods' phases, results collected). */
  readonly progress?: (line: string) => void;
}

const CLIENT = '@kubernetes/client-node';

/**
 * Loaded only when a cluster is used: --render and local runs never load the client. It is an
 * optional peer dependency (57 MB, more than the rest of perfgate), installed by those who run on
 * Kubernetes.
 */
async function loadKubernetesClient() {
  try {
    return await import('../../pipeline/distributed/kubernetes/kubeconfig-cluster.js');
  } catch (error) {
    const missing =
      (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String(error).includes(CLIENT);
    if (!missing) throw error;
    throw new PerfgateError(
      'DEPENDENCY_MISSING',
      `running on Kubernetes needs the package ${CLIENT}, which is not installed`,
      {
        hint: `npm install ${CLIENT}@^1.4.0 (an optional peer dependency of perfgate); --render needs nothing more`,
        cause: error,
      },
    );
  }
}

/** Runs the test; every segment's failure is printed; no results at all is ABORTED (exit 3). */
export async function runTestOnCluster(
  io: CliIo,
  output: Output,
  spec: ClusterTestSpec,
  signal: AbortSignal,
  options: ClusterRunOptions = {},
): Promise<LoadResults> {
  const manifests = buildManifests(spec);
  const { kubeconfigCluster } = await loadKubernetesClient();
  const cluster = kubeconfigCluster({
    ...(io.env.KUBECONFIG === undefined ? {} : { kubeconfig: io.env.KUBECONFIG }),
    ...(options.context === undefined ? {} : { context: options.context }),
  });
  const run = await runOnCluster(manifests, {
    cluster,
    clock: systemClock,
    signal,
    startAt: spec.startAt,
    deadlineAt: systemClock.now() + spec.deadlineSeconds * 1000,
    onProgress: options.progress ?? ((line) => output.info(line)),
    onWarning: (line) => output.warn(line),
  });
  for (const outcome of run.outcomes) {
    if (outcome.state === 'failed') output.error(`segment ${outcome.segment}: ${outcome.reason}`);
  }
  return judgeSegments(run.outcomes);
}
