/**
 * HTTP/1.1 message framing for the fault proxy: where each request and response starts and ends
 * in a byte stream (RFC 9112 §6: Content-Length, chunked, until close, no body), without
 * re-encoding anything. The proxy needs only the boundaries and the request line, so the bytes
 * pass through untouched; node:http would parse and re-serialise every message.
 */

export interface MessageHead {
  /** Request: method; response: ''. */
  method: string;
  /** Request: target (path and query); response: ''. */
  target: string;
  /** Response: status code; request: 0. */
  status: number;
  headers: ReadonlyMap<string, string>;
}

export interface FramerEvents {
  /** Called when a head is complete, before its bytes are passed to `onBytes`. */
  onHead(head: MessageHead): void;
  /** Bytes of the current message (head included), in order. */
  onBytes(bytes: Buffer): void;
  /** The current message ended; `upgraded`: the connection now carries another protocol. */
  onEnd(upgraded: boolean): void;
}

type BodyState =
  | { kind: 'head' }
  | { kind: 'length'; remaining: number }
  | { kind: 'chunk-size' }
  | { kind: 'chunk-data'; remaining: number }
  | { kind: 'chunk-crlf'; remaining: number }
  | { kind: 'trailers' }
  | { kind: 'until-close' }
  | { kind: 'raw' };

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
/** Larger heads are refused, as Node's default `maxHeaderSize` does. */
export const MAX_HEAD_BYTES = 16 * 1024;

export class HttpFramingError extends Error {}

function parseHead(text: string, kind: 'request' | 'response'): MessageHead {
  const lines = text.split('\r\n');
  const start = (lines[0] ?? '').split(' ');
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  if (kind === 'request') {
    if (start.length < 3) throw new HttpFramingError(`bad request line: ${lines[0]}`);
    return { method: start[0] ?? '', target: start[1] ?? '', status: 0, headers };
  }
  const status = Number(start[1]);
  if (!Number.isInteger(status)) throw new HttpFramingError(`bad status line: ${lines[0]}`);
  return { method: '', target: '', status, headers };
}

/**
 * Frames one direction of a connection. For responses, `requestMethod()` names the method of the
 * request being answered (HEAD responses have no body).
 */
export class HttpFramer {
  #state: BodyState = { kind: 'head' };
  #pending: Buffer = Buffer.alloc(0);

  constructor(
    private readonly kind: 'request' | 'response',
    private readonly events: FramerEvents,
    private readonly requestMethod: () => string = () => 'GET',
  ) {}

  /** Feeds bytes as they arrive; throws `HttpFramingError` on a malformed message. */
  push(chunk: Buffer): void {
    let data = this.#pending.length > 0 ? Buffer.concat([this.#pending, chunk]) : chunk;
    this.#pending = Buffer.alloc(0);
    while (data.length > 0) {
      const used = this.#step(data);
      if (used === 0) {
        this.#pending = data;
        return;
      }
      data = data.subarray(used);
    }
  }

  /** The peer closed: ends a response delimited by the close. */
  end(): void {
    if (this.#state.kind === 'until-close') this.#finish(false);
  }

  #finish(upgraded: boolean): void {
    this.#state = upgraded ? { kind: 'raw' } : { kind: 'head' };
    this.events.onEnd(upgraded);
  }

  /** Consumes a prefix of `data`; 0 when more bytes are needed first. */
  #step(data: Buffer): number {
    const state = this.#state;
    switch (state.kind) {
      case 'head':
        return this.#head(data);
      case 'raw':
      case 'until-close':
        this.events.onBytes(data);
        return data.length;
      case 'length':
      case 'chunk-data':
      case 'chunk-crlf':
        return this.#counted(data, state);
      case 'chunk-size':
      case 'trailers':
        return this.#line(data, state.kind);
    }
  }

  #head(data: Buffer): number {
    const end = data.indexOf(HEAD_END);
    if (end === -1) {
      if (data.length > MAX_HEAD_BYTES) throw new HttpFramingError('message head too large');
      return 0;
    }
    const length = end + HEAD_END.length;
    const head = parseHead(data.subarray(0, end).toString('latin1'), this.kind);
    this.events.onHead(head);
    this.events.onBytes(data.subarray(0, length));
    this.#afterHead(head);
    return length;
  }

  #afterHead(head: MessageHead): void {
    const encoding = head.headers.get('transfer-encoding')?.toLowerCase() ?? '';
    const length = head.headers.get('content-length');
    if (this.kind === 'response') {
      if (head.status === 101) {
        this.#finish(true);
        return;
      }
      // Interim responses (100 Continue) precede the real one on the same exchange.
      if (head.status >= 100 && head.status < 200) return;
      if (head.status === 204 || head.status === 304 || this.requestMethod() === 'HEAD') {
        this.#finish(false);
        return;
      }
    }
    if (encoding.endsWith('chunked')) {
      this.#state = { kind: 'chunk-size' };
    } else if (length !== undefined) {
      const remaining = Number(length);
      if (!Number.isSafeInteger(remaining) || remaining < 0) {
        throw new HttpFramingError(`bad content-length: ${length}`);
      }
      if (remaining === 0) this.#finish(false);
      else this.#state = { kind: 'length', remaining };
    } else if (this.kind === 'response') {
      this.#state = { kind: 'until-close' };
    } else {
      this.#finish(false);
    }
  }

  #counted(data: Buffer, state: { kind: 'length' | 'chunk-data' | 'chunk-crlf'; remaining: number }): number {
    const take = Math.min(state.remaining, data.length);
    this.events.onBytes(data.subarray(0, take));
    const remaining = state.remaining - take;
    if (remaining > 0) {
      this.#state = { kind: state.kind, remaining };
    } else if (state.kind === 'length') {
      this.#finish(false);
    } else if (state.kind === 'chunk-data') {
      this.#state = { kind: 'chunk-crlf', remaining: 2 };
    } else {
      this.#state = { kind: 'chunk-size' };
    }
    return take;
  }

  /** A chunk-size line, or one trailer line (the empty one ends the message). */
  #line(data: Buffer, kind: 'chunk-size' | 'trailers'): number {
    const end = data.indexOf(CRLF);
    if (end === -1) {
      if (data.length > MAX_HEAD_BYTES) throw new HttpFramingError('chunk line too long');
      return 0;
    }
    const length = end + CRLF.length;
    const line = data.subarray(0, end).toString('latin1');
    this.events.onBytes(data.subarray(0, length));
    if (kind === 'trailers') {
      if (line === '') this.#finish(false);
      return length;
    }
    const size = Number.parseInt(line.split(';')[0]?.trim() ?? '', 16);
    if (!Number.isSafeInteger(size) || size < 0) throw new HttpFramingError(`bad chunk size: ${line}`);
    this.#state = size === 0 ? { kind: 'trailers' } : { kind: 'chunk-data', remaining: size };
    return length;
  }
}
