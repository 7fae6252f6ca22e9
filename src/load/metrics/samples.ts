import type { HttpFailure, HttpRequestSpec, HttpResponse } from '../contracts.js';

/** One request kept for log correlation: find it in the target's logs by its trace id. */
export interface RequestSample {
  readonly traceId?: string;
  readonly method: string;
  readonly url: string;
  readonly status?: number;
  readonly error?: string;
  /** `perfgate.http.duration` of the request (intended start → end), ms. */
  readonly durationMs: number;
  /** Test time of its intended start, ms. */
  readonly intendedStartMs: number;
}

export interface RequestSamples {
  readonly slowest: RequestSample[];
  readonly failed: RequestSample[];
}

/** Responses from this status up are kept as failed samples (with transport errors). */
export const FAILED_STATUS = 400;

/** How many slowest and failed requests a run keeps (bounded memory). */
export const DEFAULT_SAMPLE_SIZE = 10;

/**
 * Keeps the slowest requests and the first failed ones (transport errors and 4xx/5xx responses): an observer the HTTP client calls as
 * each request settles (no wrapper promise per request). The common case — a request not
 * slower than the slowest kept — costs one compare.
 */
export class RequestSampler {
  readonly #slowest: RequestSample[] = [];
  readonly #failed: RequestSample[] = [];
  #threshold = -1;

  constructor(readonly size = DEFAULT_SAMPLE_SIZE) {}

  readonly observe = (spec: HttpRequestSpec, result: HttpResponse | HttpFailure): void => {
    if (result.state === 'error') {
      if (this.#failed.length < this.size) this.#failed.push(sampleOf(spec, result, result.elapsedMs));
      return;
    }
    // A 4xx/5xx response is a failed request too: it is what a reader looks up by trace id.
    if (result.status >= FAILED_STATUS && this.#failed.length < this.size)
      this.#failed.push(sampleOf(spec, result, result.timings.totalMs));
    if (result.timings.totalMs > this.#threshold)
      this.#keepSlow(sampleOf(spec, result, result.timings.totalMs));
  };

  #keepSlow(sample: RequestSample): void {
    const list = this.#slowest;
    list.push(sample);
    list.sort((a, b) => b.durationMs - a.durationMs);
    if (list.length > this.size) list.length = this.size;
    if (list.length === this.size) this.#threshold = list[list.length - 1]?.durationMs ?? -1;
  }

  samples(): RequestSamples {
    return { slowest: [...this.#slowest], failed: [...this.#failed] };
  }
}

function sampleOf(
  spec: HttpRequestSpec,
  result: HttpResponse | HttpFailure,
  durationMs: number,
): RequestSample {
  const base = {
    method: spec.method,
    url: spec.url,
    durationMs: Math.round(durationMs * 1000) / 1000,
    intendedStartMs: Math.round(spec.intendedStartMs * 1000) / 1000,
    ...(result.traceId === undefined ? {} : { traceId: result.traceId }),
  };
  return result.state === 'error' ? { ...base, error: result.code } : { ...base, status: result.status };
}

/** Samples of several generators: the slowest overall, failures up to the bound. */
export function mergeSamples(all: readonly RequestSamples[], size = DEFAULT_SAMPLE_SIZE): RequestSamples {
  const slowest = all.flatMap((s) => s.slowest).sort((a, b) => b.durationMs - a.durationMs);
  const failed = all.flatMap((s) => s.failed);
  return { slowest: slowest.slice(0, size), failed: failed.slice(0, size) };
}
