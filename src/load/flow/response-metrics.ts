import type { HttpFailure, HttpResponse, MetricsRecorder } from '../contracts.js';
import { type RequestKey, requestKeyPrefix, requestNames } from '../metrics/request-names.js';
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

/** Artillery's metrics-by-endpoint label of a request, with its namespace. */
export interface ArtilleryEndpoint {
  readonly namespace: string;
  readonly name: string;
}

/**
 * Metric names of one request step, built once per step (not per response): Artillery's names
 * (with its metrics-by-endpoint names when the request has that label), perfgate's honest
 * duration, and perfgate's per-request names (scenario, method, endpoint label: see
 * metrics/request-names.ts), grouped so that one recorder call feeds every name of a sample.
 */
export class RequestMetricNames {
  /** `perfgate.http.duration`, the endpoint's duration and the request key's duration. */
  readonly durationGroup: readonly string[];
  readonly #artillery: string | undefined;
  readonly #key: string;
  readonly #byStatus = new Map<number, StatusGroups>();
  readonly #byError = new Map<string, readonly string[]>();
  readonly #build: (status: number) => StatusGroups;

  constructor(key: RequestKey, endpoint: ArtilleryEndpoint | undefined) {
    this.#key = requestKeyPrefix(key.scenario, key.method, key.endpoint);
    this.#artillery = endpoint && `${endpoint.namespace}.${endpoint.name}`;
    const responseTime = endpoint && `${endpoint.namespace}.response_time.${endpoint.name}`;
    this.durationGroup = [
      METRIC.duration,
      ...(endpoint ? [`${METRIC.endpointDuration}${endpoint.name}`] : []),
      requestNames.duration(this.#key),
    ];
    this.#build = (status) => {
      const groups = statusGroups(
        status,
        this.#artillery && `${this.#artillery}.codes.${status}`,
        responseTime,
      );
      return { ...groups, responses: [...groups.responses, requestNames.code(this.#key, status)] };
    };
  }

  groups(status: number): StatusGroups {
    let groups = this.#byStatus.get(status);
    if (groups === undefined) {
      groups = this.#build(status);
      this.#byStatus.set(status, groups);
    }
    return groups;
  }

  /** The endpoint's and the request key's error counters for a request without a response. */
  error(code: string): readonly string[] {
    let group = this.#byError.get(code);
    if (group === undefined) {
      group = [
        ...(this.#artillery === undefined ? [] : [`${this.#artillery}.errors.${code}`]),
        requestNames.error(this.#key, code),
      ];
      this.#byError.set(code, group);
    }
    return group;
  }
}

/** Records one response under Artillery's names plus perfgate's honest timings. */
export function recordResponse(
  metrics: MetricsRecorder,
  response: HttpResponse,
  names: RequestMetricNames,
): void {
  const { timings, status } = response;
  const groups = names.groups(status);
  metrics.counter(groups.responses);
  metrics.counter(METRIC.downloadedBytes, response.bytes);
  metrics.summary(groups.ttfb, timings.ttfbMs);
  metrics.summary(names.durationGroup, timings.totalMs);
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
  names: RequestMetricNames,
): void {
  metrics.counter(names.error(failure.code));
}
