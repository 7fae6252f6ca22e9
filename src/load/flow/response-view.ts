import type { HttpResponse } from '../contracts.js';

/** What a capture or match reads: an HTTP response, or an engine's message (engines/message-view.ts). */
export interface CaptureSource {
  readonly body: string;
  header(name: string): string | undefined;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json(): unknown;
}

/** A response as captures, expectations and hooks read it; JSON is parsed at most once. */
export class ResponseView implements CaptureSource {
  #json: { value: unknown } | undefined;

  constructor(readonly response: HttpResponse) {}

  get status(): number {
    return this.response.status;
  }

  get body(): string {
    return this.response.body ?? '';
  }

  header(name: string): string | undefined {
    const value = this.response.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  /** The body parsed as JSON, or undefined when it is not JSON. */
  json(): unknown {
    if (!this.#json) {
      try {
        this.#json = { value: JSON.parse(this.body) };
      } catch {
        this.#json = { value: undefined };
      }
    }
    return this.#json.value;
  }
}
