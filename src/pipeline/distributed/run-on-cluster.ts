/**
 * Runs a distributed load test on a cluster: creates the ConfigMap and the Jobs, follows the pods
 * until every segment has handed over its results (or cannot), and always deletes what it
 * created — on success, failure, timeout and abort (Ctrl-C). Each segment ends with its results
 * or with the reason it has none; judging them is `judgeSegments`' job.
 */
import type { Clock } from '../../core/clock.js';
import { formatDuration } from '../../core/duration.js';
import { decodeHandover } from '../../load/metrics/handover.js';
import type { LoadResults } from '../../load/metrics/results.js';
import { START_AT_TOLERANCE_MS } from '../../load/schedule/start-at.js';
import type { ClusterApi, PodView } from './cluster.js';
import { type ClusterManifests, type JobShare, LABELS } from './manifests.js';

export const DEFAULT_POLL_MS = 2_000;
/** Log lines quoted when a pod ended without results. */
const LOG_TAIL_LINES = 5;

export interface ClusterRunDeps {
  readonly cluster: ClusterApi;
  readonly clock: Clock;
  /** Abort (Ctrl-C) to stop following the run; what was created is deleted all the same. */
  readonly signal: AbortSignal;
  /** The shared start instant, wall-clock ms: a pod not running by then has lost its segment. */
  readonly startAt: number;
  /** Wall-clock ms after which segments without results are given up. */
  readonly deadlineAt: number;
  readonly onProgress: (line: string) => void;
  readonly onWarning: (line: string) => void;
  readonly pollMs?: number;
}

export type SegmentOutcome =
  | { readonly state: 'results'; readonly segment: string; readonly results: LoadResults }
  | { readonly state: 'failed'; readonly segment: string; readonly reason: string };

export interface ClusterRun {
  readonly namespace: string;
  /** One per segment, in segment order. */
  readonly outcomes: readonly SegmentOutcome[];
  readonly interrupted: boolean;
}

export async function runOnCluster(manifests: ClusterManifests, deps: ClusterRunDeps): Promise<ClusterRun> {
  const { cluster } = deps;
  const namespace = manifests.namespace ?? cluster.defaultNamespace;
  const created: { kind: 'ConfigMap' | 'Job'; name: string }[] = [];
  try {
    await cluster.createConfigMap(namespace, manifests.configMap);
    created.push({ kind: 'ConfigMap', name: manifests.configMap.metadata.name });
    for (const job of manifests.jobs) {
      await cluster.createJob(namespace, job.manifest);
      created.push({ kind: 'Job', name: job.share.name });
    }
    deps.onProgress(
      `created ${manifests.jobs.length} Indexed Job(s) for ${manifests.generators} generator(s) in namespace ${namespace} (run ${manifests.runId}); they start at ${new Date(deps.startAt).toISOString()}`,
    );
    const outcomes = await followRun(manifests, namespace, deps);
    return { namespace, outcomes, interrupted: deps.signal.aborted };
  } finally {
    await cleanUp(cluster, namespace, created, manifests.runId, deps.onWarning);
  }
}

async function followRun(
  manifests: ClusterManifests,
  namespace: string,
  deps: ClusterRunDeps,
): Promise<SegmentOutcome[]> {
  const { cluster, clock } = deps;
  const segmentOf = segmentNamer(manifests);
  const outcomes = new Map<string, SegmentOutcome>();
  let lastStatus = '';
  while (outcomes.size < manifests.generators && !deps.signal.aborted && clock.now() <= deps.deadlineAt) {
    const pods = await cluster.listPods(namespace, `${LABELS.run}=${manifests.runId}`);
    for (const pod of pods) {
      const segment = segmentOf(pod);
      if (segment === undefined || outcomes.has(segment)) continue;
      const outcome = await podOutcome(pod, segment, namespace, deps);
      if (outcome) outcomes.set(segment, outcome);
    }
    await failedJobs(manifests, namespace, pods, outcomes, deps);
    const status = describePods(pods, outcomes.size, manifests.generators);
    if (status !== lastStatus) deps.onProgress(status);
    lastStatus = status;
    if (outcomes.size < manifests.generators) await pause(deps);
  }
  const leftReason = deps.signal.aborted
    ? 'the run was interrupted before this segment handed over results'
    : `no results by the deadline ${new Date(deps.deadlineAt).toISOString()}`;
  return allSegments(manifests).map(
    (segment) => outcomes.get(segment) ?? { state: 'failed', segment, reason: leftReason },
  );
}

/** The outcome of a pod that has one now: it ended (results or not), or it missed the start. */
async function podOutcome(
  pod: PodView,
  segment: string,
  namespace: string,
  deps: ClusterRunDeps,
): Promise<SegmentOutcome | undefined> {
  if (pod.phase === 'Succeeded' || pod.phase === 'Failed') {
    return collectPod(pod, segment, namespace, deps.cluster);
  }
  const late = deps.clock.now() - deps.startAt;
  if (pod.phase === 'Pending' && late > START_AT_TOLERANCE_MS) {
    const reason = `pod ${pod.name} was still pending ${formatDuration(late)} after the start time${pod.reason ? ` (${pod.reason})` : ''}: raise --start-delay, or check the image and the nodes' free resources`;
    return { state: 'failed', segment, reason };
  }
  return undefined;
}

async function collectPod(
  pod: PodView,
  segment: string,
  namespace: string,
  cluster: ClusterApi,
): Promise<SegmentOutcome> {
  let log: string;
  try {
    log = await cluster.readPodLog(namespace, pod.name);
  } catch (error) {
    return { state: 'failed', segment, reason: `cannot read the log of pod ${pod.name}: ${message(error)}` };
  }
  const read = decodeHandover(log);
  if (read.state === 'found') {
    const handed = read.results.perfgate?.segments ?? [];
    if (handed.length === 1 && handed[0] === segment)
      return { state: 'results', segment, results: read.results };
    const reason = `pod ${pod.name} handed over results of segment(s) ${handed.join(', ') || 'none'}, not ${segment}`;
    return { state: 'failed', segment, reason };
  }
  const ended = `pod ${pod.name} ended ${pod.phase}${pod.exitCode === undefined ? '' : ` (exit ${pod.exitCode}${pod.reason ? `, ${pod.reason}` : ''})`}`;
  const why = read.state === 'corrupt' ? read.reason : 'no results in its log';
  const tail = log.trimEnd().split('\n').slice(-LOG_TAIL_LINES).join('\n  ');
  return { state: 'failed', segment, reason: `${ended}: ${why}${tail ? `; its log ends:\n  ${tail}` : ''}` };
}

/**
 * A Job that failed as a whole (a pod failed; Kubernetes stops the others) loses the segments whose
 * pods are gone; pods still running are being stopped and may yet hand over what they measured.
 */
async function failedJobs(
  manifests: ClusterManifests,
  namespace: string,
  pods: readonly PodView[],
  outcomes: Map<string, SegmentOutcome>,
  deps: ClusterRunDeps,
): Promise<void> {
  const segmentOf = segmentNamer(manifests);
  const alive = new Set(
    pods.filter((pod) => pod.phase === 'Running' || pod.phase === 'Pending').map(segmentOf),
  );
  for (const { share } of manifests.jobs) {
    const open = segmentsOf(share, manifests.generators).filter(
      (segment) => !outcomes.has(segment) && !alive.has(segment),
    );
    if (open.length === 0) continue;
    const job = await deps.cluster.readJob(namespace, share.name);
    if (job.failed === undefined) continue;
    for (const segment of open) {
      outcomes.set(segment, {
        state: 'failed',
        segment,
        reason: `Job ${share.name} failed (${job.failed}) before this segment handed over results`,
      });
    }
  }
}

function describePods(pods: readonly PodView[], collected: number, total: number): string {
  const phases = new Map<string, number>();
  for (const pod of pods) {
    const phase = pod.phase === 'Pending' && pod.reason ? `pending (${pod.reason})` : pod.phase.toLowerCase();
    phases.set(phase, (phases.get(phase) ?? 0) + 1);
  }
  const parts = [...phases.entries()].map(([phase, count]) => `${count} ${phase}`);
  return `generators: ${parts.join(', ') || 'no pods yet'} · results from ${collected} of ${total}`;
}

async function cleanUp(
  cluster: ClusterApi,
  namespace: string,
  created: readonly { kind: 'ConfigMap' | 'Job'; name: string }[],
  runId: string,
  warn: (line: string) => void,
): Promise<void> {
  const problems: string[] = [];
  for (const object of [...created].reverse()) {
    try {
      if (object.kind === 'Job') await cluster.deleteJob(namespace, object.name);
      else await cluster.deleteConfigMap(namespace, object.name);
    } catch (error) {
      problems.push(`${object.kind} ${object.name}: ${message(error)}`);
    }
  }
  if (problems.length === 0) return;
  warn(
    `could not delete ${problems.join('; ')} — delete them with: kubectl delete job,configmap -n ${namespace} -l ${LABELS.run}=${runId}`,
  );
}

function segmentNamer(manifests: ClusterManifests): (pod: PodView) => string | undefined {
  const offsets = new Map(manifests.jobs.map(({ share }) => [share.name, share]));
  return (pod) => {
    const share = offsets.get(pod.jobName);
    if (share === undefined || pod.completionIndex < 0 || pod.completionIndex >= share.count)
      return undefined;
    return `${share.offset + pod.completionIndex + 1}/${manifests.generators}`;
  };
}

function segmentsOf(share: JobShare, generators: number): string[] {
  return Array.from({ length: share.count }, (_, i) => `${share.offset + i + 1}/${generators}`);
}

function allSegments(manifests: ClusterManifests): string[] {
  return manifests.jobs.flatMap(({ share }) => segmentsOf(share, manifests.generators));
}

async function pause(deps: ClusterRunDeps): Promise<void> {
  try {
    await deps.clock.sleep(deps.pollMs ?? DEFAULT_POLL_MS, deps.signal);
  } catch {
    // Aborted: the loop sees the signal and stops.
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
