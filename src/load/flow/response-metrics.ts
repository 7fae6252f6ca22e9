import type { HttpFailure, HttpResponse, MetricsRecorder } from '../contracts.js';
import { METRIC } from './metric-names.js';

/**
 * Metric names of one endpoint, built once per request step (not per response): Artillery's
 * metrics-by-endpoint names plus perfgate's per-endpoint duration.
 */
export class EndpointMetricNames {
  readonly responseTime: string;
  readonly duration: string;
  readonly #codes = new Map<number, string>();
  readonly #prefix: string;

  constructor(namespace: string, name: string) {
    this.#prefix = `${namespace}.${name}`;
    this.responseTime = `${namespace}.response_time.${name}`;
    this.duration = `${METRIC.endpointDuration}${name}`;
  }

  code(status: number): string {
    let name = this.#codes.get(status);
    if (name === undefined) {
      name = `${this.#prefix}.codes.${status}`;
      this.#codes.set(status, name);
    }
    return name;
  }

  error(code: string): string {
    return `${this.#prefix}.errors.${code}`;
  }
}

const CODE_NAMES = new Map<number, string>();
const CLASS_NAMES = ['1xx', '2xx', '3xx', '4xx', '5xx'].map((name) => `${METRIC.responseTime}.${name}`);

function codeName(status: number): string {
  let name = CODE_NAMES.get(status);
  if (name === undefined) {
    name = `${METRIC.codes}${status}`;
    CODE_NAMES.set(status, name);
  }
  return name;
}

/** Records one response under Artillery's names plus perfgate's honest timings. */
export function recordResponse(
  metrics: MetricsRecorder,
  response: HttpResponse,
  endpoint: EndpointMetricNames | undefined,
): void {
  const { timings, status } = response;
  metrics.counter(METRIC.responses);
  metrics.counter(codeName(status));
  metrics.counter(METRIC.downloadedBytes, response.bytes);
  metrics.summary(METRIC.responseTime, timings.ttfbMs);
  const statusClass = CLASS_NAMES[Math.floor(status / 100) - 1];
  if (statusClass !== undefined) metrics.summary(statusClass, timings.ttfbMs);
  metrics.summary(METRIC.duration, timings.totalMs);
  metrics.summary(METRIC.queued, timings.queuedMs);
  metrics.summary(METRIC.download, timings.downloadMs);
  if (timings.connectMs !== undefined) metrics.summary(METRIC.connect, timings.connectMs);
  if (endpoint) {
    metrics.counter(endpoint.code(status));
    metrics.summary(endpoint.responseTime, timings.ttfbMs);
    metrics.summary(endpoint.duration, timings.totalMs);
  }
}

/** A request that got no response; the VU then fails with `errors.<code>` (counted by the session). */
export function recordFailure(
  metrics: MetricsRecorder,
  failure: HttpFailure,
  endpoint: EndpointMetricNames | undefined,
): void {
  if (endpoint) metrics.counter(endpoint.error(failure.code));
}
