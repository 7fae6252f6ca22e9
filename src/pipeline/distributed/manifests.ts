/**
 * The Kubernetes objects of one distributed load test (k6-operator's model): a ConfigMap with the
 * test's files and one Indexed Job per region (one Job without regions). Every pod of a Job runs
 * `perfgate load` on its segment — the Job's first segment plus the pod's JOB_COMPLETION_INDEX —
 * starting at the shared `--start-at` instant, and prints its results framed in its log for the
 * coordinator. Pure data: the CLI prints it (`--render`) or the cluster client applies it.
 */
import { stringify } from 'yaml';
import { PerfgateError } from '../../core/errors.js';
import type { TestFileSet } from './test-files.js';

/** Where the test's files are mounted, and the pod's working directory. */
export const TEST_MOUNT = '/perfgate/test';
/** The well-known node label of a node's region (topology.kubernetes.io). */
export const REGION_NODE_LABEL = 'topology.kubernetes.io/region';
/** A ConfigMap holds at most 1 MiB; leave room for its metadata. */
export const MAX_CONFIGMAP_BYTES = 1_000_000;
/** Finished Jobs are removed by Kubernetes after this long if the coordinator could not do it. */
export const JOB_TTL_SECONDS = 3_600;

export const LABELS = {
  name: 'app.kubernetes.io/name',
  component: 'app.kubernetes.io/component',
  managedBy: 'app.kubernetes.io/managed-by',
  run: 'perfgate.dev/run',
  test: 'perfgate.dev/test',
  region: 'perfgate.dev/region',
  firstSegment: 'perfgate.dev/first-segment',
} as const;

export interface ClusterTestSpec {
  /** Short lower-case id of this run: names and the `perfgate.dev/run` label. */
  readonly runId: string;
  readonly testName: string;
  /** Undefined: the objects carry no namespace (kubectl's `-n` or context decides). */
  readonly namespace?: string;
  readonly image: string;
  readonly generators: number;
  /** Regions to spread the generators over (evenly, the first ones taking any remainder). */
  readonly regions: readonly string[];
  /** Wall-clock ms every generator starts at. */
  readonly startAt: number;
  readonly files: TestFileSet;
  /** Flags every generator gets as they are (`-e`, `--target`, `--overrides`…). */
  readonly loadArgs: readonly string[];
  readonly workers: number;
  readonly cpu: string;
  readonly memory: string;
  /** Kubernetes ends the pods after this (a safety net if the coordinator is gone). */
  readonly deadlineSeconds: number;
}

/** One Job's share of the generators. */
export interface JobShare {
  readonly name: string;
  readonly region?: string;
  /** 0-based index of the Job's first segment. */
  readonly offset: number;
  readonly count: number;
}

type Json = Record<string, unknown>;

export interface ClusterManifests {
  readonly runId: string;
  readonly namespace?: string;
  readonly generators: number;
  readonly configMap: Json & { metadata: { name: string } };
  readonly jobs: readonly { readonly share: JobShare; readonly manifest: Json }[];
}

export function buildManifests(spec: ClusterTestSpec): ClusterManifests {
  const base = `perfgate-${dnsLabel(spec.testName, 20)}-${spec.runId}`;
  const files = configMapFiles(spec.files);
  const labels = commonLabels(spec);
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: base, ...namespaced(spec), labels },
    ...files.data,
  };
  const shares = splitGenerators(spec.generators, spec.regions).map(
    (share): JobShare => ({
      ...share,
      name: share.region === undefined ? base : `${base}-${dnsLabel(share.region, 15)}`,
    }),
  );
  return {
    runId: spec.runId,
    ...namespaced(spec),
    generators: spec.generators,
    configMap,
    jobs: shares.map((share) => ({ share, manifest: jobManifest(spec, share, base, files.items) })),
  };
}

/** The manifests as one YAML stream (`kubectl apply -f -`). */
export function renderManifests(manifests: ClusterManifests): string {
  const documents = [manifests.configMap, ...manifests.jobs.map((job) => job.manifest)];
  return documents
    .map((document) => stringify(document, { lineWidth: 0, aliasDuplicateObjects: false }))
    .join('---\n');
}

/** N generators over the regions: as even as can be, in the order given. */
export function splitGenerators(
  generators: number,
  regions: readonly string[],
): { region?: string; offset: number; count: number }[] {
  if (regions.length === 0) return [{ offset: 0, count: generators }];
  if (new Set(regions).size !== regions.length) {
    throw new PerfgateError('INVALID_ARGUMENT', `--region ${regions.join(' ')}: a region is named twice`);
  }
  if (generators < regions.length) {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `--generators ${generators} cannot cover ${regions.length} regions: give at least one generator per region`,
    );
  }
  let offset = 0;
  return regions.map((region, i) => {
    const count = Math.floor(generators / regions.length) + (i < generators % regions.length ? 1 : 0);
    const share = { region, offset, count };
    offset += count;
    return share;
  });
}

function jobManifest(spec: ClusterTestSpec, share: JobShare, base: string, items: Json[]): Json {
  const labels = {
    ...commonLabels(spec),
    ...(share.region === undefined ? {} : { [LABELS.region]: share.region }),
    [LABELS.firstSegment]: String(share.offset + 1),
  };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: share.name, ...namespaced(spec), labels },
    spec: {
      completionMode: 'Indexed',
      completions: share.count,
      parallelism: share.count,
      // A generator that fails is not retried: its segment would start late. The run is untrusted.
      backoffLimit: 0,
      activeDeadlineSeconds: spec.deadlineSeconds,
      ttlSecondsAfterFinished: JOB_TTL_SECONDS,
      template: { metadata: { labels }, spec: podSpec(spec, share, base, items) },
    },
  };
}

function podSpec(spec: ClusterTestSpec, share: JobShare, base: string, items: Json[]): Json {
  return {
    restartPolicy: 'Never',
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000 },
    ...(share.region === undefined ? {} : { nodeSelector: { [REGION_NODE_LABEL]: share.region } }),
    // Generators on different nodes do not compete for one node's CPU and network.
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: 'kubernetes.io/hostname',
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchLabels: { [LABELS.run]: spec.runId } },
      },
    ],
    containers: [
      {
        name: 'generator',
        image: spec.image,
        workingDir: TEST_MOUNT,
        args: generatorArgs(spec, share),
        resources: {
          requests: { cpu: spec.cpu, memory: spec.memory },
          limits: { memory: spec.memory },
        },
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        volumeMounts: [{ name: 'test', mountPath: TEST_MOUNT, readOnly: true }],
      },
    ],
    volumes: [{ name: 'test', configMap: { name: base, items } }],
  };
}

/** The command line of every pod of `share` (after the image's `perfgate` entrypoint). */
export function generatorArgs(spec: ClusterTestSpec, share: JobShare): string[] {
  return [
    'load',
    spec.files.scriptPath,
    '--job-segment',
    `${share.offset}/${spec.generators}`,
    '--start-at',
    new Date(spec.startAt).toISOString(),
    '--workers',
    String(spec.workers),
    ...(share.region === undefined ? [] : ['--region', share.region]),
    ...(spec.files.dotenvPath === undefined ? [] : ['--dotenv', spec.files.dotenvPath]),
    ...spec.loadArgs,
    '--print-results',
    '--defer-verdict',
  ];
}

/** ConfigMap keys (`[-._a-zA-Z0-9]+`) and the items that mount each at its path. */
function configMapFiles(set: TestFileSet): { data: Json; items: Json[] } {
  const data: Record<string, string> = {};
  const binaryData: Record<string, string> = {};
  const items: Json[] = [];
  let bytes = 0;
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  for (const [i, file] of set.files.entries()) {
    const key = `${i}-${(file.path.split('/').pop() ?? 'file').replace(/[^-._a-zA-Z0-9]/g, '_')}`;
    bytes += file.content.byteLength;
    try {
      data[key] = utf8.decode(file.content);
    } catch {
      binaryData[key] = Buffer.from(file.content).toString('base64');
    }
    items.push({ key, path: file.path });
  }
  if (bytes > MAX_CONFIGMAP_BYTES) {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `the test's files take ${bytes} bytes, more than a ConfigMap holds (${MAX_CONFIGMAP_BYTES})`,
      { hint: 'bake large payloads into a generator image of your own (--image)' },
    );
  }
  return { data: { data, ...(Object.keys(binaryData).length > 0 ? { binaryData } : {}) }, items };
}

function commonLabels(spec: ClusterTestSpec): Record<string, string> {
  return {
    [LABELS.name]: 'perfgate',
    [LABELS.component]: 'load-generator',
    [LABELS.managedBy]: 'perfgate',
    [LABELS.run]: spec.runId,
    [LABELS.test]: dnsLabel(spec.testName, 63),
  };
}

function namespaced(spec: { readonly namespace?: string }): { namespace?: string } {
  return spec.namespace === undefined ? {} : { namespace: spec.namespace };
}

/** A DNS-1123 label (lower-case alphanumerics and '-') of at most `max` characters. */
export function dnsLabel(text: string, max: number): string {
  const label = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, max)
    .replace(/^-+|-+$/g, '');
  return label === '' ? 'test' : label;
}
