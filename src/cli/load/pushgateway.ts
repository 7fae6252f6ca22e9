import type { Registry } from 'prom-client';

/** A push must not hold up the end of a run for long. */
export const DEFAULT_PUSH_TIMEOUT_MS = 10_000;

export interface PushTarget {
  /** Pushgateway base URL, e.g. http://pushgateway:9091. */
  readonly url: string;
  readonly job: string;
  readonly instance: string;
  readonly timeoutMs?: number;
}

export type PushOutcome =
  | { state: 'pushed'; url: string }
  | { state: 'failed'; url: string; message: string };

/**
 * The network edge of `--pushgateway`: PUT replaces the whole group `job/instance`, so a rerun
 * of the same instance never leaves stale series behind. Never throws: the caller reports.
 */
export async function pushToGateway(registry: Registry, target: PushTarget): Promise<PushOutcome> {
  const base = target.url.replace(/\/+$/, '');
  const url = `${base}/metrics/job/${encodeURIComponent(target.job)}/instance/${encodeURIComponent(target.instance)}`;
  try {
    const response = await fetch(url, {
      method: 'PUT',
      headers: { 'content-type': registry.contentType },
      body: await registry.metrics(),
      signal: AbortSignal.timeout(target.timeoutMs ?? DEFAULT_PUSH_TIMEOUT_MS),
    });
    if (response.ok) return { state: 'pushed', url };
    const detail = (await response.text()).trim().slice(0, 300);
    return { state: 'failed', url, message: `HTTP ${response.status}${detail ? `: ${detail}` : ''}` };
  } catch (error) {
    const cause =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    return { state: 'failed', url, message: cause };
  }
}
