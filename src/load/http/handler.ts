import type { HttpFailure, HttpRequestSpec, HttpResponse } from '../contracts.js';
import { errorCodeOf } from './errors.js';

export type RequestResult = HttpResponse | HttpFailure;

/** Test-time reader shared by every request of one client. */
export type TestNow = () => number;

/**
 * One request's undici dispatch handler (undici's callback API, which the client calls directly
 * with no adapter in between): records the phase timings, collects the body only when the flow
 * reads it and otherwise just counts and drops the bytes.
 */
export class RequestHandler {
  #abort: ((error: Error) => void) | undefined;
  #sentAt = -1;
  #headersAt = -1;
  #status = 0;
  #headers: Record<string, string | string[]> = {};
  #chunks: Buffer[] | undefined;
  #bytes = 0;
  #settled = false;
  resolve: (result: RequestResult) => void = () => {};

  constructor(
    readonly spec: HttpRequestSpec,
    readonly now: TestNow,
    readonly traceId: string | undefined,
    readonly onSettled: (handler: RequestHandler) => void,
  ) {
    if (spec.needsBody) this.#chunks = [];
  }

  /** Ends the request now (the test is stopping): it fails with ABORTED. */
  cancel(reason: Error): void {
    if (this.#abort) this.#abort(reason);
    else this.onError(reason);
  }

  onConnect(abort: (error: Error) => void): void {
    this.#abort = abort;
    // Called again when undici retries on a fresh connection: keep the first send time.
    if (this.#sentAt < 0) this.#sentAt = this.now();
  }

  onHeaders(status: number, rawHeaders: Buffer[] | string[] | null): boolean {
    if (status < 200) return true; // 1xx informational: the real response follows
    this.#headersAt = this.now();
    this.#status = status;
    this.#headers = parseRawHeaders(rawHeaders);
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.#bytes += chunk.length;
    this.#chunks?.push(chunk);
    return true;
  }

  onComplete(): void {
    if (this.#settled) return;
    this.#settled = true;
    const end = this.now();
    const { intendedStartMs } = this.spec;
    const sentAt = this.#sentAt < 0 ? intendedStartMs : this.#sentAt;
    const headersAt = this.#headersAt < 0 ? end : this.#headersAt;
    const response: HttpResponse = {
      state: 'response',
      status: this.#status,
      headers: this.#headers,
      ...(this.#chunks ? { body: Buffer.concat(this.#chunks).toString('utf8') } : {}),
      bytes: this.#bytes,
      timings: {
        queuedMs: Math.max(0, sentAt - intendedStartMs),
        ttfbMs: headersAt - sentAt,
        downloadMs: end - headersAt,
        totalMs: end - intendedStartMs,
      },
      ...(this.traceId === undefined ? {} : { traceId: this.traceId }),
    };
    this.onSettled(this);
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
    this.onSettled(this);
    this.resolve(failure);
  }

  onUpgrade(): void {
    this.onError(new Error('unexpected protocol upgrade'));
  }

  onBodySent(): void {}
  onResponseStarted(): void {}
}

/** undici's raw header list → lower-case names; repeats joined with ", ", set-cookie kept as a list. */
export function parseRawHeaders(raw: Buffer[] | string[] | null): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  if (!raw) return headers;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = String(raw[i]).toLowerCase();
    const value = String(raw[i + 1]);
    const existing = headers[name];
    if (name === 'set-cookie') {
      if (Array.isArray(existing)) existing.push(value);
      else headers[name] = [value];
    } else {
      headers[name] = existing === undefined ? value : `${existing}, ${value}`;
    }
  }
  return headers;
}
