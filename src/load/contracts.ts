/**
 * The seams of the load engine (STYLE.md #1, #8): executors decide *when* an iteration starts,
 * the VU runner decides *what* it does, the HTTP client decides *how* a request is sent, and the
 * metrics recorder decides *where* samples go. Each side is built and tested against these
 * interfaces alone, with stubs for the others.
 *
 * Times are milliseconds as floats. "Test time" is milliseconds since the test's zero (the
 * executor's start on the injected monotonic clock), so schedules are plain numbers.
 */

/** One scheduled start of an iteration (a new VU in Artillery's open model). */
export interface Arrival {
  /** Intended start, test time. Latency is measured from here, never from when it really ran. */
  readonly intendedStartMs: number;
  /** Index of the phase in the script's `config.phases`. */
  readonly phaseIndex: number;
}

/** What the executor hands to the VU side for each iteration. */
export interface IterationContext {
  /** Unique within one generator process (worker); stable for the VU's lifetime. */
  readonly vuId: number;
  /** Intended start of this iteration, test time. */
  readonly intendedStartMs: number;
  readonly phaseIndex: number;
  /** Aborted when the test stops (SIGINT, duration over with no grace left). */
  readonly signal: AbortSignal;
}

/** How an iteration ended, so the executor can count `vusers.completed` / `vusers.failed`. */
export type IterationOutcome = { state: 'completed' } | { state: 'failed'; errorCode: string };

/** The VU side: runs one iteration (a whole scenario for open-model VUs). Must not throw. */
export type IterationFn = (context: IterationContext) => Promise<IterationOutcome>;

/** A request after templating: everything the HTTP client needs, nothing it must compute. */
export interface HttpRequestSpec {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
  /** Absolute URL (target already joined, query string already applied). */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  readonly timeoutMs: number;
  readonly followRedirect: boolean;
  /**
   * Intended start of this request, test time: the iteration's arrival plus the think time
   * scheduled before it. `perfgate.http.duration` runs from here to the last body byte.
   */
  readonly intendedStartMs: number;
  /** Whether the flow will read the body (captures, expect, afterResponse); else it is drained. */
  readonly needsBody: boolean;
  readonly signal?: AbortSignal;
}

/** Phase timings of one request, ms. Artillery's `http.response_time` is `ttfbMs`. */
export interface HttpTimings {
  /** Intended start → the moment the client actually started the request (queue wait, slip). */
  readonly queuedMs: number;
  /** TCP (+TLS) connect, when a new connection was opened for this request. */
  readonly connectMs?: number;
  /** Request fully sent → first response byte (Artillery's meaning of response time). */
  readonly ttfbMs: number;
  /** First byte → last body byte. */
  readonly downloadMs: number;
  /** Intended start → last body byte: `perfgate.http.duration`. */
  readonly totalMs: number;
}

export interface HttpResponse {
  readonly state: 'response';
  readonly status: number;
  /** Lower-case header names; repeated headers joined with ", " (set-cookie kept as an array). */
  readonly headers: Readonly<Record<string, string | string[]>>;
  /** The body as text when `needsBody`, else undefined. */
  readonly body?: string;
  readonly bytes: number;
  readonly timings: HttpTimings;
  /** The W3C trace id sent in `traceparent`, when tracing is on. */
  readonly traceId?: string;
  /** False when the client knows there is no `set-cookie` header (the cookie jar need not read `headers`). */
  readonly hasSetCookie?: boolean;
}

export interface HttpFailure {
  readonly state: 'error';
  /** Stable code as Artillery names it: ECONNREFUSED, ETIMEDOUT, ECONNRESET, EAI_AGAIN… */
  readonly code: string;
  readonly message: string;
  /** Intended start → failure, ms. */
  readonly elapsedMs: number;
  readonly traceId?: string;
}

/** Sends requests through the shared connection pool(s). Owned by `load/http`. */
export interface HttpClient {
  request(spec: HttpRequestSpec): Promise<HttpResponse | HttpFailure>;
  close(): Promise<void>;
}

/**
 * One metric name, or a group of names that always receive the same sample together (an
 * endpoint's response time is also `http.response_time` and its status class's): a recorder
 * may store a group's samples once and fan them out when a window closes. A group must be the
 * same array on every call (built once, like the names themselves).
 */
export type MetricNames = string | readonly string[];

/**
 * Where samples go. Names are Artillery's where compatible (`http.requests`, `http.codes.200`,
 * `errors.ETIMEDOUT`, `vusers.created_by_name.X`, `plugins.metrics-by-endpoint.*`) and
 * `perfgate.*` otherwise. Calls must be cheap and never block (hot path).
 */
export interface MetricsRecorder {
  /** Adds `value` (default 1) to a counter (to each counter of a group). */
  counter(name: MetricNames, value?: number): void;
  /** Records one value (ms for times) into a fixed-memory HDR histogram summary (each of a group's). */
  summary(name: MetricNames, value: number): void;
  /** Counts one event of a per-second rate (e.g. `http.request_rate`). */
  rate(name: string): void;
}
