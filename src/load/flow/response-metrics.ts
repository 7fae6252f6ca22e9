import type { HttpFailure, HttpResponse, MetricsRecorder } from '../contracts.js';
import { METRIC } from './metric-names.js';

/** Where per-endpoint metrics go: Artillery's namespace and the request's label. */
export interface EndpointLabel {
  readonly namespace: string;
  readonly name: string;
}

/** Records one response under Artillery's names plus perfgate's honest timings. */
export function recordResponse(
  metrics: MetricsRecorder,
  response: HttpResponse,
  endpoint: EndpointLabel | undefined,
): void {
  const { timings } = response;
  metrics.counter(METRIC.responses);
  metrics.counter(`${METRIC.codes}${response.status}`);
  metrics.counter(METRIC.downloadedBytes, response.bytes);
  metrics.summary(METRIC.responseTime, timings.ttfbMs);
  metrics.summary(`${METRIC.responseTime}.${Math.floor(response.status / 100)}xx`, timings.ttfbMs);
  metrics.summary(METRIC.duration, timings.totalMs);
  metrics.summary(METRIC.queued, timings.queuedMs);
  metrics.summary(METRIC.download, timings.downloadMs);
  if (timings.connectMs !== undefined) metrics.summary(METRIC.connect, timings.connectMs);
  if (endpoint) {
    metrics.counter(`${endpoint.namespace}.${endpoint.name}.codes.${response.status}`);
    metrics.summary(`${endpoint.namespace}.response_time.${endpoint.name}`, timings.ttfbMs);
    metrics.summary(`${METRIC.endpointDuration}${endpoint.name}`, timings.totalMs);
  }
}

/** A request that got no response; the VU then fails with `errors.<code>` (counted by the session). */
export function recordFailure(
  metrics: MetricsRecorder,
  failure: HttpFailure,
  endpoint: EndpointLabel | undefined,
): void {
  if (endpoint) metrics.counter(`${endpoint.namespace}.${endpoint.name}.errors.${failure.code}`);
}
