/**
 * One client connection through the fault proxy. Requests are framed as they arrive and handled
 * one exchange at a time, in order (HTTP/1.1 answers in request order): each request's fate is
 * decided when it reaches the front of the queue, then it is delayed, answered with an injected
 * error, reset, swallowed (black hole) or forwarded; the response bytes go back untouched.
 */
import { connect, type Socket } from 'node:net';
import { HttpFramer, type MessageHead } from './http-framer.js';
import type { Fault } from './model.js';
import { FAULT_HEADER } from './model.js';
import { PacedWriter } from './paced-writer.js';
import { activeFaults, decideFate, type RequestFate } from './schedule.js';

interface QueuedRequest {
  head: MessageHead;
  bytes: Buffer[];
  complete: boolean;
}

/** What one connection needs to know about its proxy. */
export interface ProxyContext {
  readonly upstream: { host: string; port: number };
  readonly faults: readonly Fault[];
  readonly random: () => number;
  /** Ms since `startSchedule()`, or -Infinity before it. */
  elapsedMs(): number;
  /** Ms until `elapsedMs()` reaches `atMs`. */
  msUntil(atMs: number): number;
  count(faults: readonly string[]): void;
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The injected answer: a small JSON body naming the fault; the connection stays open. */
export function injectedResponse(status: number, fault: string): Buffer {
  const body = JSON.stringify({ error: 'injected fault', fault });
  return Buffer.from(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Injected Fault'}\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\n${FAULT_HEADER}: ${fault}\r\n\r\n${body}`,
    'latin1',
  );
}

export class ProxiedConnection {
  readonly #upstream: Socket;
  readonly #writer: PacedWriter;
  readonly #queue: QueuedRequest[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  #exchange: { method: string; bytesPerSecond: number | undefined } | undefined;
  #pendingResponse: { bytes: Buffer; bytesPerSecond: number | undefined } | undefined;
  #raw = false;
  #clientEnded = false;
  readonly #requests: HttpFramer;
  readonly #responses: HttpFramer;

  constructor(
    private readonly client: Socket,
    private readonly context: ProxyContext,
  ) {
    this.#upstream = connect(context.upstream.port, context.upstream.host);
    this.#upstream.setNoDelay(true);
    client.setNoDelay(true);
    this.#writer = new PacedWriter(client);
    this.#requests = new HttpFramer('request', {
      onHead: (head) => this.#queue.push({ head, bytes: [], complete: false }),
      onBytes: (bytes) => {
        const request = this.#queue[this.#queue.length - 1];
        if (request !== undefined) appendJoined(request.bytes, bytes);
      },
      onEnd: (upgraded) => this.#requestComplete(upgraded),
    });
    this.#responses = new HttpFramer(
      'response',
      {
        onHead: () => {},
        onBytes: (bytes) => this.#respond(bytes),
        onEnd: (upgraded) => {
          this.#flushResponse();
          this.#responseComplete(upgraded);
        },
      },
      () => this.#exchange?.method ?? 'GET',
    );
  }

  open(): void {
    const fail = () => this.#destroy();
    this.client.on('data', (chunk: Buffer) => this.#guard(() => this.#fromClient(chunk)));
    this.#upstream.on('data', (chunk: Buffer) => this.#guard(() => this.#fromUpstream(chunk)));
    this.client.on('end', () => {
      this.#clientEnded = true;
      this.#endUpstreamWhenIdle();
    });
    this.#upstream.on('end', () => {
      this.#guard(() => this.#responses.end());
      this.#flushResponse();
      this.#writer.whenDrained(() => this.client.end());
    });
    this.client.on('error', fail);
    this.#upstream.on('error', fail);
    this.client.on('close', fail);
  }

  #guard(work: () => void): void {
    try {
      work();
    } catch {
      // Malformed HTTP: nothing sensible can be forwarded any more.
      this.#destroy();
    }
  }

  // Corked: the slices of one chunk (a head, a body) leave in one write. Split into several small
  // writes they meet Nagle's algorithm and the peer's delayed ACK, and wait ~40 ms.
  #fromClient(chunk: Buffer): void {
    this.#upstream.cork();
    if (this.#raw) this.#upstream.write(chunk);
    else this.#requests.push(chunk);
    this.#upstream.uncork();
  }

  #fromUpstream(chunk: Buffer): void {
    this.client.cork();
    if (this.#raw) this.#writer.write(chunk);
    else this.#responses.push(chunk);
    this.#flushResponse();
    this.client.uncork();
  }

  /**
   * Response bytes are held until the chunk is framed and leave as one write: the framer hands
   * over the head and the body as separate slices of the same chunk, and writing them apart made
   * a writev of two buffers per response, the proxy's largest cost at saturation (profiled).
   */
  #respond(bytes: Buffer): void {
    const bytesPerSecond = this.#exchange?.bytesPerSecond;
    const pending = this.#pendingResponse;
    const joined =
      pending !== undefined && pending.bytesPerSecond === bytesPerSecond
        ? joinAdjacent(pending.bytes, bytes)
        : undefined;
    if (joined !== undefined && pending !== undefined) {
      pending.bytes = joined;
      return;
    }
    this.#flushResponse();
    this.#pendingResponse = { bytes, bytesPerSecond };
  }

  #flushResponse(): void {
    const pending = this.#pendingResponse;
    if (pending === undefined) return;
    this.#pendingResponse = undefined;
    this.#writer.write(pending.bytes, pending.bytesPerSecond);
  }

  #requestComplete(upgraded: boolean): void {
    const request = this.#queue[this.#queue.length - 1];
    if (request !== undefined) request.complete = true;
    // After an upgrade request the rest of the stream is no longer HTTP: pass it as it comes.
    if (upgraded) this.#raw = true;
    this.#next();
  }

  #responseComplete(upgraded: boolean): void {
    if (upgraded) this.#raw = true;
    this.#exchange = undefined;
    this.#next();
    this.#endUpstreamWhenIdle();
  }

  #endUpstreamWhenIdle(): void {
    if (this.#clientEnded && this.#exchange === undefined && this.#queue.length === 0) this.#upstream.end();
  }

  #next(): void {
    const request = this.#queue[0];
    if (this.#exchange !== undefined || request === undefined || !request.complete) return;
    this.#queue.shift();
    const { context } = this;
    const active = activeFaults(context.faults, context.elapsedMs(), request.head);
    const fate = decideFate(active, context.random);
    if (fate.faults.length > 0) context.count(fate.faults);
    this.#exchange = { method: request.head.method, bytesPerSecond: fate.bytesPerSecond };
    if (fate.delayMs > 0) this.#later(fate.delayMs, () => this.#dispatch(request, fate));
    else this.#dispatch(request, fate);
  }

  #dispatch(request: QueuedRequest, fate: RequestFate): void {
    const outcome = fate.outcome;
    if (outcome === undefined) {
      this.#upstream.cork();
      for (const bytes of request.bytes) this.#upstream.write(bytes);
      this.#upstream.uncork();
      return;
    }
    switch (outcome.kind) {
      case 'error':
        this.#writer.write(injectedResponse(outcome.status, outcome.fault), fate.bytesPerSecond);
        this.#exchange = undefined;
        this.#next();
        this.#endUpstreamWhenIdle();
        return;
      case 'reset':
        this.#writer.stop();
        this.client.resetAndDestroy();
        this.#upstream.destroy();
        return;
      case 'blackhole':
        // Nothing is answered; when the fault ends the connection is closed (Toxiproxy's timeout).
        if (Number.isFinite(outcome.untilMs)) {
          this.#later(this.context.msUntil(outcome.untilMs), () => this.#destroy());
        }
        return;
    }
  }

  #later(ms: number, work: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#guard(work);
    }, ms);
    this.#timers.add(timer);
  }

  #destroy(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#writer.stop();
    this.client.destroy();
    this.#upstream.destroy();
  }
}

/** `next` appended to `list`, merged into the last buffer when it directly follows it in memory. */
function appendJoined(list: Buffer[], next: Buffer): void {
  const last = list[list.length - 1];
  const joined = last === undefined ? undefined : joinAdjacent(last, next);
  if (joined === undefined) list.push(next);
  else list[list.length - 1] = joined;
}

/** One view of `a` and `b` when `b` starts where `a` ends in the same memory; else undefined. */
function joinAdjacent(a: Buffer, b: Buffer): Buffer | undefined {
  if (a.buffer !== b.buffer || a.byteOffset + a.length !== b.byteOffset) return undefined;
  return Buffer.from(a.buffer, a.byteOffset, a.length + b.length);
}
