/**
 * `perfgate run` with `load.distributed`: the script's load goes to the cluster (a FAKE
 * Kubernetes API server whose pods are local processes, as in kubernetes.e2e.test.ts) with the
 * profile's phases, and the SLOs are judged on the merged results.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoadResults } from '../../src/load/metrics/results.js';
import { runBinary } from '../helpers/cli.js';
import { type FakeCluster, startFakeCluster } from '../helpers/fake-kubernetes/api-server.js';
import { type RecordingTarget, startRecordingTarget, writeTestDir } from './distributed-test.js';

let cluster: FakeCluster;
let target: RecordingTarget;

beforeEach(async () => {
  cluster = await startFakeCluster();
  target = await startRecordingTarget();
});

afterEach(async () => {
  await cluster.close();
  await target.close();
});

describe('perfgate run with load.distributed', () => {
  it('runs the profile on two generator pods and judges the SLOs on the merged results', async () => {
    const dir = writeTestDir(target.url);
    writeFileSync(join(dir, 'kubeconfig'), cluster.kubeconfig('perf'));
    writeFileSync(
      join(dir, 'perfgate.config.yaml'),
      [
        'slos:',
        '  - name: item_availability',
        '    service: shop',
        '    sli: { type: availability }',
        '    slo: { target: 99, operator: ">=", unit: "%" }',
        'load:',
        '  scripts: [tests/load.yml]',
        '  profile: quick',
        '  profiles:',
        '    quick: { users: 4, duration: 2s, rps: 5 }',
        '  distributed:',
        '    generators: 2',
        '    kubernetes: { startDelay: 10s }',
        '',
      ].join('\n'),
    );
    const run = await runBinary(['run', '--env', 'ci', '--results-dir', 'out'], {
      cwd: dir,
      env: { KUBECONFIG: join(dir, 'kubeconfig') },
    });
    const results = JSON.parse(readFileSync(join(dir, 'out', 'load-load.json'), 'utf8')) as LoadResults;
    // A generator slowed by a busy test machine makes the run untrusted (3), as it should.
    const trusted = results.perfgate.health.verdict === 'trusted';
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(trusted ? 0 : 3);
    expect(results.perfgate.segments).toEqual(['1/2', '2/2']);
    // The profile's 5 scenario starts per second for 2 s, not the script's own phases.
    expect(results.aggregate.counters['vusers.created']).toBe(10);
    expect(target.users).toHaveLength(10);
    const slo = JSON.parse(readFileSync(join(dir, 'out', 'slo.json'), 'utf8')) as {
      slo: string;
      verdict: string;
    }[];
    expect(slo.find((row) => row.slo === 'item_availability')?.verdict).toBe('pass');
    expect(cluster.jobs.size + cluster.configMaps.size).toBe(0);
  }, 60_000);
});
