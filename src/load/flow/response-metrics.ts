import type { HttpFailure, HttpResponse, MetricsRecorder } from '../contracts.js';
import { METRIC } from './metric-names.js';

/** The metric groups one response status records into, built once per (endpoint, status). */
interface StatusGroups {
  /** `http.responses`, `http.codes.<status>` and the endpoint's code counter. */
  readonly responses: readonly string[];
  /** Time to first byte: `http.response_time`, its status class and the endpoint's response time. */
  readonly ttfb: readonly string[];
}

const CLASS_NAMES = ['1xx', '2xx', '3xx', '4xx', '5xx'].map((name) => `${METRIC.responseTime}.${name}`);

function statusGroups(status: number, endpointCode?: string, endpointTtfb?: string): StatusGroups {
  const responses: string[] = [METRIC.responses, `${METRIC.codes}${status}`];
  const ttfb: string[] = [METRIC.responseTime];
  const statusClass = CLASS_NAMES[Math.floor(status / 100) - 1];
  if (statusClass !== undefined) ttfb.push(statusClass);
  if (endpointCode !== undefined) responses.push(endpointCode);
  if (endpointTtfb !== undefined) ttfb.push(endpointTtfb);
  return { responses, ttfb };
}

/** Groups by status for requests without an endpoint label. */
class StatusGroupCache {
  readonly #byStatus = new Map<number, StatusGroups>();

  constructor(readonly build: (status: number) => StatusGroups) {}

  get(status: number): StatusGroups {
    let groups = this.#byStatus.get(status);
    if (groups === undefined) {
      groups = this.build(status);
      this.#byStatus.set(status, groups);
    }
    return groups;
  }
}

const UNLABELLED = new StatusGroupCache((status) => statusGroups(status));
const UNLABELLED_DURATION: readonly string[] = [METRIC.duration];

/**
 * Metric names of one endpoint, built once per request step (not per response): Artillery's
 * metrics-by-endpoint names plus perfgate's per-endpoint duration, grouped with the global
 * names that get the same samples.
 */
export class EndpointMetricNames {
  readonly responseTime: string;
  readonly duration: string;
  /** `perfgate.http.duration` and this endpoint's duration. */
  readonly durationGroup: readonly string[];
  readonly #prefix: string;
  readonly #groups: StatusGroupCache;

  constructor(namespace: string, name: string) {
    this.#prefix = `${namespace}.${name}`;
    this.responseTime = `${namespace}.response_time.${name}`;
    this.duration = `${METRIC.endpointDuration}${name}`;
    this.durationGroup = [METRIC.duration, this.duration];
    this.#groups = new StatusGroupCache((status) =>
      statusGroups(status, this.code(status), this.responseTime),
    );
  }

  code(status: number): string {
    return `${this.#prefix}.codes.${status}`;
  }

  groups(status: number): StatusGroups {
    return this.#groups.get(status);
  }

  error(code: string): string {
    return `${this.#prefix}.errors.${code}`;
  }
}

/** Records one response under Artillery's names plus perfgate's honest timings. */
export function recordResponse(
  metrics: MetricsRecorder,
  response: HttpResponse,
  endpoint: EndpointMetricNames | undefined,
): void {
  const { timings, status } = response;
  const groups = endpoint ? endpoint.groups(status) : UNLABELLED.get(status);
  metrics.counter(groups.responses);
  metrics.counter(METRIC.downloadedBytes, response.bytes);
  metrics.summary(groups.ttfb, timings.ttfbMs);
  metrics.summary(endpoint ? endpoint.durationGroup : UNLABELLED_DURATION, timings.totalMs);
  metrics.summary(METRIC.queued, timings.queuedMs);
  metrics.summary(METRIC.download, timings.downloadMs);
  if (timings.connectMs !== undefined) metrics.summary(METRIC.connect, timings.connectMs);
}

/**
 * Artillery's `http.extendedMetrics`: `http.tcp` when the request opened a connection (DNS and
 * TLS included: they are not timed apart), and `http.total` (got's `phases.total`): the whole
 * request, here from its intended start, as perfgate measures every request.
 */
export function recordExtended(metrics: MetricsRecorder, response: HttpResponse): void {
  const { timings } = response;
  if (timings.connectMs !== undefined) metrics.summary(METRIC.tcp, timings.connectMs);
  metrics.summary(METRIC.total, timings.totalMs);
}

/** A request that got no response; the VU then fails with `errors.<code>` (counted by the session). */
export function recordFailure(
  metrics: MetricsRecorder,
  failure: HttpFailure,
  endpoint: EndpointMetricNames | undefined,
): void {
  if (endpoint) metrics.counter(endpoint.error(failure.code));
}
