import type { HttpResponse, HttpTimings } from '../../contracts.js';
import { type HeaderRecord, lazyHeaders, parseHeaderBlock } from '../lazy-headers.js';
import { traceIdIn } from '../traceparent.js';

/**
 * A plain-http response. `headers` and `traceId` are built on first read: most flows never read
 * a header, so most responses never parse their head or create the lazy view.
 */
export class WireResponse implements HttpResponse {
  readonly state = 'response';
  #headers: HeaderRecord | undefined;
  readonly #headerBlock: string;
  readonly #head: Buffer;
  readonly #traceAt: number;
  body?: string;

  constructor(
    readonly status: number,
    headerBlock: string,
    readonly hasSetCookie: boolean,
    readonly bytes: number,
    readonly timings: HttpTimings,
    head: Buffer,
    traceAt: number,
  ) {
    this.#headerBlock = headerBlock;
    this.#head = head;
    this.#traceAt = traceAt;
  }

  /** Read for the slowest requests only: the text is made then. */
  get traceId(): string | undefined {
    return traceIdIn(this.#head, this.#traceAt);
  }

  get headers(): HeaderRecord {
    this.#headers ??= lazyHeaders(this.#headerBlock, parseHeaderBlock, !this.hasSetCookie);
    return this.#headers;
  }
}
