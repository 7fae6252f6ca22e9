import type { HttpRequestSpec } from '../../contracts.js';

/** What an exchange reports to its client when it settles (the client builds the result). */
export interface ExchangeOwner {
  /** The response is complete (headers and body read). */
  responded(exchange: Exchange): void;
  /** No response: connection refused/reset, timeout, abort, bad response. */
  failed(exchange: Exchange, code: string, message: string): void;
}

/**
 * One request on the plain-http client, from `request()` to its result: the serialised bytes,
 * the phase timestamps (test time) and the response as it arrives. A plain class with fixed
 * fields (one hidden class, no closures per request).
 */
export class Exchange {
  /** The request line and headers (without the blank line that ends them) for the current hop. */
  head: string | Buffer;
  /** Whether `head` already ends with the blank line (a cached static request without traceparent). */
  headComplete: boolean;
  body: string | Uint8Array | undefined;
  method: string;
  url: string;
  redirects = 0;
  /** Retried once on a fresh connection after a kept-alive one closed under it. */
  retried = false;
  sentAt = -1;
  lastSentAt = -1;
  connectMs = -1;
  headersAt = -1;
  status = 0;
  headerBlock = '';
  setCookie = false;
  bytes = 0;
  chunks: Buffer[] | undefined;
  settled = false;
  resolve: (value: never) => void = noop;

  constructor(
    readonly spec: HttpRequestSpec,
    readonly owner: ExchangeOwner,
    readonly traceId: string | undefined,
    readonly traceHeader: string | undefined,
    head: string | Buffer,
    headComplete: boolean,
  ) {
    this.head = head;
    this.headComplete = headComplete;
    this.body = spec.body;
    this.method = spec.method;
    this.url = spec.url;
    if (spec.needsBody) this.chunks = [];
  }

  get isHead(): boolean {
    return this.method === 'HEAD';
  }

  /** Clears what the previous hop received (a followed redirect or a retry). */
  resetResponse(): void {
    this.headersAt = -1;
    this.status = 0;
    this.headerBlock = '';
    this.bytes = 0;
    if (this.chunks) this.chunks = [];
  }
}

function noop(): void {}
