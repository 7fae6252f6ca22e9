/**
 * A FAKE kubelet for tests (not Kubernetes): runs each pod of an Indexed Job as a real process on
 * this machine with exactly the pod's command line — the image's entrypoint (`perfgate`, i.e.
 * `node dist/cli/main.js`) and the container's args — in a directory holding the ConfigMap's
 * files where the pod would mount them, with JOB_COMPLETION_INDEX set as Kubernetes sets it.
 * Its stdout and stderr are the pod's log, as `kubectl logs` shows both.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CLI_BIN } from '../cli.js';

type Json = Record<string, unknown>;

export interface FakePod {
  readonly name: string;
  readonly jobName: string;
  readonly index: number;
  readonly labels: Record<string, string>;
  /** The container's args, as the Job gives them. */
  args: readonly string[];
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  log: string;
  exitCode?: number;
  reason?: string;
  process?: ChildProcess;
  /** Set when the pod's process has ended. */
  ended: Promise<void>;
}

/** Starts every pod of `job`; `configMaps` by name; `onEnd` hears each pod end. */
export function runJobPods(
  job: Json,
  configMaps: ReadonlyMap<string, Json>,
  onEnd: (pod: FakePod) => void,
): FakePod[] {
  const spec = job.spec as Json;
  const template = spec.template as { metadata: { labels: Record<string, string> }; spec: Json };
  const jobName = (job.metadata as { name: string }).name;
  return Array.from({ length: Number(spec.completions) }, (_, index) => {
    const pod: FakePod = {
      name: `${jobName}-${index}-fake`,
      jobName,
      index,
      labels: { ...template.metadata.labels, 'batch.kubernetes.io/job-name': jobName },
      args: [],
      phase: 'Pending',
      log: '',
      ended: Promise.resolve(),
    };
    pod.ended = startPod(pod, template.spec, configMaps, onEnd);
    return pod;
  });
}

function startPod(
  pod: FakePod,
  podSpec: Json,
  configMaps: ReadonlyMap<string, Json>,
  onEnd: (pod: FakePod) => void,
): Promise<void> {
  const container = (podSpec.containers as Json[])[0] as {
    args: string[];
    workingDir: string;
    volumeMounts: { name: string; mountPath: string }[];
  };
  const root = mkdtempSync(join(tmpdir(), `${pod.name}-`));
  for (const mount of container.volumeMounts) {
    const volume = (podSpec.volumes as Json[]).find((v) => v.name === mount.name) as {
      configMap: { name: string; items: { key: string; path: string }[] };
    };
    writeConfigMap(
      configMaps.get(volume.configMap.name),
      volume.configMap.items,
      join(root, mount.mountPath),
    );
  }
  const child = spawn(process.execPath, [CLI_BIN, ...container.args], {
    cwd: join(root, container.workingDir),
    env: { PATH: process.env.PATH ?? '', HOME: root, JOB_COMPLETION_INDEX: String(pod.index) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  pod.process = child;
  pod.args = container.args;
  pod.phase = 'Running';
  child.stdout?.on('data', (chunk: Buffer) => (pod.log += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (pod.log += chunk.toString('utf8')));
  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      pod.exitCode = code ?? 128 + (signal === 'SIGKILL' ? 9 : 15);
      pod.phase = pod.exitCode === 0 ? 'Succeeded' : 'Failed';
      if (pod.exitCode !== 0) pod.reason = 'Error';
      onEnd(pod);
      resolve();
    });
  });
}

function writeConfigMap(
  configMap: Json | undefined,
  items: { key: string; path: string }[],
  dir: string,
): void {
  if (configMap === undefined)
    throw new Error('fake kubelet: the pod mounts a ConfigMap that does not exist');
  const data = (configMap.data ?? {}) as Record<string, string>;
  const binary = (configMap.binaryData ?? {}) as Record<string, string>;
  for (const item of items) {
    const path = join(dir, item.path);
    mkdirSync(dirname(path), { recursive: true });
    const text = data[item.key];
    const base64 = binary[item.key];
    if (text !== undefined) writeFileSync(path, text);
    else if (base64 !== undefined) writeFileSync(path, Buffer.from(base64, 'base64'));
    else throw new Error(`fake kubelet: ConfigMap has no key ${item.key}`);
  }
}
