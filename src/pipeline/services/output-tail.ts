import { MAX_LINE_CHARS } from './tunables.js';

export type OutputStream = 'stdout' | 'stderr';

/**
 * The last `capacity` lines a child wrote to stdout and stderr (interleaved in arrival order), for
 * error messages. Chunks are split into lines per stream; each complete line is also handed to
 * `onLine`. A line longer than MAX_LINE_CHARS is cut there.
 */
export class OutputTail {
  readonly #capacity: number;
  readonly #onLine: (line: string, stream: OutputStream) => void;
  readonly #ring: string[] = [];
  #next = 0;
  readonly #partial: Record<OutputStream, string> = { stdout: '', stderr: '' };

  constructor(capacity: number, onLine: (line: string, stream: OutputStream) => void = () => {}) {
    this.#capacity = Math.max(1, capacity);
    this.#onLine = onLine;
  }

  /** Adds a decoded chunk of `stream`. */
  write(stream: OutputStream, chunk: string): void {
    const parts = (this.#partial[stream] + chunk).split(/\r?\n/);
    this.#partial[stream] = parts.pop() ?? '';
    for (const line of parts) this.#push(line, stream);
    if (this.#partial[stream].length > MAX_LINE_CHARS) this.end(stream);
  }

  /** Flushes an unterminated last line of `stream`. */
  end(stream: OutputStream): void {
    const rest = this.#partial[stream];
    this.#partial[stream] = '';
    if (rest !== '') this.#push(rest, stream);
  }

  /** The kept lines, oldest first. */
  lines(): string[] {
    if (this.#ring.length < this.#capacity) return [...this.#ring];
    return [...this.#ring.slice(this.#next), ...this.#ring.slice(0, this.#next)];
  }

  /** The kept lines joined with newlines. */
  text(): string {
    return this.lines().join('\n');
  }

  #push(raw: string, stream: OutputStream): void {
    const line = raw.length > MAX_LINE_CHARS ? `${raw.slice(0, MAX_LINE_CHARS)}…` : raw;
    if (this.#ring.length < this.#capacity) this.#ring.push(line);
    else this.#ring[this.#next] = line;
    this.#next = (this.#next + 1) % this.#capacity;
    this.#onLine(line, stream);
  }
}
