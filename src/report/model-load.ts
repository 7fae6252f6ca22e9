/** The load-test part of the RunReport (see model.ts): latency, windows, endpoints, scenarios, health. */
import { z } from 'zod';
import { count, finite } from './model-numbers.js';

export const latencySummarySchema = z.object({
  /** Which measurement: perfgate.http.duration (from intended start) or http.response_time (TTFB). */
  metric: z.string(),
  count,
  min: finite,
  max: finite,
  mean: finite,
  p50: finite,
  p75: finite.optional(),
  p90: finite.optional(),
  p95: finite,
  p99: finite,
  p999: finite.optional(),
});
export type LatencySummary = z.infer<typeof latencySummarySchema>;

/**
 * One reporting window (Artillery's `intermediate` entry). A window in which no response
 * completed has no p50/p95/p99 at all — a gap, never 0 or the previous value; a window in which
 * nothing happened (absent from `intermediate`) is listed with zero counts and no percentiles.
 */
const GAP = 'ms; absent when no response completed in the window: a gap, never 0 or the previous value';

export const windowPointSchema = z.object({
  /** Start of the window, epoch ms. */
  at: finite,
  /** Length the window covered, seconds (the last one may be shorter). */
  seconds: finite.optional(),
  /** perfgate.http.duration percentiles (ms) of the responses that completed in the window. */
  p50: finite.optional().describe(GAP),
  p95: finite.optional().describe(GAP),
  p99: finite.optional().describe(GAP),
  /** Requests started in the window. */
  requests: count,
  /** Requests started per second over the window. */
  rps: finite,
  /** Failed requests completed in the window: 5xx responses plus transport errors. */
  errors: count,
  /** Responses completed in the window by status class ("2xx", "4xx"…). */
  statusClasses: z.record(z.string(), count).optional(),
  /** The window's failed requests by code: transport error codes and "HTTP 5xx" statuses. */
  errorCodes: z.record(z.string(), count).optional(),
  /** Virtual users active in the window (Gatling's active users): running at its start + started in it. */
  vusersActive: count.optional(),
});
export type WindowPoint = z.infer<typeof windowPointSchema>;

export const endpointRowSchema = z.object({
  name: z.string(),
  /** HTTP method, when the results record it per request (perfgate ≥ per-request metrics). */
  method: z.string().optional(),
  count,
  /** Failed requests of the endpoint: 5xx responses plus transport errors. */
  errors: count.optional(),
  p50: finite,
  p95: finite,
  p99: finite,
  max: finite,
});
export type EndpointRow = z.infer<typeof endpointRowSchema>;

export const sampleRequestSchema = z.object({
  kind: z.enum(['slowest', 'failed']),
  name: z.string(),
  status: z.number().int().optional(),
  durationMs: finite.optional(),
  error: z.string().optional(),
  /** W3C trace id, to find the request in the target's logs. */
  traceId: z.string().optional(),
  /** Start of the response body, as received (untrusted text). */
  snippet: z.string().optional(),
});

/** What one scenario of a load test did (Gatling's per-scenario view). */
export const scenarioRowSchema = z.object({
  name: z.string(),
  vusersCreated: count,
  vusersCompleted: count,
  vusersFailed: count,
  /** Session length (ms, from the arrival's intended start to the end of its flow) of completed VUs. */
  sessionLength: latencySummarySchema.optional(),
  requests: count,
  /** Failed requests: 5xx responses plus transport errors. */
  errors: count,
  endpoints: z.array(endpointRowSchema),
});
export type ScenarioRow = z.infer<typeof scenarioRowSchema>;

export const generatorHealthSchema = z.object({
  maxEventLoopLagMs: finite.optional(),
  /** p99 of how late iterations started against their intended start. */
  scheduleSlipP99Ms: finite.optional(),
  meanCpuPercent: finite.optional(),
  maxCpuPercent: finite.optional(),
  saturated: z.boolean(),
  warnings: z.array(z.string()),
});
export type GeneratorHealth = z.infer<typeof generatorHealthSchema>;

/** One region of a distributed load test (its generators' requests merged exactly). */
export const regionRowSchema = z.object({
  name: z.string(),
  /** Segments (`I/N`) that ran in this region. */
  segments: z.array(z.string()),
  requests: count,
  errors: count,
  p50: finite.optional(),
  p95: finite.optional(),
  p99: finite.optional(),
  max: finite.optional(),
});
export type RegionRow = z.infer<typeof regionRowSchema>;

export const loadTestSchema = z.object({
  name: z.string(),
  source: z.string().optional(),
  startedAt: finite.optional(),
  durationMs: finite.optional(),
  /** Requests sent (Artillery's http.requests). */
  requests: count,
  /** Failed requests: 5xx responses plus transport errors (the availability SLI's bad events). */
  errors: count,
  rps: finite.optional(),
  /** Virtual users: created, completed, failed (Artillery's vusers.*). */
  vusers: z.object({ created: count, completed: count, failed: count }).optional(),
  /** The headline latency: perfgate.http.duration (from intended start) when present. */
  latency: latencySummarySchema.optional(),
  /** Time to first byte (Artillery's http.response_time), when the headline is the full duration. */
  ttfb: latencySummarySchema.optional(),
  /** Width of the reporting windows (ms). */
  intervalMs: finite.optional(),
  series: z.array(windowPointSchema),
  /** The headline latency's distribution: sample counts per latency range (ms). */
  histogram: z.array(z.object({ fromMs: finite, toMs: finite, count })).optional(),
  scenarios: z.array(scenarioRowSchema).optional(),
  /** The latency distribution as (percentile, ms) points, e.g. from the HDR histogram. */
  percentileCurve: z.array(z.object({ percentile: finite, valueMs: finite })),
  endpoints: z.array(endpointRowSchema),
  statusCodes: z.array(z.object({ code: z.string(), count })),
  errorCodes: z.array(z.object({ code: z.string(), count, message: z.string().optional() })),
  health: generatorHealthSchema.optional(),
  samples: z.array(sampleRequestSchema),
  /** A multi-region run's latency per region, next to the whole (`latency`). */
  regions: z.array(regionRowSchema).optional(),
});
export type LoadTest = z.infer<typeof loadTestSchema>;
