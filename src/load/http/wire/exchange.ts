import type { HttpRequestSpec } from '../../contracts.js';
import { traceIdIn } from '../traceparent.js';

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
  /** The complete request head (traceparent stamped) for the current hop. */
  head: Buffer;
  /** Where the traceparent ids sit in `head`; -1 when untraced. */
  traceAt: number;
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
  /** The response's content-encoding, for decompressing a body the flow reads. */
  contentEncoding: string | undefined;
  bytes = 0;
  chunks: Buffer[] | undefined;
  settled = false;
  resolve: (value: never) => void = noop;

  constructor(
    readonly spec: HttpRequestSpec,
    readonly owner: ExchangeOwner,
    head: Buffer,
    traceAt: number,
  ) {
    this.head = head;
    this.traceAt = traceAt;
    this.body = spec.body;
    this.method = spec.method;
    this.url = spec.url;
    if (spec.needsBody) this.chunks = [];
  }

  /** The W3C trace id stamped into the head (read only for samples and failures). */
  get traceId(): string | undefined {
    return traceIdIn(this.head, this.traceAt);
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
