/**
 * The Kubernetes API edge of distributed runs (DESIGN.md: network I/O at named edges): the
 * `ClusterApi` over `@kubernetes/client-node`, authenticated as the user's kubeconfig says
 * (KUBECONFIG, else ~/.kube/config, else the in-cluster service account) — every auth method
 * kubectl knows (certificates, tokens, exec plugins such as `aws eks get-token`).
 */
import { delimiter } from 'node:path';
import { BatchV1Api, CoreV1Api, KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { PerfgateError } from '../../../core/errors.js';
import type { ClusterApi, JobView, PodView } from '../cluster.js';

export interface KubeconfigOptions {
  /** KUBECONFIG as the caller's environment has it (one path or a list). */
  readonly kubeconfig?: string;
  /** A context of the kubeconfig other than its current one. */
  readonly context?: string;
}

const JOB_NAME_LABELS = ['batch.kubernetes.io/job-name', 'job-name'];
const INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';

export function kubeconfigCluster(options: KubeconfigOptions = {}): ClusterApi {
  const config = new KubeConfig();
  try {
    const paths = options.kubeconfig?.split(delimiter).filter(Boolean) ?? [];
    if (paths.length === 1 && paths[0]) config.loadFromFile(paths[0]);
    else config.loadFromDefault();
    if (options.context !== undefined) config.setCurrentContext(options.context);
  } catch (error) {
    throw new PerfgateError('INVALID_ARGUMENT', `cannot read the kubeconfig: ${describe(error)}`, {
      hint: 'set KUBECONFIG or check ~/.kube/config (kubectl config view)',
    });
  }
  if (config.getCurrentCluster() === null) {
    throw new PerfgateError('INVALID_ARGUMENT', 'the kubeconfig names no cluster for its current context', {
      hint: 'choose one with kubectl config use-context NAME',
    });
  }
  const core = config.makeApiClient(CoreV1Api);
  const batch = config.makeApiClient(BatchV1Api);
  const namespace = config.getContextObject(config.getCurrentContext())?.namespace ?? 'default';
  return {
    defaultNamespace: namespace,
    createConfigMap: async (ns, body) => {
      await call(`create ConfigMap in ${ns}`, core.createNamespacedConfigMap({ namespace: ns, body }));
    },
    createJob: async (ns, body) => {
      await call(`create Job in ${ns}`, batch.createNamespacedJob({ namespace: ns, body }));
    },
    readJob: async (ns, name) =>
      jobView(await call(`read Job ${name}`, batch.readNamespacedJob({ namespace: ns, name }))),
    listPods: async (ns, labelSelector) => {
      const list = await call(`list pods in ${ns}`, core.listNamespacedPod({ namespace: ns, labelSelector }));
      return list.items.flatMap(podView);
    },
    readPodLog: (ns, name) =>
      call(`read the log of pod ${name}`, core.readNamespacedPodLog({ namespace: ns, name })),
    deleteJob: (ns, name) =>
      ignoreMissing(
        `delete Job ${name}`,
        batch.deleteNamespacedJob({ namespace: ns, name, propagationPolicy: 'Background' }),
      ),
    deleteConfigMap: (ns, name) =>
      ignoreMissing(`delete ConfigMap ${name}`, core.deleteNamespacedConfigMap({ namespace: ns, name })),
  };
}

function jobView(job: {
  status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[] };
}): JobView {
  const failed = job.status?.conditions?.find((c) => c.type === 'Failed' && c.status === 'True');
  return failed === undefined
    ? {}
    : { failed: [failed.reason, failed.message].filter(Boolean).join(': ') || 'Failed' };
}

function podView(pod: V1Pod): PodView[] {
  const labels = pod.metadata?.labels ?? {};
  const jobName = JOB_NAME_LABELS.map((key) => labels[key]).find((value) => value !== undefined);
  const index = Number(pod.metadata?.annotations?.[INDEX_ANNOTATION] ?? labels[INDEX_ANNOTATION]);
  if (jobName === undefined || !Number.isInteger(index) || pod.metadata?.name === undefined) return [];
  const state = pod.status?.containerStatuses?.[0]?.state;
  const reason = state?.waiting?.reason ?? state?.terminated?.reason ?? pod.status?.reason;
  const exitCode = state?.terminated?.exitCode;
  return [
    {
      name: pod.metadata.name,
      jobName,
      completionIndex: index,
      phase: (pod.status?.phase ?? 'Unknown') as PodView['phase'],
      ...(reason === undefined ? {} : { reason }),
      ...(exitCode === undefined ? {} : { exitCode }),
    },
  ];
}

async function call<T>(what: string, request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    throw apiError(what, error);
  }
}

async function ignoreMissing(what: string, request: Promise<unknown>): Promise<void> {
  try {
    await request;
  } catch (error) {
    if (statusOf(error) === 404) return;
    throw apiError(what, error);
  }
}

/** The cluster would not do what the run needs: the run could not be made (exit 3). */
function apiError(what: string, error: unknown): PerfgateError {
  return new PerfgateError('ABORTED', `Kubernetes API: cannot ${what}: ${describe(error)}`, {
    hint: 'check the kubeconfig context, the namespace and your permissions (kubectl auth can-i create jobs)',
  });
}

function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

/** The API's own message (a Status object's `message`), else the HTTP status text. */
function describe(error: unknown): string {
  const code = statusOf(error);
  const body = (error as { body?: unknown }).body;
  const text = error instanceof Error ? error.message : String(error);
  let detail = /^Message: (.*)$/m.exec(text)?.[1] ?? text;
  if (typeof body === 'string') {
    try {
      detail = (JSON.parse(body) as { message?: string }).message ?? body;
    } catch {
      detail = body;
    }
  } else if (typeof body === 'object' && body !== null && 'message' in body) {
    detail = String((body as { message: unknown }).message);
  }
  return code === undefined ? detail : `HTTP ${code}: ${detail}`;
}
