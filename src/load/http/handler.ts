import type { HttpFailure, HttpRequestSpec, HttpResponse } from '../contracts.js';
import { bodyText } from './decode-body.js';
import { errorCodeOf } from './errors.js';
import { addHeader, lazyHeaders } from './lazy-headers.js';
import { REDIRECT_STATUSES, type RequestResult } from './options.js';

export type { RequestResult } from './options.js';

/** Test-time reader shared by every request of one client. */
export type TestNow = () => number;

/**
 * One request's undici dispatch handler (undici's callback API, which the client calls directly
 * with no adapter in between): records the phase timings, collects the body only when the flow
 * reads it and otherwise just counts and drops the bytes.
 */

/** How a handler asks its client to send the request again, to a redirect's location. */
export type FollowRedirect = (handler: RequestHandler, location: string, status: number) => boolean;

export class RequestHandler {
  #abort: ((error: Error) => void) | undefined;
  #sentAt = -1;
  #lastSentAt = -1;
  #location: string | undefined;
  /** The URL of the latest hop (changes when a redirect is followed). */
  url: string;
  redirects = 0;
  #headersAt = -1;
  #status = 0;
  #rawHeaders: Buffer[] | string[] | null = null;
  #chunks: Buffer[] | undefined;
  #bytes = 0;
  #settled = false;
  resolve: (result: RequestResult) => void = () => {};

  constructor(
    readonly spec: HttpRequestSpec,
    readonly now: TestNow,
    readonly traceId: string | undefined,
    readonly onSettled: (handler: RequestHandler, result: RequestResult) => void,
    readonly follow?: FollowRedirect,
  ) {
    this.url = spec.url;
    if (spec.needsBody) this.#chunks = [];
  }

  /** Ends the request now (the test is stopping): it fails with ABORTED. */
  cancel(reason: Error): void {
    if (this.#abort) this.#abort(reason);
    else this.onError(reason);
  }

  onConnect(abort: (error: Error) => void): void {
    this.#abort = abort;
    this.#lastSentAt = this.now();
    // Called again on a retry or a redirect: queueing ends at the first send.
    if (this.#sentAt < 0) this.#sentAt = this.#lastSentAt;
  }

  onHeaders(status: number, rawHeaders: Buffer[] | string[] | null): boolean {
    if (status < 200) return true; // 1xx informational: the real response follows
    this.#headersAt = this.now();
    this.#status = status;
    this.#rawHeaders = rawHeaders;
    if (this.follow && REDIRECT_STATUSES.has(status)) {
      const location = parseRawHeaders(rawHeaders).location;
      if (typeof location === 'string') this.#location = location;
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.#bytes += chunk.length;
    this.#chunks?.push(chunk);
    return true;
  }

  onComplete(): void {
    if (this.#settled) return;
    if (this.#location !== undefined && this.follow) {
      const location = this.#location;
      this.#location = undefined;
      // The next hop's callbacks come on a later tick, so resetting after dispatching is safe.
      if (this.follow(this, location, this.#status)) {
        this.#headersAt = -1;
        this.#bytes = 0;
        if (this.#chunks) this.#chunks = [];
        return;
      }
    }
    this.#settled = true;
    const end = this.now();
    const { intendedStartMs } = this.spec;
    const sentAt = this.#sentAt < 0 ? intendedStartMs : this.#sentAt;
    const lastSentAt = this.#lastSentAt < 0 ? sentAt : this.#lastSentAt;
    const headersAt = this.#headersAt < 0 ? end : this.#headersAt;
    const response: HttpResponse = {
      state: 'response',
      status: this.#status,
      headers: lazyHeaders(this.#rawHeaders, parseRawHeaders),
      ...(this.#chunks
        ? { body: bodyText(this.#chunks, rawHeader(this.#rawHeaders, 'content-encoding')) }
        : {}),
      bytes: this.#bytes,
      timings: {
        queuedMs: Math.max(0, sentAt - intendedStartMs),
        ttfbMs: headersAt - lastSentAt,
        downloadMs: end - headersAt,
        totalMs: end - intendedStartMs,
      },
      ...(this.traceId === undefined ? {} : { traceId: this.traceId }),
    };
    this.onSettled(this, response);
    this.resolve(response);
  }

  onError(error: Error): void {
    if (this.#settled) return;
    this.#settled = true;
    const failure: HttpFailure = {
      state: 'error',
      code: errorCodeOf(error),
      message: error.message,
      elapsedMs: this.now() - this.spec.intendedStartMs,
      ...(this.traceId === undefined ? {} : { traceId: this.traceId }),
    };
    this.onSettled(this, failure);
    this.resolve(failure);
  }

  onUpgrade(): void {
    this.onError(new Error('unexpected protocol upgrade'));
  }

  onBodySent(): void {}
  onResponseStarted(): void {}
}

/** undici's raw header list → lower-case names; repeats joined with ", ", set-cookie kept as a list. */
/** One header's value from undici's raw pairs (the first of that name), without parsing them all. */
function rawHeader(raw: Buffer[] | string[] | null, lowerName: string): string | undefined {
  if (!raw) return undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (String(raw[i]).toLowerCase() === lowerName) return String(raw[i + 1]);
  }
  return undefined;
}

export function parseRawHeaders(raw: Buffer[] | string[] | null): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  if (!raw) return headers;
  for (let i = 0; i + 1 < raw.length; i += 2) addHeader(headers, String(raw[i]), String(raw[i + 1]));
  return headers;
}
