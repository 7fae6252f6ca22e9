import { randomFillSync } from 'node:crypto';

/** Random bytes are drawn in blocks: one syscall per ~170 requests instead of one per request. */
const BLOCK_BYTES = 4096;
const TRACE_BYTES = 16;
const SPAN_BYTES = 8;
/** `<32 hex trace id>-<16 hex span id>`: what `fill` writes. */
export const TRACE_AND_SPAN_LENGTH = 2 * TRACE_BYTES + 1 + 2 * SPAN_BYTES;
/** Hex digits of a trace id, at the start of what `fill` writes. */
export const TRACE_ID_LENGTH = 2 * TRACE_BYTES;
/** The header line around `fill`'s text: `traceparent: 00-<trace>-<span>-01`. */
export const TRACEPARENT_LINE_PREFIX = 'traceparent: 00-';
export const TRACEPARENT_LINE_SUFFIX = '-01\r\n';

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
const DASH = 0x2d;

/**
 * W3C Trace Context ids (`traceparent: 00-<trace id>-<span id>-01`), so each request can be found
 * in the target's logs and traces. Not cryptographic secrets, just unique.
 */
export class TraceIds {
  readonly #pool = Buffer.allocUnsafe(BLOCK_BYTES);
  #offset = BLOCK_BYTES;

  #reserve(bytes: number): number {
    if (this.#offset + bytes > BLOCK_BYTES) {
      randomFillSync(this.#pool);
      this.#offset = 0;
    }
    const at = this.#offset;
    this.#offset += bytes;
    return at;
  }

  /** A new trace id and the `traceparent` header value carrying it. */
  next(): { traceId: string; header: string } {
    const at = this.#reserve(TRACE_BYTES + SPAN_BYTES);
    const traceId = this.#pool.toString('hex', at, at + TRACE_BYTES);
    const spanId = this.#pool.toString('hex', at + TRACE_BYTES, at + TRACE_BYTES + SPAN_BYTES);
    return { traceId, header: `00-${traceId}-${spanId}-01` };
  }

  /**
   * Writes a new `<trace id>-<span id>` as ASCII hex into `target` at `offset` (the plain client
   * stamps it into a copy of a pre-built request head: no string per request to encode).
   */
  fill(target: Buffer, offset: number): void {
    const pool = this.#pool;
    const at = this.#reserve(TRACE_BYTES + SPAN_BYTES);
    let out = offset;
    for (let i = at; i < at + TRACE_BYTES + SPAN_BYTES; i++) {
      if (i === at + TRACE_BYTES) target[out++] = DASH;
      const byte = pool[i] as number;
      target[out++] = HEX_DIGITS[byte >> 4] as number;
      target[out++] = HEX_DIGITS[byte & 15] as number;
    }
  }
}

/** The trace id `fill` wrote at `offset` of `bytes`; undefined when `offset` is -1 (untraced). */
export function traceIdIn(bytes: Buffer, offset: number): string | undefined {
  return offset < 0 ? undefined : bytes.toString('latin1', offset, offset + TRACE_ID_LENGTH);
}
