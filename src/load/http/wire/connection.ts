import { connect, type Socket } from 'node:net';
import { errorCodeOf } from '../errors.js';
import type { Exchange } from './exchange.js';
import { HttpParseError, ResponseParser, type ResponseSink } from './response-parser.js';

/** What a connection needs from its pool. */
export interface ConnectionHost {
  readonly host: string;
  readonly port: number;
  readonly connectTimeoutMs: number;
  /** Test time now, ms. */
  now(): number;
  /** The exchange's response is complete; the connection is free again if `reusable`. */
  released(connection: WireConnection, exchange: Exchange, reusable: boolean): void;
  /** The exchange got no response; `retryable` when a kept-alive connection closed before any byte. */
  broke(
    connection: WireConnection,
    exchange: Exchange,
    code: string,
    message: string,
    retryable: boolean,
  ): void;
  /** The connection is up (counted against the pool's parallel connects until then). */
  connected(): void;
  /** The connection is gone (closed by either side) and must leave the pool. */
  closed(connection: WireConnection, wasConnecting: boolean): void;
}

/**
 * Every connection reads into this one buffer (net's `onread`): Node's stream machinery (a
 * buffer object, a 'data' event and a next-tick per read) is skipped, ~1 µs per response. Safe
 * because each read is parsed synchronously before the next; nothing keeps a view of it.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

/** Only these are sent again after a kept-alive connection closed under them (RFC 9110 §9.2.2). */
const IDEMPOTENT: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * One keep-alive TCP connection carrying one exchange at a time (pipelining 1). Timeouts use a
 * deadline field and at most one timer per connection that re-arms itself lazily, so a request
 * costs an assignment, not a timer.
 */
export class WireConnection implements ResponseSink {
  readonly #host: ConnectionHost;
  readonly #socket: Socket;
  readonly #parser = new ResponseParser(this);
  #connected = false;
  #connectStartedAt: number;
  #exchange: Exchange | undefined;
  /** Completed exchanges on this connection: a reused one may have been closed by the server. */
  #served = 0;
  #deadline = 0;
  #timer: NodeJS.Timeout | undefined;
  #timerDue = 0;
  #bodyProgressed = false;
  #gone = false;

  constructor(host: ConnectionHost) {
    this.#host = host;
    this.#connectStartedAt = host.now();
    this.#socket = connect({
      host: host.host,
      port: host.port,
      noDelay: true,
      onread: { buffer: READ_BUFFER, callback: this.#onRead },
    });
    this.#socket.on('connect', this.#onConnect);
    this.#socket.on('error', this.#onError);
    this.#socket.on('close', this.#onClose);
    this.#arm(host.connectTimeoutMs);
  }

  get exchange(): Exchange | undefined {
    return this.#exchange;
  }

  /** Sends `exchange` now (or as soon as the connection is up). */
  send(exchange: Exchange): void {
    this.#exchange = exchange;
    if (this.#connected) this.#write(exchange);
  }

  /** Ends the connection and fails its exchange with `code` (abort, client closed). */
  destroy(code: string, message: string): void {
    const exchange = this.#exchange;
    this.#exchange = undefined;
    if (exchange) this.#host.broke(this, exchange, code, message, false);
    this.#close();
  }

  readonly #onConnect = (): void => {
    this.#connected = true;
    const exchange = this.#exchange;
    if (exchange) {
      exchange.connectMs = this.#host.now() - this.#connectStartedAt;
      this.#write(exchange);
    } else this.#deadline = 0;
    this.#host.connected();
  };

  #write(exchange: Exchange): void {
    const now = this.#host.now();
    exchange.lastSentAt = now;
    if (exchange.sentAt < 0) exchange.sentAt = now;
    this.#parser.expect(exchange.isHead);
    this.#arm(exchange.spec.timeoutMs, now);
    const socket = this.#socket;
    if (exchange.body === undefined) {
      socket.write(exchange.head);
      return;
    }
    socket.cork();
    socket.write(exchange.head);
    socket.write(exchange.body);
    socket.uncork();
  }

  /** net's `onread` callback (the bytes are in READ_BUFFER); true: keep reading. */
  readonly #onRead = (bytes: number): boolean => {
    if (!this.#exchange) return true; // nothing asked for (a stray byte after a response): ignore
    try {
      this.#parser.execute(READ_BUFFER.subarray(0, bytes));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.destroy(error instanceof HttpParseError ? error.code : 'EPROTO', message);
    }
    return true;
  };

  onHead(status: number, headerBlock: string): void {
    const exchange = this.#exchange;
    if (!exchange) return;
    exchange.headersAt = this.#host.now();
    exchange.status = status;
    exchange.headerBlock = headerBlock;
    exchange.setCookie = this.#parser.sawSetCookie;
    exchange.contentEncoding = this.#parser.contentEncoding;
    this.#deadline = exchange.headersAt + exchange.spec.timeoutMs;
    this.#bodyProgressed = false;
  }

  onBody(data: Buffer, start: number, end: number): void {
    const exchange = this.#exchange;
    if (!exchange) return;
    exchange.bytes += end - start;
    // The bytes are in the shared read buffer: kept (only when the flow reads the body) as a copy.
    exchange.chunks?.push(Buffer.copyBytesFrom(data, start, end - start));
    // The body timeout restarts with each chunk; the timer reads this flag instead of a clock read per chunk.
    this.#bodyProgressed = true;
  }

  onComplete(keepAlive: boolean): void {
    const exchange = this.#exchange;
    this.#exchange = undefined;
    this.#served++;
    if (!keepAlive) this.#close();
    if (exchange) this.#host.released(this, exchange, keepAlive && !this.#gone);
  }

  readonly #onError = (error: Error): void => {
    this.#fail(errorCodeOf(error), error.message);
  };

  readonly #onClose = (): void => {
    if (this.#parser.busy && this.#parser.finish()) {
      this.#closed();
      return;
    }
    this.#fail('ECONNRESET', 'the server closed the connection');
  };

  #fail(code: string, message: string): void {
    const exchange = this.#exchange;
    this.#exchange = undefined;
    if (exchange) {
      const retryable =
        this.#served > 0 &&
        exchange.headersAt < 0 &&
        (code === 'ECONNRESET' || code === 'EPIPE') &&
        IDEMPOTENT.has(exchange.method);
      this.#host.broke(this, exchange, code, message, retryable);
    }
    this.#close();
  }

  #close(): void {
    if (!this.#gone) this.#socket.destroy();
    this.#closed();
  }

  #closed(): void {
    if (this.#gone) return;
    this.#gone = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#host.closed(this, !this.#connected);
  }

  /** Moves the deadline; starts the connection's timer only if none is pending. */
  #arm(timeoutMs: number, now = this.#host.now()): void {
    const deadline = now + timeoutMs;
    this.#deadline = deadline;
    if (this.#timer !== undefined && this.#timerDue <= deadline) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#schedule(timeoutMs);
  }

  #schedule(ms: number): void {
    this.#timerDue = this.#host.now() + ms;
    this.#timer = setTimeout(this.#onTimer, ms).unref();
  }

  readonly #onTimer = (): void => {
    this.#timer = undefined;
    if (this.#gone || (this.#connected && !this.#exchange) || this.#deadline === 0) return;
    if (this.#bodyProgressed && this.#exchange) {
      this.#bodyProgressed = false;
      this.#deadline = this.#host.now() + this.#exchange.spec.timeoutMs;
    }
    const left = this.#deadline - this.#host.now();
    if (left > 1) {
      this.#schedule(left);
      return;
    }
    if (this.#connected) this.#fail('ETIMEDOUT', 'no response within the request timeout');
    else this.#fail('ETIMEDOUT', 'connect timed out');
  };
}
