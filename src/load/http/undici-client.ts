import { Agent, type Dispatcher } from 'undici';
import type { HttpClient, HttpFailure, HttpRequestSpec } from '../contracts.js';
import { RequestHandler, type RequestResult } from './handler.js';
import { type HttpClientOptions, MAX_REDIRECTS } from './options.js';
import { TraceIds } from './traceparent.js';

/** Idle keep-alive connections are closed after this long. */
const KEEP_ALIVE_MS = 30_000;
/** Parsed URLs are cached by their text; cleared when it grows past this (templated URLs vary). */
const URL_CACHE_LIMIT = 4_096;

interface Target {
  readonly origin: string;
  readonly path: string;
}

/**
 * The HTTP client for https:// targets (and any origin the plain-http client does not take): undici's Agent with keep-alive,
 * pipelining 1, connections capped by `http.pool`/`maxSockets`, dispatching straight to a
 * per-request handler (no stream or promise layers in between). Never throws: every failure is
 * an `HttpFailure` with Artillery's error code.
 */
export function createUndiciHttpClient(options: HttpClientOptions): HttpClient {
  return new UndiciHttpClient(options);
}

class UndiciHttpClient implements HttpClient {
  readonly #agent: Agent;
  readonly #traceIds: TraceIds | undefined;
  readonly #targets = new Map<string, Target>();
  readonly #inFlight = new Set<RequestHandler>();
  readonly #watched = new WeakSet<AbortSignal>();
  readonly #now: () => number;
  readonly #observe: HttpClientOptions['observe'];
  readonly #onSettled = (handler: RequestHandler, result: RequestResult) => {
    if (handler.spec.signal) this.#inFlight.delete(handler);
    this.#observe?.(handler.spec, result);
  };

  constructor(options: HttpClientOptions) {
    const { clock, testZeroMs } = options;
    this.#now = () => clock.monotonic() - testZeroMs;
    this.#observe = options.observe;
    this.#agent = new Agent({
      connections: options.pool ?? options.maxSockets ?? null,
      pipelining: 1,
      keepAliveTimeout: KEEP_ALIVE_MS,
      connect: { rejectUnauthorized: options.rejectUnauthorized, timeout: options.connectTimeoutMs },
    });
    this.#traceIds = options.traceparent ? new TraceIds() : undefined;
  }

  request(spec: HttpRequestSpec): Promise<RequestResult> {
    if (spec.signal?.aborted) return Promise.resolve(this.#failure(spec, 'ABORTED', 'the test is stopping'));
    const target = this.#target(spec.url);
    if (!target) return Promise.resolve(this.#failure(spec, 'ERR_INVALID_URL', `invalid URL: ${spec.url}`));
    const trace = this.#traceIds?.next();
    const follow = spec.followRedirect ? this.#follow : undefined;
    const handler = new RequestHandler(spec, this.#now, trace?.traceId, this.#onSettled, follow);
    const result = new Promise<RequestResult>((resolve) => {
      handler.resolve = resolve;
    });
    if (spec.signal) this.#watch(spec.signal, handler);
    const headers = trace ? { ...spec.headers, traceparent: trace.header } : spec.headers;
    this.#dispatch(handler, target, spec.method, headers, spec.body ?? null);
    return result;
  }

  #dispatch(
    handler: RequestHandler,
    target: Target,
    method: string,
    headers: Readonly<Record<string, string>>,
    body: string | Uint8Array | null,
  ): void {
    const { timeoutMs } = handler.spec;
    try {
      this.#agent.dispatch(
        {
          origin: target.origin,
          path: target.path,
          method,
          headers,
          body,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        },
        handler as unknown as Dispatcher.DispatchHandler,
      );
    } catch (error) {
      handler.onError(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Sends the request on to a redirect's location (303, and 301/302 after a POST, become GETs). */
  readonly #follow = (handler: RequestHandler, location: string, status: number): boolean => {
    if (handler.redirects >= MAX_REDIRECTS) return false;
    let next: URL;
    try {
      next = new URL(location, handler.url);
    } catch {
      return false;
    }
    handler.redirects++;
    handler.url = next.href;
    const { spec } = handler;
    const becomesGet =
      spec.method !== 'HEAD' &&
      (status === 303 || ((status === 301 || status === 302) && spec.method === 'POST'));
    const method = becomesGet ? 'GET' : spec.method;
    const target = { origin: next.origin, path: `${next.pathname}${next.search}` };
    this.#dispatch(
      handler,
      target,
      method,
      spec.headers,
      method === spec.method ? (spec.body ?? null) : null,
    );
    return true;
  };

  /** One abort listener per distinct signal (not per request): it cancels that signal's requests. */
  #watch(signal: AbortSignal, handler: RequestHandler): void {
    this.#inFlight.add(handler);
    if (this.#watched.has(signal)) return;
    this.#watched.add(signal);
    signal.addEventListener(
      'abort',
      () => {
        const reason = new Error('the test is stopping');
        reason.name = 'AbortError';
        for (const pending of [...this.#inFlight]) if (pending.spec.signal === signal) pending.cancel(reason);
      },
      { once: true },
    );
  }

  #target(url: string): Target | undefined {
    const cached = this.#targets.get(url);
    if (cached) return cached;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    if (this.#targets.size >= URL_CACHE_LIMIT) this.#targets.clear();
    const target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    this.#targets.set(url, target);
    return target;
  }

  #failure(spec: HttpRequestSpec, code: string, message: string): HttpFailure {
    return { state: 'error', code, message, elapsedMs: this.#now() - spec.intendedStartMs };
  }

  async close(): Promise<void> {
    for (const pending of [...this.#inFlight]) pending.cancel(new Error('client closed'));
    await this.#agent.destroy();
  }
}
