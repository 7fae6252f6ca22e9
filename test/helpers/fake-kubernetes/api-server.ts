/**
 * A FAKE Kubernetes API server for tests (not Kubernetes): on 127.0.0.1, it answers the few
 * endpoints perfgate's cluster client uses — create/delete ConfigMap, create/get/delete Job, list
 * pods by label, read a pod's log — with the shapes the real API returns, and runs each Job's pods
 * as local processes through the fake kubelet. A Job with `backoffLimit: 0` fails when one pod
 * fails, and its other pods are stopped, as the Job controller does. Requests without the
 * kubeconfig's bearer token get 401.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FakePod, runJobPods } from './kubelet.js';

type Json = Record<string, unknown>;

export const FAKE_TOKEN = 'fake-token-for-tests';

export interface FakeCluster {
  readonly url: string;
  readonly configMaps: Map<string, Json>;
  readonly jobs: Map<string, { manifest: Json; pods: FakePod[]; failed?: string }>;
  /** Every request as `METHOD path`, in order. */
  readonly requests: string[];
  /** A kubeconfig that points at this server. */
  kubeconfig(namespace: string): string;
  /** Calls `fault(pod)` for each pod once it runs (e.g. to kill one). */
  onPodStart(fault: (pod: FakePod) => void): void;
  close(): Promise<void>;
}

export async function startFakeCluster(): Promise<FakeCluster> {
  const configMaps = new Map<string, Json>();
  const jobs = new Map<string, { manifest: Json; pods: FakePod[]; failed?: string }>();
  const requests: string[] = [];
  let fault: (pod: FakePod) => void = () => {};
  const podEnded = (pod: FakePod) => {
    const job = jobs.get(pod.jobName);
    const limit = Number((job?.manifest.spec as Json | undefined)?.backoffLimit ?? 6);
    const failures = job?.pods.filter((p) => p.phase === 'Failed').length ?? 0;
    if (job && failures > limit && job.failed === undefined) {
      job.failed = 'Job has reached the specified backoff limit';
      for (const other of job.pods) if (other.phase === 'Running') other.process?.kill('SIGTERM');
    }
  };
  const createJob = (body: Json, res: ServerResponse) => {
    const pods = runJobPods(body, configMaps, podEnded);
    jobs.set(nameOf(body), { manifest: body, pods });
    for (const pod of pods) fault(pod);
    send(res, 201, body);
  };
  const jobRequest = (method: string, name: string, res: ServerResponse) => {
    const job = jobs.get(name);
    if (!job) return send(res, 404, status(404, `jobs.batch "${name}" not found`));
    if (method === 'GET') return send(res, 200, jobObject(job));
    for (const pod of job.pods) pod.process?.kill('SIGTERM');
    jobs.delete(name);
    send(res, 200, status(200, 'Success'));
  };
  const podLog = (name: string, res: ServerResponse) => {
    const pod = [...jobs.values()].flatMap((job) => job.pods).find((p) => p.name === name);
    if (!pod) return send(res, 404, status(404, `pods "${name}" not found`));
    res.writeHead(200, { 'content-type': 'text/plain' }).end(pod.log);
  };
  /** `METHOD /path` patterns (namespace first) and what each does. */
  const routes: [RegExp, (match: string[], body: Json, res: ServerResponse, url: URL) => void][] = [
    [
      /^POST \/api\/v1\/namespaces\/[^/]+\/configmaps$/,
      (_, body, res) => {
        configMaps.set(nameOf(body), body);
        send(res, 201, body);
      },
    ],
    [
      /^DELETE \/api\/v1\/namespaces\/[^/]+\/configmaps\/([^/]+)$/,
      (m, _, res) => remove(res, configMaps, m[1] ?? ''),
    ],
    [/^POST \/apis\/batch\/v1\/namespaces\/[^/]+\/jobs$/, (_, body, res) => createJob(body, res)],
    [
      /^(GET|DELETE) \/apis\/batch\/v1\/namespaces\/[^/]+\/jobs\/([^/]+)$/,
      (m, _, res) => jobRequest(m[1] ?? '', m[2] ?? '', res),
    ],
    [
      /^GET \/api\/v1\/namespaces\/[^/]+\/pods$/,
      (_, __, res, url) => send(res, 200, podList(jobs, url.searchParams.get('labelSelector') ?? '')),
    ],
    [/^GET \/api\/v1\/namespaces\/[^/]+\/pods\/([^/]+)\/log$/, (m, _, res) => podLog(m[1] ?? '', res)],
  ];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const route = `${req.method} ${url.pathname}`;
    requests.push(route);
    if (req.headers.authorization !== `Bearer ${FAKE_TOKEN}`)
      return send(res, 401, status(401, 'Unauthorized'));
    const body = req.method === 'POST' ? (JSON.parse(await text(req)) as Json) : {};
    for (const [pattern, serve] of routes) {
      const match = pattern.exec(route);
      if (match) return serve([...match], body, res, url);
    }
    send(res, 404, status(404, `the fake API server does not serve ${route}`));
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => send(res, 500, status(500, error.message)));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    configMaps,
    jobs,
    requests,
    kubeconfig: (namespace) => kubeconfigYaml(url, namespace),
    onPodStart: (next) => {
      fault = next;
    },
    async close() {
      const pods = [...jobs.values()].flatMap((job) => job.pods);
      for (const pod of pods) pod.process?.kill('SIGKILL');
      await Promise.all(pods.map((pod) => pod.ended));
      server.close();
    },
  };
}

function podList(jobs: FakeCluster['jobs'], selector: string): Json {
  const [key, value] = selector.split('=');
  const items = [...jobs.values()]
    .flatMap((job) => job.pods)
    .filter((pod) => key === undefined || pod.labels[key] === value)
    .map((pod) => ({
      metadata: {
        name: pod.name,
        labels: pod.labels,
        annotations: { 'batch.kubernetes.io/job-completion-index': String(pod.index) },
      },
      status: {
        phase: pod.phase,
        containerStatuses: [
          {
            name: 'generator',
            ready: pod.phase === 'Running',
            restartCount: 0,
            image: 'fake',
            imageID: 'fake',
            state:
              pod.exitCode === undefined
                ? { running: {} }
                : { terminated: { exitCode: pod.exitCode, ...(pod.reason ? { reason: pod.reason } : {}) } },
          },
        ],
      },
    }));
  return { apiVersion: 'v1', kind: 'PodList', metadata: {}, items };
}

function jobObject(job: { manifest: Json; failed?: string }): Json {
  const conditions = job.failed
    ? [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: job.failed }]
    : [];
  return { ...job.manifest, status: { conditions } };
}

function remove(res: ServerResponse, store: Map<string, Json>, name: string): void {
  if (store.delete(name)) send(res, 200, status(200, 'Success'));
  else send(res, 404, status(404, `"${name}" not found`));
}

function status(code: number, message: string): Json {
  return { apiVersion: 'v1', kind: 'Status', status: code < 400 ? 'Success' : 'Failure', message, code };
}

function send(res: ServerResponse, code: number, body: Json): void {
  res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function nameOf(object: Json): string {
  return (object.metadata as { name: string }).name;
}

async function text(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function kubeconfigYaml(url: string, namespace: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    // Plain HTTP needs this in @kubernetes/client-node; a real cluster is reached over TLS.
    `- name: fake\n  cluster:\n    server: ${url}\n    insecure-skip-tls-verify: true`,
    'users:',
    `- name: tester\n  user:\n    token: ${FAKE_TOKEN}`,
    'contexts:',
    `- name: fake\n  context:\n    cluster: fake\n    user: tester\n    namespace: ${namespace}`,
    'current-context: fake',
    '',
  ].join('\n');
}
