import { type ConnectionHost, WireConnection } from './connection.js';
import type { Exchange } from './exchange.js';

/** What a pool reports back to its client. */
export interface PoolOwner {
  now(): number;
  responded(exchange: Exchange): void;
  failed(exchange: Exchange, code: string, message: string): void;
}

/**
 * New connections being opened at once, per origin. Past this a request waits for the next free
 * connection instead: after a burst of arrivals (or a stall) opening one connection per waiting
 * request costs more than the requests, makes the stall longer, and leaves thousands of idle
 * sockets behind. Waiting still counts in each request's queued time.
 */
export const MAX_PARALLEL_CONNECTS = 16;

/** Compact the wait queue once this many served entries sit at its front. */
const QUEUE_COMPACT_AT = 1_024;

/**
 * The keep-alive connections to one origin (`host:port`), at most `limit` of them (`http.pool`
 * or `http.maxSockets`; unlimited otherwise). A request takes the most recently freed idle
 * connection, else opens one under the limit, else waits in FIFO order.
 */
export class OriginPool implements ConnectionHost {
  readonly #owner: PoolOwner;
  readonly #limit: number;
  readonly #idle: WireConnection[] = [];
  readonly #all = new Set<WireConnection>();
  #connecting = 0;
  #waiting: Exchange[] = [];
  #waitingHead = 0;

  constructor(
    owner: PoolOwner,
    readonly host: string,
    readonly port: number,
    limit: number,
    readonly connectTimeoutMs: number,
  ) {
    this.#owner = owner;
    this.#limit = limit;
  }

  now(): number {
    return this.#owner.now();
  }

  send(exchange: Exchange): void {
    const idle = this.#idle.pop();
    if (idle) idle.send(exchange);
    else if (this.#canOpen()) this.#open().send(exchange);
    else this.#waiting.push(exchange);
  }

  connected(): void {
    this.#connecting--;
    // Requests queued behind the connect limit: open more while there is room.
    while (this.#waitingHead < this.#waiting.length && this.#canOpen()) {
      const next = this.#nextWaiting();
      if (next) this.#open().send(next);
    }
  }

  #canOpen(): boolean {
    return this.#all.size < this.#limit && this.#connecting < MAX_PARALLEL_CONNECTS;
  }

  released(connection: WireConnection, exchange: Exchange, reusable: boolean): void {
    if (reusable) {
      const next = this.#nextWaiting();
      if (next) connection.send(next);
      else this.#idle.push(connection);
    }
    this.#owner.responded(exchange);
  }

  broke(
    _connection: WireConnection,
    exchange: Exchange,
    code: string,
    message: string,
    retryable: boolean,
  ): void {
    // A kept-alive connection the server had just closed: the request never reached it, so it
    // is sent once more on a fresh connection (what browsers and undici's retry handler do).
    if (retryable && !exchange.retried) {
      exchange.retried = true;
      exchange.resetResponse();
      queueMicrotask(() => this.send(exchange));
      return;
    }
    this.#owner.failed(exchange, code, message);
  }

  closed(connection: WireConnection, wasConnecting: boolean): void {
    this.#all.delete(connection);
    if (wasConnecting) this.#connecting--;
    const at = this.#idle.indexOf(connection);
    if (at >= 0) this.#idle.splice(at, 1);
    const next = this.#canOpen() ? this.#nextWaiting() : undefined;
    if (next) this.#open().send(next);
  }

  /** Fails every exchange of `signal` (queued or in flight) with ABORTED; others go on. */
  abort(signal: AbortSignal, message: string): void {
    const keep: Exchange[] = [];
    for (let i = this.#waitingHead; i < this.#waiting.length; i++) {
      const exchange = this.#waiting[i];
      if (!exchange) continue;
      if (exchange.spec.signal === signal) this.#owner.failed(exchange, 'ABORTED', message);
      else keep.push(exchange);
    }
    this.#waiting = keep;
    this.#waitingHead = 0;
    for (const connection of [...this.#all]) {
      if (connection.exchange?.spec.signal === signal) connection.destroy('ABORTED', message);
    }
  }

  /** Fails everything and closes every connection. */
  destroy(message: string): void {
    const waiting = this.#waiting.slice(this.#waitingHead);
    this.#waiting = [];
    this.#waitingHead = 0;
    for (const exchange of waiting) this.#owner.failed(exchange, 'ABORTED', message);
    for (const connection of [...this.#all]) connection.destroy('ABORTED', message);
  }

  #open(): WireConnection {
    const connection = new WireConnection(this);
    this.#all.add(connection);
    this.#connecting++;
    return connection;
  }

  #nextWaiting(): Exchange | undefined {
    if (this.#waitingHead >= this.#waiting.length) return undefined;
    const next = this.#waiting[this.#waitingHead];
    this.#waiting[this.#waitingHead] = undefined as unknown as Exchange;
    this.#waitingHead++;
    if (this.#waitingHead >= QUEUE_COMPACT_AT && this.#waitingHead * 2 >= this.#waiting.length) {
      this.#waiting = this.#waiting.slice(this.#waitingHead);
      this.#waitingHead = 0;
    } else if (this.#waitingHead === this.#waiting.length) {
      this.#waiting.length = 0;
      this.#waitingHead = 0;
    }
    return next;
  }
}
