/**
 * The cluster runner against an in-memory ClusterApi on a virtual clock: what it does when pods
 * miss the start, a Job fails, a log holds the wrong results, the deadline passes or an API call
 * fails — and that it deletes what it created every time. (The real client is tested end to end
 * against a fake API server in test/distributed.)
 */
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/load/engine/fake-clock.js';
import { encodeHandover } from '../../load/metrics/handover.js';
import type { LoadResults } from '../../load/metrics/results.js';
import type { ClusterApi, JobView, PodView } from './cluster.js';
import { buildManifests } from './manifests.js';
import { runOnCluster } from './run-on-cluster.js';

const clock = new FakeClock();
const START = clock.wallStart + 60_000;

const manifests = buildManifests({
  runId: 'abc123',
  testName: 'checkout',
  namespace: 'perf',
  image: 'perfgate:test',
  generators: 3,
  regions: [],
  startAt: START,
  files: { scriptPath: 's.yml', files: [{ path: 's.yml', content: new Uint8Array() }] },
  loadArgs: [],
  workers: 1,
  cpu: '1',
  memory: '256Mi',
  deadlineSeconds: 300,
});
const JOB = 'perfgate-checkout-abc123';

const handed = (segment: string) =>
  encodeHandover({ perfgate: { segments: [segment] } } as unknown as LoadResults);

/** Pods whose state is a function of the virtual time; records what was created and deleted. */
function memoryCluster(pods: (now: number) => PodView[], logs: Record<string, string>, job: JobView = {}) {
  const calls: string[] = [];
  const cluster: ClusterApi = {
    defaultNamespace: 'default',
    createConfigMap: async (ns, manifest) => {
      calls.push(`create ConfigMap ${ns}/${(manifest as { metadata: { name: string } }).metadata.name}`);
    },
    createJob: async (ns) => {
      calls.push(`create Job ${ns}`);
    },
    readJob: async () => job,
    listPods: async () => pods(clock.now()),
    readPodLog: async (_, name) => logs[name] ?? '',
    deleteJob: async (ns, name) => {
      calls.push(`delete Job ${ns}/${name}`);
    },
    deleteConfigMap: async (ns, name) => {
      calls.push(`delete ConfigMap ${ns}/${name}`);
    },
  };
  return { cluster, calls };
}

const pod = (index: number, phase: PodView['phase'], extra: Partial<PodView> = {}): PodView => ({
  name: `p${index}`,
  jobName: JOB,
  completionIndex: index,
  phase,
  ...extra,
});

function run(cluster: ClusterApi, warnings: string[] = []) {
  return clock.run(
    runOnCluster(manifests, {
      cluster,
      clock,
      signal: new AbortController().signal,
      startAt: START,
      deadlineAt: START + 120_000,
      onProgress: () => {},
      onWarning: (line) => warnings.push(line),
    }),
  );
}

describe('runOnCluster', () => {
  it('collects every segment from the logs and deletes what it created', async () => {
    const finished = (now: number) => (now > START + 5_000 ? 'Succeeded' : 'Running');
    const { cluster, calls } = memoryCluster((now) => [0, 1, 2].map((i) => pod(i, finished(now))), {
      p0: handed('1/3'),
      p1: `noise\n${handed('2/3')}`,
      p2: handed('3/3'),
    });
    const result = await run(cluster);
    expect(result.outcomes.map((o) => [o.segment, o.state])).toEqual([
      ['1/3', 'results'],
      ['2/3', 'results'],
      ['3/3', 'results'],
    ]);
    expect(calls).toEqual([
      `create ConfigMap perf/${JOB}`,
      'create Job perf',
      `delete Job perf/${JOB}`,
      `delete ConfigMap perf/${JOB}`,
    ]);
  });

  it('gives up a pod still pending after the start, a log without results, and wrong results', async () => {
    const { cluster } = memoryCluster(
      (now) => [
        pod(0, now > START + 5_000 ? 'Succeeded' : 'Running'),
        pod(1, 'Pending', { reason: 'ImagePullBackOff' }),
        pod(2, 'Failed', { exitCode: 137, reason: 'OOMKilled' }),
      ],
      { p0: handed('2/3'), p2: 'segment 3/3 ready\n' },
    );
    const { outcomes } = await run(cluster);
    expect(outcomes).toEqual([
      { state: 'failed', segment: '1/3', reason: 'pod p0 handed over results of segment(s) 2/3, not 1/3' },
      {
        state: 'failed',
        segment: '2/3',
        reason: expect.stringMatching(
          /^pod p1 was still pending [\d.]+s after the start time \(ImagePullBackOff\)/,
        ),
      },
      {
        state: 'failed',
        segment: '3/3',
        reason:
          'pod p2 ended Failed (exit 137, OOMKilled): no results in its log; its log ends:\n  segment 3/3 ready',
      },
    ]);
  });

  it('ends the segments of a failed Job whose pods are gone, and those left at the deadline', async () => {
    const failedJob = memoryCluster(
      () => [pod(0, 'Succeeded')],
      { p0: handed('1/3') },
      { failed: 'BackoffLimitExceeded' },
    );
    expect(
      (await run(failedJob.cluster)).outcomes.map((o) => (o.state === 'failed' ? o.reason : 'results')),
    ).toEqual([
      'results',
      `Job ${JOB} failed (BackoffLimitExceeded) before this segment handed over results`,
      `Job ${JOB} failed (BackoffLimitExceeded) before this segment handed over results`,
    ]);
    const stuck = memoryCluster(() => [0, 1, 2].map((i) => pod(i, 'Running')), {});
    const { outcomes } = await run(stuck.cluster);
    expect(outcomes.every((o) => o.state === 'failed' && /no results by the deadline/.test(o.reason))).toBe(
      true,
    );
    expect(stuck.calls.slice(-2)).toEqual([`delete Job perf/${JOB}`, `delete ConfigMap perf/${JOB}`]);
  });

  it('deletes the ConfigMap when the Job cannot be created, and says how to clean up what it could not delete', async () => {
    const { cluster, calls } = memoryCluster(() => [], {});
    cluster.createJob = async () => {
      throw new Error('jobs.batch is forbidden');
    };
    await expect(run(cluster)).rejects.toThrow(/forbidden/);
    expect(calls).toEqual([`create ConfigMap perf/${JOB}`, `delete ConfigMap perf/${JOB}`]);
    const stubborn = memoryCluster(() => [0, 1, 2].map((i) => pod(i, 'Succeeded')), {});
    stubborn.cluster.deleteJob = async () => {
      throw new Error('connection refused');
    };
    const warnings: string[] = [];
    await run(stubborn.cluster, warnings);
    expect(warnings).toEqual([
      `could not delete Job ${JOB}: connection refused — delete them with: kubectl delete job,configmap -n perf -l perfgate.dev/run=abc123`,
    ]);
  });
});
