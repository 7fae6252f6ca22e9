import type { Clock } from '../../core/clock.js';
import type { HttpFailure, HttpRequestSpec, HttpResponse } from '../contracts.js';

export type RequestResult = HttpResponse | HttpFailure;

export interface HttpClientOptions {
  readonly clock: Clock;
  /** Monotonic reading at the test's zero: request specs carry test times relative to it. */
  readonly testZeroMs: number;
  /** `http.pool`: one shared keep-alive pool of this many connections per origin. */
  readonly pool?: number;
  /** `http.maxSockets`: connections per origin when `pool` is unset (default: unlimited). */
  readonly maxSockets?: number;
  readonly rejectUnauthorized: boolean;
  /** Send a W3C `traceparent` header on every request. */
  readonly traceparent: boolean;
  /** TCP (+TLS) connect timeout, ms. */
  readonly connectTimeoutMs: number;
  /** Called as each request settles, before its promise resolves (sampling, tracing). Must not throw. */
  readonly observe?: (spec: HttpRequestSpec, result: RequestResult) => void;
}

/** Redirects followed when a step has `followRedirect` (Artillery's default is to follow). */
export const MAX_REDIRECTS = 10;

/** Statuses whose `location` a request with `followRedirect` follows. */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
