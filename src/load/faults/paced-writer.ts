/**
 * Writes to the client socket in order, pacing the bytes of a bandwidth-limited response
 * (Toxiproxy's `bandwidth` toxic): every TICK_MS it sends at most rate × TICK_MS of them.
 */
import type { Socket } from 'node:net';

const TICK_MS = 50;

interface Pending {
  bytes: Buffer;
  bytesPerSecond: number | undefined;
}

export class PacedWriter {
  #queue: Pending[] = [];
  #timer: NodeJS.Timeout | undefined;
  #drained: (() => void)[] = [];

  constructor(private readonly socket: Socket) {}

  /** Queues `bytes`; unpaced bytes behind nothing are written at once. */
  write(bytes: Buffer, bytesPerSecond?: number): void {
    if (this.socket.destroyed) return;
    if (bytesPerSecond === undefined && this.#queue.length === 0) {
      this.socket.write(bytes);
      return;
    }
    this.#queue.push({ bytes, bytesPerSecond });
    if (this.#timer === undefined) this.#flush();
  }

  /** Runs `then` once everything queued so far is written. */
  whenDrained(then: () => void): void {
    if (this.#queue.length === 0) then();
    else this.#drained.push(then);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#queue = [];
  }

  #flush(): void {
    this.#timer = undefined;
    while (this.#queue.length > 0 && !this.socket.destroyed) {
      const head = this.#queue[0] as Pending;
      if (head.bytesPerSecond === undefined) {
        this.socket.write(head.bytes);
        this.#queue.shift();
        continue;
      }
      const allowance = Math.max(1, Math.floor((head.bytesPerSecond * TICK_MS) / 1000));
      this.socket.write(head.bytes.subarray(0, allowance));
      if (head.bytes.length > allowance) head.bytes = head.bytes.subarray(allowance);
      else this.#queue.shift();
      this.#timer = setTimeout(() => this.#flush(), TICK_MS);
      return;
    }
    for (const then of this.#drained.splice(0)) then();
  }
}
