/**
 * A small client for Prometheus' instant-query HTTP API (`GET /api/v1/query`). Failures are data,
 * never exceptions: the monitor turns them into "no data", never into "good".
 */
import type { Clock } from '../../core/clock.js';

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

export type QueryResult = { state: 'ok'; samples: Sample[] } | { state: 'errored'; error: string };

export interface PrometheusQuerier {
  query(expr: string, atMs?: number): Promise<QueryResult>;
}

export interface PrometheusClientOptions {
  baseUrl: string;
  clock: Clock;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Attempts per query (1 = no retry); waits 250 ms, 500 ms, … between them. */
  attempts?: number;
  fetch?: typeof fetch;
}

export const DEFAULT_QUERY_TIMEOUT_MS = 5_000;
export const DEFAULT_QUERY_ATTEMPTS = 3;
const FIRST_BACKOFF_MS = 250;

interface ApiResponse {
  status?: string;
  error?: string;
  data?: { resultType?: string; result?: { metric?: Record<string, string>; value?: [number, string] }[] };
}

function samplesOf(body: ApiResponse): QueryResult {
  if (body.status !== 'success') return { state: 'errored', error: body.error ?? 'query failed' };
  if (body.data?.resultType !== 'vector') {
    return { state: 'errored', error: `expected a vector, got ${body.data?.resultType ?? 'nothing'}` };
  }
  const samples = (body.data.result ?? []).flatMap((entry) => {
    const value = Number(entry.value?.[1]);
    return Number.isFinite(value) ? [{ labels: entry.metric ?? {}, value }] : [];
  });
  return { state: 'ok', samples };
}

async function once(options: PrometheusClientOptions, expr: string, atMs?: number): Promise<QueryResult> {
  const url = new URL('/api/v1/query', options.baseUrl);
  url.searchParams.set('query', expr);
  if (atMs !== undefined) url.searchParams.set('time', String(atMs / 1_000));
  try {
    const response = await (options.fetch ?? fetch)(url, {
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS),
    });
    const body = (await response.json().catch(() => ({}))) as ApiResponse;
    if (!response.ok && body.status === undefined)
      return { state: 'errored', error: `HTTP ${response.status}` };
    return samplesOf(body);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return {
      state: 'errored',
      error: cause ?? (error as { cause?: Error }).cause?.message ?? (error as Error).message,
    };
  }
}

export function createPrometheusClient(options: PrometheusClientOptions): PrometheusQuerier {
  const attempts = Math.max(1, options.attempts ?? DEFAULT_QUERY_ATTEMPTS);
  return {
    async query(expr, atMs) {
      let result = await once(options, expr, atMs);
      for (let attempt = 1; attempt < attempts && result.state === 'errored'; attempt++) {
        await options.clock.sleep(FIRST_BACKOFF_MS * 2 ** (attempt - 1));
        result = await once(options, expr, atMs);
      }
      return result;
    },
  };
}
