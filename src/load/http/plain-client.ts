import type { HttpClient, HttpFailure, HttpRequestSpec, HttpResponse, HttpTimings } from '../contracts.js';
import { bodyText } from './decode-body.js';
import type { RequestResult } from './handler.js';
import { parseHeaderBlock } from './lazy-headers.js';
import { type HttpClientOptions, MAX_REDIRECTS, REDIRECT_STATUSES } from './options.js';
import { TRACE_AND_SPAN_LENGTH, TraceIds } from './traceparent.js';
import { Exchange, type ExchangeOwner } from './wire/exchange.js';
import { OriginPool, type PoolOwner } from './wire/pool.js';
import { type HeadBytes, headBytes, requestHead, type WireTarget, wireTarget } from './wire/request-head.js';
import { WireResponse } from './wire/wire-response.js';

/** Parsed URLs and serialised heads are cached by URL text; cleared past this (templated URLs vary). */
const CACHE_LIMIT = 4_096;

interface CachedHead {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly head: HeadBytes;
}

/**
 * The HTTP client for plain http:// targets, on raw `net` sockets: keep-alive pools per origin,
 * pipelining 1, request heads serialised once per static request and written as one buffer, and
 * a minimal response parser (status line, body framing; other headers parsed only when read).
 *
 * Why hand-written: profiles of the closed model showed undici's per-request machinery (request
 * object and header validation, handler wrapping, llhttp calls across the WebAssembly boundary,
 * timers per request) as the largest share of perfgate's CPU per request; autocannon reaches its
 * rate by writing pre-built requests on raw sockets and parsing only what it needs, and so does
 * this client. Everything else (https, a redirect to https) goes to `fallback` (undici).
 */
export class PlainHttpClient implements HttpClient, PoolOwner, ExchangeOwner {
  readonly #pools = new Map<string, OriginPool>();
  readonly #targets = new Map<string, WireTarget | 'other'>();
  readonly #heads = new Map<string, CachedHead>();
  readonly #watched = new WeakSet<AbortSignal>();
  readonly #traceIds: TraceIds | undefined;
  readonly #options: HttpClientOptions;
  readonly #clock: HttpClientOptions['clock'];
  readonly #testZeroMs: number;
  readonly #limit: number;

  readonly #loadFallback: () => Promise<HttpClient>;
  #fallback: Promise<HttpClient> | undefined;

  /** `loadFallback` builds the client for other schemes, on first use (undici is loaded only then). */
  constructor(options: HttpClientOptions, loadFallback: () => Promise<HttpClient>) {
    this.#loadFallback = loadFallback;
    this.#options = options;
    this.#clock = options.clock;
    this.#testZeroMs = options.testZeroMs;
    this.#limit = options.pool ?? options.maxSockets ?? Number.POSITIVE_INFINITY;
    this.#traceIds = options.traceparent ? new TraceIds() : undefined;
  }

  now(): number {
    return this.#clock.monotonic() - this.#testZeroMs;
  }

  request(spec: HttpRequestSpec): Promise<RequestResult> {
    if (spec.signal?.aborted) return Promise.resolve(this.#failure(spec, 'ABORTED', 'the test is stopping'));
    const target = this.#target(spec.url);
    if (target === undefined)
      return Promise.resolve(this.#failure(spec, 'ERR_INVALID_URL', `invalid URL: ${spec.url}`));
    if (target === 'other') return this.#viaFallback(spec);
    let head: HeadBytes;
    try {
      head = this.#head(spec, target);
    } catch (error) {
      return Promise.resolve(this.#failure(spec, 'ERR_INVALID_ARG', (error as Error).message));
    }
    const exchange = this.#exchange(spec, head);
    const result = new Promise<RequestResult>((resolve) => {
      exchange.resolve = resolve as (value: never) => void;
    });
    if (spec.signal) this.#watch(spec.signal);
    this.#pool(target).send(exchange);
    return result;
  }

  /** A cached head is copied before its trace ids are stamped (a request built now is its own). */
  #exchange(spec: HttpRequestSpec, head: HeadBytes): Exchange {
    const traceIds = this.#traceIds;
    const { traceAt } = head;
    if (traceIds === undefined || traceAt < 0) return new Exchange(spec, this, head.bytes, -1);
    const bytes = spec.body === undefined ? Buffer.allocUnsafe(head.bytes.length) : head.bytes;
    if (bytes !== head.bytes) head.bytes.copy(bytes);
    traceIds.fill(bytes, traceAt);
    return new Exchange(spec, this, bytes, traceAt);
  }

  responded(exchange: Exchange): void {
    if (exchange.settled) return;
    if (exchange.spec.followRedirect && REDIRECT_STATUSES.has(exchange.status) && this.#follow(exchange))
      return;
    exchange.settled = true;
    const response = this.#response(exchange);
    this.#options.observe?.(exchange.spec, response);
    exchange.resolve(response as never);
  }

  failed(exchange: Exchange, code: string, message: string): void {
    if (exchange.settled) return;
    exchange.settled = true;
    const failure = this.#failure(exchange.spec, code, message, exchange.traceId);
    this.#options.observe?.(exchange.spec, failure);
    exchange.resolve(failure as never);
  }

  async close(): Promise<void> {
    for (const pool of this.#pools.values()) pool.destroy('client closed');
    this.#pools.clear();
    if (this.#fallback) await (await this.#fallback).close();
  }

  #viaFallback(spec: HttpRequestSpec): Promise<RequestResult> {
    this.#fallback ??= this.#loadFallback();
    return this.#fallback.then((client) => client.request(spec));
  }

  #response(exchange: Exchange): HttpResponse {
    const end = this.now();
    const { intendedStartMs } = exchange.spec;
    const sentAt = exchange.sentAt < 0 ? intendedStartMs : exchange.sentAt;
    const lastSentAt = exchange.lastSentAt < 0 ? sentAt : exchange.lastSentAt;
    const headersAt = exchange.headersAt < 0 ? end : exchange.headersAt;
    const queuedMs = Math.max(0, sentAt - intendedStartMs);
    const ttfbMs = headersAt - lastSentAt;
    const downloadMs = end - headersAt;
    const totalMs = end - intendedStartMs;
    // connectMs is part of queuedMs (the request waited for its connection), reported on its own too.
    const timings: HttpTimings =
      exchange.connectMs < 0
        ? { queuedMs, ttfbMs, downloadMs, totalMs }
        : { queuedMs, connectMs: exchange.connectMs, ttfbMs, downloadMs, totalMs };
    const { chunks } = exchange;
    const response = new WireResponse(
      exchange.status,
      exchange.headerBlock,
      exchange.setCookie,
      exchange.bytes,
      timings,
      exchange.head,
      exchange.traceAt,
    );
    if (chunks !== undefined) response.body = bodyText(chunks, exchange.contentEncoding);
    return response;
  }

  /** Sends the exchange on to the redirect's location (303, and 301/302 after a POST, become GETs). */
  #follow(exchange: Exchange): boolean {
    const location = parseHeaderBlock(exchange.headerBlock).location;
    if (typeof location !== 'string' || exchange.redirects >= MAX_REDIRECTS) return false;
    let next: URL;
    try {
      next = new URL(location, exchange.url);
    } catch {
      return false;
    }
    const { spec } = exchange;
    const status = exchange.status;
    const becomesGet =
      exchange.method !== 'HEAD' &&
      (status === 303 || ((status === 301 || status === 302) && exchange.method === 'POST'));
    if (becomesGet) {
      exchange.method = 'GET';
      exchange.body = undefined;
    }
    exchange.redirects++;
    exchange.url = next.href;
    const target = this.#target(next.href);
    if (target === undefined || target === 'other') {
      const method = exchange.method as HttpRequestSpec['method'];
      const hop: HttpRequestSpec = { ...spec, url: next.href, method };
      if (exchange.body === undefined) delete (hop as { body?: unknown }).body;
      exchange.settled = true;
      void this.#viaFallback(hop).then((result) => exchange.resolve(result as never));
      return true;
    }
    const head = headBytes(
      requestHead(exchange.method, target, spec.headers, exchange.body),
      exchange.traceAt >= 0,
    );
    // The next hop carries the same trace and span ids.
    if (exchange.traceAt >= 0)
      exchange.head.copy(
        head.bytes,
        head.traceAt,
        exchange.traceAt,
        exchange.traceAt + TRACE_AND_SPAN_LENGTH,
      );
    exchange.head = head.bytes;
    exchange.traceAt = head.traceAt;
    exchange.resetResponse();
    this.#pool(target).send(exchange);
    return true;
  }

  /** The serialised head: built once per (URL, method, headers object) for requests without a body. */
  #head(spec: HttpRequestSpec, target: WireTarget): HeadBytes {
    const traced = this.#traceIds !== undefined;
    if (spec.body !== undefined)
      return headBytes(requestHead(spec.method, target, spec.headers, spec.body), traced);
    const cached = this.#heads.get(spec.url);
    if (cached && cached.method === spec.method && cached.headers === spec.headers) return cached.head;
    const head = headBytes(requestHead(spec.method, target, spec.headers, undefined), traced);
    if (this.#heads.size >= CACHE_LIMIT) this.#heads.clear();
    this.#heads.set(spec.url, { method: spec.method, headers: spec.headers, head });
    return head;
  }

  #target(url: string): WireTarget | 'other' | undefined {
    const cached = this.#targets.get(url);
    if (cached !== undefined) return cached;
    const target = wireTarget(url);
    if (target === undefined) return undefined;
    if (this.#targets.size >= CACHE_LIMIT) this.#targets.clear();
    this.#targets.set(url, target);
    return target;
  }

  #pool(target: WireTarget): OriginPool {
    let pool = this.#pools.get(target.origin);
    if (pool === undefined) {
      pool = new OriginPool(this, target.hostname, target.port, this.#limit, this.#options.connectTimeoutMs);
      this.#pools.set(target.origin, pool);
    }
    return pool;
  }

  /** One abort listener per distinct signal (not per request): it fails that signal's requests. */
  #watch(signal: AbortSignal): void {
    if (this.#watched.has(signal)) return;
    this.#watched.add(signal);
    signal.addEventListener(
      'abort',
      () => {
        for (const pool of this.#pools.values()) pool.abort(signal, 'the test is stopping');
      },
      { once: true },
    );
  }

  #failure(spec: HttpRequestSpec, code: string, message: string, traceId?: string): HttpFailure {
    const failure: HttpFailure = {
      state: 'error',
      code,
      message,
      elapsedMs: this.now() - spec.intendedStartMs,
    };
    if (traceId !== undefined) (failure as { traceId?: string }).traceId = traceId;
    return failure;
  }
}
