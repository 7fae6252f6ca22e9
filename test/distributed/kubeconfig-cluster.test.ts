/**
 * The kubeconfig client (src/pipeline/distributed/kubernetes) against the FAKE API server of
 * test/helpers/fake-kubernetes: authentication from the kubeconfig, the context's namespace,
 * the API's own error messages, and deletes of objects already gone.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kubeconfigCluster } from '../../src/pipeline/distributed/kubernetes/kubeconfig-cluster.js';
import { FAKE_TOKEN, type FakeCluster, startFakeCluster } from '../helpers/fake-kubernetes/api-server.js';

let fake: FakeCluster;
let dir: string;

beforeEach(async () => {
  fake = await startFakeCluster();
  dir = mkdtempSync(join(tmpdir(), 'perfgate-kubeconfig-'));
});

afterEach(async () => {
  await fake.close();
});

function kubeconfig(text: string): string {
  const path = join(dir, 'config');
  writeFileSync(path, text);
  return path;
}

describe('the kubeconfig cluster client', () => {
  it("authenticates as the kubeconfig says and uses its context's namespace", async () => {
    const cluster = kubeconfigCluster({ kubeconfig: kubeconfig(fake.kubeconfig('team-perf')) });
    expect(cluster.defaultNamespace).toBe('team-perf');
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: 'b' } };
    await cluster.createConfigMap('team-perf', configMap);
    expect(fake.configMaps.get('cm')).toMatchObject({ data: { a: 'b' } });
    expect(await cluster.listPods('team-perf', 'perfgate.dev/run=none')).toEqual([]);
    await cluster.deleteConfigMap('team-perf', 'cm');
    await cluster.deleteConfigMap('team-perf', 'cm');
    await cluster.deleteJob('team-perf', 'never-created');
    expect(fake.requests).toEqual([
      'POST /api/v1/namespaces/team-perf/configmaps',
      'GET /api/v1/namespaces/team-perf/pods',
      'DELETE /api/v1/namespaces/team-perf/configmaps/cm',
      'DELETE /api/v1/namespaces/team-perf/configmaps/cm',
      'DELETE /apis/batch/v1/namespaces/team-perf/jobs/never-created',
    ]);
  });

  it("reports the API's answer when a call is refused (could not run: exit 3)", async () => {
    const wrongToken = fake.kubeconfig('perf').replace(FAKE_TOKEN, 'stolen');
    const cluster = kubeconfigCluster({ kubeconfig: kubeconfig(wrongToken) });
    await expect(cluster.readJob('perf', 'x')).rejects.toMatchObject({
      code: 'ABORTED',
      message: 'Kubernetes API: cannot read Job x: HTTP 401: Unauthorized',
    });
  });

  it('refuses a kubeconfig it cannot read (bad input: exit 2)', () => {
    expect(() => kubeconfigCluster({ kubeconfig: join(dir, 'missing') })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/cannot read the kubeconfig/),
      }),
    );
  });
});
