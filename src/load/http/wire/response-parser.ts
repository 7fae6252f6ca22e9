import { contentLength, headerValue, namedAt, statusOf, trimEnd, trimStart } from './head-text.js';

/** Where the parser hands what it read: one response at a time (pipelining 1). */
export interface ResponseSink {
  /** The final (non-1xx) status line and header block, as latin1 text without the blank line. */
  onHead(status: number, headerBlock: string): void;
  /**
   * Body bytes `start`…`end` of `data`, de-chunked. Only valid during the call (`data` is the
   * socket's read buffer): copy what must be kept.
   */
  onBody(data: Buffer, start: number, end: number): void;
  /** The response ended; `keepAlive` says whether the connection may carry another request. */
  onComplete(keepAlive: boolean): void;
}

enum State {
  Idle,
  Head,
  Length,
  ChunkSize,
  ChunkData,
  ChunkEnd,
  Trailer,
  UntilClose,
}

const HEAD_END_TEXT = '\r\n\r\n';
const HEAD_END = Buffer.from(HEAD_END_TEXT);
/** How much of a read is searched as text for the end of the head before falling back to bytes. */
const HEAD_SCAN_BYTES = 4096;
/** `#scanFraming`'s answer for a chunked body. */
const CHUNKED = -2;
/** A response head larger than this is refused (undici's default max header size is 16 KiB). */
const MAX_HEAD_BYTES = 64 * 1024;
const LF = 10;
const CR = 13;

export class HttpParseError extends Error {
  readonly code = 'HPE_INVALID_RESPONSE';
}

/**
 * A minimal HTTP/1.1 response parser for the plain-http client: status line, the three headers
 * that frame the body (content-length, transfer-encoding, connection), chunked and
 * read-until-close bodies. Everything else in the head is kept as text and parsed only if the
 * flow reads a header. Works on the socket's buffers in place; copies only a head split across
 * reads.
 */
export class ResponseParser {
  #state = State.Idle;
  #sink: ResponseSink;
  #pendingHead: Buffer | undefined;
  #line = '';
  #partialLine = '';
  #remaining = 0;
  /** While scanning a head: its content length, CHUNKED, or -1. */
  #length = -1;
  #keepAlive = true;
  #noBody = false;
  /** Whether the last response head had a set-cookie header (found while scanning for framing). */
  sawSetCookie = false;
  /** The last response head's content-encoding value (found while scanning), or undefined. */
  contentEncoding: string | undefined;

  constructor(sink: ResponseSink) {
    this.#sink = sink;
  }

  /** Prepares for the response to the request just sent (HEAD responses carry no body). */
  expect(isHead: boolean): void {
    this.#state = State.Head;
    this.#noBody = isHead;
    this.#pendingHead = undefined;
    this.#partialLine = '';
  }

  /** Whether a response is partly read (the connection closing now cuts it short). */
  get busy(): boolean {
    return this.#state !== State.Idle;
  }

  /** The peer closed the connection: ends a read-until-close body; false if a response was cut short. */
  finish(): boolean {
    if (this.#state !== State.UntilClose) return this.#state === State.Idle;
    this.#complete();
    return true;
  }

  execute(data: Buffer): void {
    let offset = 0;
    while (offset < data.length && this.#state !== State.Idle) {
      switch (this.#state) {
        case State.Head:
          offset = this.#readHead(data, offset);
          break;
        case State.Length:
          offset = this.#readLength(data, offset);
          break;
        case State.ChunkSize:
          offset = this.#readChunkSize(data, offset);
          break;
        case State.ChunkData:
          offset = this.#readChunkData(data, offset);
          break;
        case State.ChunkEnd:
          offset = this.#readLine(data, offset);
          if (offset >= 0) this.#state = State.ChunkSize;
          break;
        case State.Trailer:
          offset = this.#readTrailer(data, offset);
          break;
        case State.UntilClose:
          this.#sink.onBody(data, offset, data.length);
          offset = data.length;
          break;
      }
      if (offset < 0) return;
    }
  }

  #readHead(data: Buffer, offset: number): number {
    if (this.#pendingHead === undefined) {
      // The usual case, a whole head in one read: searched as latin1 text (kept as text anyway),
      // a string search being cheaper than Buffer#indexOf's call into C++.
      const scanned = Math.min(data.length, offset + HEAD_SCAN_BYTES);
      const text = data.toString('latin1', offset, scanned);
      const end = text.indexOf(HEAD_END_TEXT);
      if (end >= 0) {
        this.#onHeadText(text, end);
        return offset + end + HEAD_END_TEXT.length;
      }
    }
    return this.#readSplitHead(data, offset);
  }

  /** A head split across reads, or longer than HEAD_SCAN_BYTES: gathered as bytes. */
  #readSplitHead(data: Buffer, offset: number): number {
    let buffer = data;
    let start = offset;
    const carried = this.#pendingHead?.length ?? 0;
    if (this.#pendingHead) {
      buffer = Buffer.concat([this.#pendingHead, data.subarray(offset)]);
      start = 0;
      this.#pendingHead = undefined;
    }
    const end = buffer.indexOf(HEAD_END, start);
    if (end < 0) {
      if (buffer.length - start > MAX_HEAD_BYTES) throw new HttpParseError('response head too large');
      this.#pendingHead = Buffer.from(buffer.subarray(start));
      return -1;
    }
    const head = buffer.toString('latin1', start, end);
    this.#onHeadText(head, head.length);
    return offset + end + HEAD_END.length - carried - start;
  }

  /**
   * The head is `text` up to `headEnd` (text may run on into the body): scanned in place, since
   * a sliced string's characters read slower than the flat text's.
   */
  #onHeadText(text: string, headEnd: number): void {
    if (!text.startsWith('HTTP/1.')) throw new HttpParseError('not an HTTP/1.x response');
    const status = statusOf(text, headEnd);
    if (status < 100) throw new HttpParseError('bad status line');
    if (status < 200) {
      if (status === 101) throw new HttpParseError('unexpected protocol upgrade');
      return; // 1xx informational: the real response follows (state stays Head)
    }
    // HTTP/1.0 closes unless it says keep-alive.
    const length = this.#scanFraming(text, headEnd, text.charCodeAt(7) !== 48);
    this.#sink.onHead(status, headEnd === text.length ? text : text.slice(0, headEnd));
    if (this.#noBody || status === 204 || status === 304) this.#complete();
    else if (length === CHUNKED) this.#state = State.ChunkSize;
    else if (length >= 0) {
      this.#remaining = length;
      if (length === 0) this.#complete();
      else this.#state = State.Length;
    } else {
      this.#keepAlive = false;
      this.#state = State.UntilClose;
    }
  }

  /**
   * Reads the headers that frame the body (and notes set-cookie); sets `#keepAlive`. Returns the
   * content length, CHUNKED, or -1 when the body runs until the connection closes.
   */
  #scanFraming(head: string, headEnd: number, keepAliveByDefault: boolean): number {
    this.#keepAlive = keepAliveByDefault;
    this.#length = -1;
    this.sawSetCookie = false;
    this.contentEncoding = undefined;
    let lineEnd = head.indexOf('\r\n');
    while (lineEnd >= 0 && lineEnd < headEnd) {
      const start = lineEnd + 2;
      lineEnd = head.indexOf('\r\n', start);
      if (lineEnd > headEnd) lineEnd = headEnd;
      // Only names starting with c, t or s matter (content-length, connection, transfer-encoding, set-cookie).
      const first = head.charCodeAt(start) | 0x20;
      if (first !== 99 && first !== 116 && first !== 115) continue;
      const end = lineEnd < 0 ? headEnd : lineEnd;
      const colon = head.indexOf(':', start);
      if (colon > 0 && colon < end) this.#framingHeader(head, start, colon, end);
    }
    const length = this.#length;
    if (length !== CHUNKED && length !== -1 && !(Number.isInteger(length) && length >= 0))
      throw new HttpParseError('bad content-length');
    return length;
  }

  /** One header line (`start`…`end`, name ending at `colon`): the framing ones set their field. */
  #framingHeader(head: string, start: number, colon: number, end: number): void {
    // Names are compared in place: no substring or lower-cased copy per header line.
    const nameLength = colon - start;
    if (nameLength === 14 && namedAt(head, start, 'content-length')) {
      if (this.#length !== CHUNKED) this.#length = contentLength(head, colon + 1, end);
    } else if (nameLength === 17 && namedAt(head, start, 'transfer-encoding')) {
      if (headerValue(head, colon, end).endsWith('chunked')) this.#length = CHUNKED;
    } else if (nameLength === 10 && namedAt(head, start, 'connection')) {
      const from = trimStart(head, colon + 1, end);
      const to = trimEnd(head, from, end);
      const keepAlive = to - from === 10 && namedAt(head, from, 'keep-alive');
      const close = to - from === 5 && namedAt(head, from, 'close');
      this.#keepAlive = keepAlive || (this.#keepAlive && !close);
    } else if (nameLength === 10 && namedAt(head, start, 'set-cookie')) {
      this.sawSetCookie = true;
    } else if (nameLength === 16 && namedAt(head, start, 'content-encoding')) {
      this.contentEncoding = headerValue(head, colon, end);
    }
  }

  #readLength(data: Buffer, offset: number): number {
    const available = data.length - offset;
    if (available <= this.#remaining) {
      this.#sink.onBody(data, offset, data.length);
      this.#remaining -= available;
      if (this.#remaining === 0) this.#complete();
      return data.length;
    }
    const end = offset + this.#remaining;
    this.#sink.onBody(data, offset, end);
    this.#remaining = 0;
    this.#complete();
    return end;
  }

  #readChunkSize(data: Buffer, offset: number): number {
    const next = this.#readLine(data, offset);
    if (next < 0) return next;
    const size = Number.parseInt(this.#line, 16);
    if (!Number.isInteger(size) || size < 0) throw new HttpParseError('bad chunk size');
    if (size === 0) this.#state = State.Trailer;
    else {
      this.#remaining = size;
      this.#state = State.ChunkData;
    }
    return next;
  }

  #readChunkData(data: Buffer, offset: number): number {
    const end = Math.min(data.length, offset + this.#remaining);
    this.#sink.onBody(data, offset, end);
    this.#remaining -= end - offset;
    if (this.#remaining === 0) this.#state = State.ChunkEnd;
    return end;
  }

  #readTrailer(data: Buffer, offset: number): number {
    const next = this.#readLine(data, offset);
    if (next >= 0 && this.#line === '') this.#complete();
    return next;
  }

  /** Reads up to and including the next LF into `#line` (without CR LF); -1 when it needs more data. */
  #readLine(data: Buffer, offset: number): number {
    const lf = data.indexOf(LF, offset);
    const end = lf < 0 ? data.length : lf;
    const text = this.#partialLine + data.toString('latin1', offset, end);
    if (lf < 0) {
      this.#partialLine = text;
      return -1;
    }
    this.#partialLine = '';
    this.#line = text.charCodeAt(text.length - 1) === CR ? text.slice(0, -1) : text;
    const semicolon = this.#line.indexOf(';');
    if (semicolon >= 0) this.#line = this.#line.slice(0, semicolon).trim();
    return lf + 1;
  }

  #complete(): void {
    this.#state = State.Idle;
    this.#sink.onComplete(this.#keepAlive);
  }
}
