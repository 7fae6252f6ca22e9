import type { Registry } from 'prom-client';

/** A push must not hold up the end of a run for long. */
export const DEFAULT_PUSH_TIMEOUT_MS = 10_000;

export interface PushTarget {
  /** Pushgateway base URL, e.g. http://pushgateway:9091. */
  readonly url: string;
  readonly job: string;
  readonly instance: string;
  /**
   * More grouping labels after job/instance, in order (`test`, then `segment`): each script, and
   * each generator's share of one, is its own group, so pushes of one pipeline never replace
   * each other.
   */
  readonly grouping?: ReadonlyArray<readonly [string, string]>;
  readonly timeoutMs?: number;
}

export type PushOutcome =
  | { state: 'pushed'; url: string }
  | { state: 'failed'; url: string; message: string };

/**
 * One `/name/value` step of a grouping key. A value with a `/` (or empty) uses the Pushgateway's
 * base64url form, `/name@base64/…`, since a slash cannot be escaped in a path segment.
 */
export function groupingSegment(name: string, value: string): string {
  if (value === '' || value.includes('/')) {
    return `/${name}@base64/${Buffer.from(value).toString('base64url') || '='}`;
  }
  return `/${name}/${encodeURIComponent(value)}`;
}

/** The group's URL: `…/metrics/job/J/instance/I[/test/T[/segment/S]]`. */
export function groupUrl(target: PushTarget): string {
  const base = target.url.replace(/\/+$/, '');
  const labels: (readonly [string, string])[] = [
    ['job', target.job],
    ['instance', target.instance],
    ...(target.grouping ?? []),
  ];
  return `${base}/metrics${labels.map(([name, value]) => groupingSegment(name, value)).join('')}`;
}

/**
 * The network edge of `--pushgateway`: PUT replaces the whole group (job, instance, test and
 * segment), so a rerun of the same script never leaves stale series behind and never touches
 * another script's group. Never throws: the caller reports.
 */
export async function pushToGateway(registry: Registry, target: PushTarget): Promise<PushOutcome> {
  const url = groupUrl(target);
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
