/**
 * The few Kubernetes API calls a distributed run makes (STYLE.md #8: a small interface; the
 * client of `kubernetes/` implements it over the user's kubeconfig, tests with their own). Every
 * call rejects with an Error whose message names the object and the API's answer.
 */
export interface ClusterApi {
  /** The namespace objects go to when the user names none (the kubeconfig context's). */
  readonly defaultNamespace: string;
  createConfigMap(namespace: string, manifest: object): Promise<void>;
  createJob(namespace: string, manifest: object): Promise<void>;
  readJob(namespace: string, name: string): Promise<JobView>;
  listPods(namespace: string, labelSelector: string): Promise<PodView[]>;
  /** The pod's whole log (its one container). */
  readPodLog(namespace: string, name: string): Promise<string>;
  /** Deletes the Job and, in the background, its pods; a Job already gone is not an error. */
  deleteJob(namespace: string, name: string): Promise<void>;
  deleteConfigMap(namespace: string, name: string): Promise<void>;
}

export interface JobView {
  /** Type and message of a `Failed` condition, when the Job failed as a whole. */
  readonly failed?: string;
}

export interface PodView {
  readonly name: string;
  readonly jobName: string;
  /** The pod's JOB_COMPLETION_INDEX. */
  readonly completionIndex: number;
  readonly phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  /** Why a container is waiting or ended (ImagePullBackOff, OOMKilled, Error…). */
  readonly reason?: string;
  readonly exitCode?: number;
}
