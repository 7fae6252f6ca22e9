/**
 * One load test on the cluster of the user's kubeconfig, from a ClusterTestSpec to merged
 * results: shared by `perfgate load --kubernetes` and `perfgate run` with `load.distributed`.
 */
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

/** Runs the test; every segment's failure is printed; no results at all is ABORTED (exit 3). */
export async function runTestOnCluster(
  io: CliIo,
  output: Output,
  spec: ClusterTestSpec,
  signal: AbortSignal,
  options: ClusterRunOptions = {},
): Promise<LoadResults> {
  const manifests = buildManifests(spec);
  // Loaded only when a cluster is used: --render and local runs never load the client.
  const { kubeconfigCluster } = await import('../../pipeline/distributed/kubernetes/kubeconfig-cluster.js');
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
