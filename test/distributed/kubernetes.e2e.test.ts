/**
 * `perfgate load --kubernetes` end to end against a FAKE Kubernetes API server on 127.0.0.1
 * (test/helpers/fake-kubernetes: not Kubernetes). The real CLI talks to it through
 * @kubernetes/client-node with a kubeconfig; the fake runs each pod's exact command line as a
 * process on this machine. What only a real cluster shows is listed in the README.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoadResults } from '../../src/load/metrics/results.js';
import { CLI_BIN, runBinary } from '../helpers/cli.js';
import { type FakeCluster, startFakeCluster } from '../helpers/fake-kubernetes/api-server.js';
import {
  ARRIVALS,
  ENSURE,
  type RecordingTarget,
  startRecordingTarget,
  writeTestDir,
} from './distributed-test.js';

let cluster: FakeCluster;
let target: RecordingTarget;
let dir: string;
let env: Record<string, string>;

beforeEach(async () => {
  cluster = await startFakeCluster();
  target = await startRecordingTarget();
  dir = writeTestDir(target.url);
  writeFileSync(join(dir, 'kubeconfig'), cluster.kubeconfig('perf'));
  env = { KUBECONFIG: join(dir, 'kubeconfig') };
});

afterEach(async () => {
  await cluster.close();
  await target.close();
});

// Ten seconds for three Node processes to start and read the test, on a busy two-core machine
// (which may also make a generator late on its schedule: a saturated generator is tolerated here).
const ARGS = [
  ...['load', 'tests/load.yml', '--kubernetes', '--generators', '3', '--start-delay', '10s'],
  ...['-o', 'all.json', '--allow-saturated'],
];
const readResults = () => JSON.parse(readFileSync(join(dir, 'all.json'), 'utf8')) as LoadResults;

/** Everything the run created was deleted through the API (the fake keeps what is not). */
function expectNothingLeft(): void {
  expect(cluster.configMaps.size).toBe(0);
  expect(cluster.jobs.size).toBe(0);
  expect(cluster.requests.filter((request) => request.startsWith('DELETE '))).toEqual([
    expect.stringMatching(/^DELETE \/apis\/batch\/v1\/namespaces\/perf\/jobs\/perfgate-load-[0-9a-f]{6}$/),
    expect.stringMatching(/^DELETE \/api\/v1\/namespaces\/perf\/configmaps\/perfgate-load-[0-9a-f]{6}$/),
  ]);
}

describe('perfgate load --kubernetes (fake API server, pods as local processes)', () => {
  it('runs three pods that start together, merges every arrival exactly and judges the whole', async () => {
    // ensure http.requests < 30: each third of the test (13 requests) passes, the whole (39) fails.
    dir = writeTestDir(target.url, ENSURE.fewerThan30);
    writeFileSync(join(dir, 'kubeconfig'), cluster.kubeconfig('perf'));
    env = { KUBECONFIG: join(dir, 'kubeconfig') };
    const run = await runBinary(ARGS, { cwd: dir, env });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/ensure fail: http\.requests < 30 \(.*measured 39\)/);
    const results = readResults();
    expect(results.perfgate.segments).toEqual(['1/3', '2/3', '3/3']);
    expect(results.aggregate.counters['vusers.created']).toBe(ARRIVALS);
    // Each CSV row went to exactly one generator, and the processor travelled in the ConfigMap.
    expect(target.users).toHaveLength(ARRIVALS);
    expect(new Set(target.users).size).toBe(ARRIVALS);
    expect(target.unsigned).toBe(0);
    const starts = (results.perfgate.generators ?? []).map((g) => g.startedAt);
    expect(starts).toHaveLength(3);
    expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(500);
    expect(run.stdout).toMatch(/segments 1\/3, 2\/3, 3\/3: schedules started within [\d.]+ ms/);
    expect(run.stderr).toMatch(/created 1 Indexed Job\(s\) for 3 generator\(s\) in namespace perf/);
    expectNothingLeft();
  }, 60_000);

  it('turns a killed pod into an untrusted run (exit 3), never a smaller pass', async () => {
    cluster.onPodStart((pod) => {
      if (pod.index !== 1) return;
      // One second into the three-second test.
      const startAt = Date.parse(pod.args[pod.args.indexOf('--start-at') + 1] ?? '');
      setTimeout(() => pod.process?.kill('SIGKILL'), startAt + 1_000 - Date.now());
    });
    const run = await runBinary(ARGS, { cwd: dir, env });
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toMatch(/segment 2\/3: pod \S+ ended Failed \(exit 137/);
    expect(run.stderr).toMatch(/segment\(s\) 2\/3 of the test handed over no results/);
    expect(readResults().perfgate.missingSegments).toEqual(['2/3']);
    expectNothingLeft();
  }, 60_000);

  it('deletes its Job and ConfigMap on Ctrl-C', async () => {
    const child = spawn(process.execPath, [CLI_BIN, ...ARGS], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let interrupted = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (interrupted || !stderr.includes('created 1 Indexed Job')) return;
      interrupted = true;
      child.kill('SIGINT');
    });
    const [code] = (await once(child, 'exit')) as [number];
    expect(code, stderr).toBe(3);
    expect(stderr).toMatch(/SIGINT: stopping the run and deleting its Jobs and ConfigMap/);
    expectNothingLeft();
  }, 60_000);
});
