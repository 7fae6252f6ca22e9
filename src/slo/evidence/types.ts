/**
 * What `slo check` reads from finished results: small plain-data interfaces, filled by one reader
 * per result format (artillery.ts for load tests, bench.ts for benchmarks). Adapting to a new
 * result layout means changing one reader, never the compliance maths. Times are in ms.
 */

/**
 * A latency distribution as points of its cumulative distribution: `[ms, share of samples ≤ ms]`,
 * increasing in both coordinates, the first at the minimum and the last at (max, 1).
 * `exact` is true when the points come from the full histogram (bucket resolution), false when
 * they were interpolated from a percentile summary (min, p50, p75, p90, p95, p99, p999, max).
 */
export interface LatencyEvidence {
  /** Which metric the numbers are (`perfgate.http.duration`, `http.response_time`, …). */
  metric: string;
  count: number;
  cdf: ReadonlyArray<readonly [number, number]>;
  exact: boolean;
  /** Percentiles as reported (key `p95` etc.), used as measured values when present. */
  percentiles: Readonly<Record<string, number>>;
}

/** Requests of one scope (whole run, one endpoint or one scenario). */
export interface RequestEvidence {
  /** Requests sent (responses + transport errors). */
  requests: number;
  /** Responses by status code, e.g. `{ '200': 990, '503': 10 }`. */
  codes: Readonly<Record<string, number>>;
  /** Requests that got no response, by Artillery error code (`ETIMEDOUT`, `ECONNREFUSED`…). */
  errors: Readonly<Record<string, number>>;
  /** Latency per metric name, when the result has it for this scope. */
  latency: Readonly<Record<string, LatencyEvidence>>;
}

export interface LoadEvidence {
  kind: 'load';
  /** File name or label, for messages. */
  source: string;
  /** Length of the measured run, when the result says. */
  durationMs?: number;
  whole: RequestEvidence;
  /** Keyed by metrics-by-endpoint name (request name or URL as written). */
  endpoints: Readonly<Record<string, RequestEvidence>>;
  /** Keyed by scenario name; only scenarios the result reports separately. */
  scenarios: Readonly<Record<string, RequestEvidence>>;
  /** Numbers the reader noticed that the user should know (e.g. "histograms absent"). */
  notes: string[];
  /** A distributed run's requests by the region of their generators (`perfgate.regions`). */
  regions?: Readonly<Record<string, RegionEvidence>>;
}

/** One region's share of a load result, scoped as the whole result is. */
export interface RegionEvidence {
  whole: RequestEvidence;
  endpoints: Readonly<Record<string, RequestEvidence>>;
  scenarios: Readonly<Record<string, RequestEvidence>>;
}

export interface BenchmarkEvidence {
  name: string;
  /** Per-iteration times in ms: mean, median, p95, p99, … */
  stats: Readonly<Record<string, number>>;
  /** Operations per second, when known. */
  opsPerSecond?: number;
  memory?: { heapDeltaBytes?: number; heapUsedBytes?: number; rssBytes?: number };
}

export interface BenchEvidence {
  kind: 'bench';
  source: string;
  benchmarks: readonly BenchmarkEvidence[];
}

export type Evidence = LoadEvidence | BenchEvidence;
