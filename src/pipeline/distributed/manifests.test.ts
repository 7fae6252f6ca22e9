/**
 * The manifests of `perfgate load --kubernetes --render`, decoded offline by kubectl into typed
 * Kubernetes objects (`kubectl set env --local`: a field kubectl does not know is dropped, a
 * wrong type is an error) and validated against Kubernetes' OpenAPI schemas (kubernetes-models).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { toolPath } from '../../../test/setup/system-tools.js';
import {
  buildManifests,
  type ClusterTestSpec,
  dnsLabel,
  renderManifests,
  splitGenerators,
} from './manifests.js';
import { commonDirectory, layOutTestFiles } from './test-files.js';

const text = (value: string) => new TextEncoder().encode(value);

function spec(overrides: Partial<ClusterTestSpec> = {}): ClusterTestSpec {
  return {
    runId: 'a1b2c3',
    testName: 'Checkout Flow',
    image: 'registry.example/perfgate:0.1.0',
    generators: 3,
    regions: [],
    startAt: Date.parse('2025-06-01T12:00:00Z'),
    files: {
      scriptPath: 'tests/checkout.yml',
      files: [
        { path: 'tests/checkout.yml', content: text('config: {}\n') },
        { path: 'data/users.csv', content: text('alice\nbob\n') },
        { path: 'data/logo.png', content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00]) },
      ],
    },
    loadArgs: ['--environment', 'staging'],
    workers: 2,
    cpu: '2',
    memory: '512Mi',
    deadlineSeconds: 600,
    ...overrides,
  };
}

/** kubectl decodes each Job into a typed object and writes it back: what survived decoding. */
function kubectlDecode(yamlText: string): Record<string, unknown>[] {
  const dir = mkdtempSync(join(tmpdir(), 'perfgate-manifests-'));
  const jobs = parseAllDocuments(yamlText)
    .map((doc) => doc.toJS() as Record<string, unknown>)
    .filter((doc) => doc.kind === 'Job');
  return jobs.map((job, i) => {
    const file = join(dir, `job-${i}.yaml`);
    writeFileSync(file, JSON.stringify(job));
    const out = execFileSync(
      toolPath('kubectl'),
      ['set', 'env', '--local', '-f', file, '-o', 'json', 'PROBE=1'],
      {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', KUBECONFIG: join(dir, 'none') },
      },
    );
    return JSON.parse(out) as Record<string, unknown>;
  });
}

describe('Kubernetes manifests of a distributed run', () => {
  it('is an Indexed Job with parallelism N that kubectl decodes, and a ConfigMap with the files', () => {
    const rendered = renderManifests(buildManifests(spec()));
    const [decoded] = kubectlDecode(rendered);
    expect(decoded).toMatchObject({
      kind: 'Job',
      metadata: { name: 'perfgate-checkout-flow-a1b2c3', labels: { 'perfgate.dev/run': 'a1b2c3' } },
      spec: {
        completionMode: 'Indexed',
        completions: 3,
        parallelism: 3,
        backoffLimit: 0,
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [
              {
                image: 'registry.example/perfgate:0.1.0',
                workingDir: '/perfgate/test',
                resources: { requests: { cpu: '2', memory: '512Mi' } },
                env: [{ name: 'PROBE', value: '1' }],
              },
            ],
          },
        },
      },
    });
    const documents = parseAllDocuments(rendered).map((doc) => doc.toJS() as Record<string, unknown>);
    for (const document of documents) {
      const model = document.kind === 'Job' ? new Job(document as never) : new ConfigMap(document as never);
      expect(() => model.validate(), String(document.kind)).not.toThrow();
    }
    const configMap = documents.find((doc) => doc.kind === 'ConfigMap') as {
      data: Record<string, string>;
      binaryData: Record<string, string>;
    };
    expect(configMap.data).toEqual({ '0-checkout.yml': 'config: {}\n', '1-users.csv': 'alice\nbob\n' });
    expect(configMap.binaryData).toEqual({ '2-logo.png': 'iVBOR/8A' });
  });

  it('runs each pod on its segment from one shared start instant, and hands results over in its log', () => {
    type PodArgs = { spec: { template: { spec: { containers: { args: string[] }[] } } } };
    const manifest = buildManifests(spec()).jobs[0]?.manifest as PodArgs | undefined;
    const args = manifest?.spec.template.spec.containers[0]?.args;
    expect(args).toEqual([
      ...['load', 'tests/checkout.yml', '--job-segment', '0/3', '--start-at', '2025-06-01T12:00:00.000Z'],
      ...['--workers', '2', '--environment', 'staging', '--print-results', '--defer-verdict'],
    ]);
  });

  it('gives each region its own Job, node selector and segments (one split across regions)', () => {
    const manifests = buildManifests(spec({ generators: 5, regions: ['eu-west-1', 'us-east-1'] }));
    const shares = manifests.jobs.map(({ share }) => share);
    expect(shares).toEqual([
      { name: 'perfgate-checkout-flow-a1b2c3-eu-west-1', region: 'eu-west-1', offset: 0, count: 3 },
      { name: 'perfgate-checkout-flow-a1b2c3-us-east-1', region: 'us-east-1', offset: 3, count: 2 },
    ]);
    const decoded = kubectlDecode(renderManifests(manifests)) as {
      spec: {
        parallelism: number;
        template: { spec: { nodeSelector: Record<string, string>; containers: { args: string[] }[] } };
      };
    }[];
    expect(decoded.map((job) => job.spec.parallelism)).toEqual([3, 2]);
    expect(decoded[1]?.spec.template.spec.nodeSelector).toEqual({
      'topology.kubernetes.io/region': 'us-east-1',
    });
    expect(decoded[1]?.spec.template.spec.containers[0]?.args).toEqual(
      expect.arrayContaining(['--job-segment', '3/5', '--region', 'us-east-1']),
    );
  });

  it('refuses splits and files a cluster cannot take', () => {
    expect(() => splitGenerators(1, ['a', 'b'])).toThrow(/cannot cover 2 regions/);
    expect(() => splitGenerators(4, ['a', 'a'])).toThrow(/named twice/);
    const big = { path: 'big.csv', content: new Uint8Array(1_100_000).fill(65) };
    expect(() => buildManifests(spec({ files: { scriptPath: 'big.csv', files: [big] } }))).toThrow(
      /more than a ConfigMap holds/,
    );
  });

  it('names objects as Kubernetes allows and mirrors the files below their common directory', () => {
    expect(dnsLabel('My_Test.v2!', 20)).toBe('my-test-v2');
    expect(dnsLabel('---', 20)).toBe('test');
    expect(commonDirectory(['/repo/tests/a.yml', '/repo/data/u.csv', '/repo/lib/x/p.mjs'])).toBe('/repo');
    const set = layOutTestFiles(
      ['/repo/tests/a.yml', '/repo/data/u.csv', '/repo/.env'],
      '/repo/tests/a.yml',
      () => new Uint8Array(),
      '/repo/.env',
    );
    expect(set.files.map((file) => file.path)).toEqual(['tests/a.yml', 'data/u.csv', '.env']);
    expect([set.scriptPath, set.dotenvPath]).toEqual(['tests/a.yml', '.env']);
  });
});
