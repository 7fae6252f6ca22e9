import { request } from 'undici';
import type { Clock } from '../../core/clock.js';
import { processClock } from './process-clock.js';
import type { HealthProbe, ServiceSpec } from './types.js';

export interface HealthCheckOptions {
  /** Cancels the probe (reported as error 'aborted'). */
  signal?: AbortSignal;
  clock?: Clock;
}

/**
 * The URL whose 2xx answer means the service is ready: `healthcheck` when absolute, else resolved
 * against `url` (a leading `/` keeps the base URL's own path segments: `http://h/api` + `/health`
 * → `http://h/api/health`); `url` itself when there is no `healthcheck`.
 */
export function resolveHealthUrl(spec: Pick<ServiceSpec, 'url' | 'healthcheck'>): URL {
  const base = new URL(spec.url);
  const check = spec.healthcheck;
  if (check === undefined || check === '') return base;
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(check)) return new URL(check);
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  const relative = check.startsWith('/') ? check.slice(1) : check;
  return new URL(`${basePath}${relative}`, base);
}

/**
 * One GET of `url`: `ok` for a 2xx answer, the status for any answer, otherwise `error` with the
 * cause (`ECONNREFUSED`, `timeout after 2000ms`, …). The whole exchange (body included) is bounded by
 * `timeoutMs`; the connection is not kept alive. Never throws or rejects.
 */
export async function checkHealth(
  url: string,
  timeoutMs: number,
  options: HealthCheckOptions = {},
): Promise<HealthProbe> {
  const clock = options.clock ?? processClock;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
  const started = clock.monotonic();
  try {
    const response = await request(url, { method: 'GET', signal, reset: true });
    await response.body.dump({ limit: 64 * 1024, signal });
    const status = response.statusCode;
    return { url, ok: status >= 200 && status < 300, status, latencyMs: clock.monotonic() - started };
  } catch (error) {
    const reason = timeout.signal.aborted
      ? `timeout after ${Math.round(timeoutMs)}ms`
      : options.signal?.aborted
        ? 'aborted'
        : describeNetworkError(error);
    return { url, ok: false, latencyMs: clock.monotonic() - started, error: reason };
  } finally {
    clearTimeout(timer);
  }
}

/** The short cause of a failed request: the system/undici code when there is one, else the message. */
export function describeNetworkError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0)
    return describeNetworkError(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && code !== '' ? code : error.message;
  }
  return String(error);
}
