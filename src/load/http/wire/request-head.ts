import { TRACE_AND_SPAN_LENGTH, TRACEPARENT_LINE_PREFIX, TRACEPARENT_LINE_SUFFIX } from '../traceparent.js';

/** Where a plain-http URL goes: the origin's pool key, the socket address and the request target. */
export interface WireTarget {
  /** `host:port` as in the URL: one pool per origin. */
  readonly origin: string;
  readonly hostname: string;
  readonly port: number;
  /** The `host` header value. */
  readonly host: string;
  /** Path and query, as sent on the request line. */
  readonly path: string;
}

/** Parses an absolute URL; `'other'` for schemes the plain client does not speak (https). */
export function wireTarget(url: string): WireTarget | 'other' | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:') return 'other';
  const hostname = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
  return {
    origin: parsed.host,
    hostname,
    port: parsed.port === '' ? 80 : Number(parsed.port),
    host: parsed.host,
    path: `${parsed.pathname}${parsed.search}`,
  };
}

/** A header the request cannot carry (undici rejects the same with UND_ERR_INVALID_ARG). */
export class InvalidHeaderError extends Error {
  readonly code = 'ERR_INVALID_ARG';
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const BAD_VALUE = /[\r\n\0]/;
/** Methods whose request always carries a length, even when empty (as undici sends them). */
const BODY_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);

/**
 * The request line and header lines of one request, without the blank line that ends the head
 * (so a per-request `traceparent` can still be appended). Header names arrive lower-cased.
 */
export function requestHead(
  method: string,
  target: WireTarget,
  headers: Readonly<Record<string, string>>,
  body: string | Uint8Array | undefined,
): string {
  let head = `${method} ${target.path} HTTP/1.1\r\n`;
  if (headers.host === undefined) head += `host: ${target.host}\r\n`;
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    if (!TOKEN.test(name) || BAD_VALUE.test(value)) throw new InvalidHeaderError(`invalid header ${name}`);
    head += `${name}: ${value}\r\n`;
  }
  if (headers['content-length'] === undefined) {
    if (body !== undefined)
      head += `content-length: ${typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength}\r\n`;
    else if (BODY_METHODS.has(method)) head += 'content-length: 0\r\n';
  }
  return head;
}

/**
 * A complete request head as bytes. When traced, it carries a `traceparent` line whose ids
 * (TRACE_AND_SPAN_LENGTH bytes at `traceAt`) are stamped per request into a copy.
 */
export interface HeadBytes {
  readonly bytes: Buffer;
  /** Where the trace id starts; -1 without a traceparent line. */
  readonly traceAt: number;
}

const TRACE_PLACEHOLDER = `${TRACEPARENT_LINE_PREFIX}${'0'.repeat(TRACE_AND_SPAN_LENGTH)}${TRACEPARENT_LINE_SUFFIX}`;

/** `requestHead`'s text ended with the blank line, plus a traceparent line to stamp when `traced`. */
export function headBytes(text: string, traced: boolean): HeadBytes {
  if (!traced) return { bytes: Buffer.from(`${text}\r\n`), traceAt: -1 };
  return {
    bytes: Buffer.from(`${text}${TRACE_PLACEHOLDER}\r\n`),
    traceAt: Buffer.byteLength(text) + TRACEPARENT_LINE_PREFIX.length,
  };
}
