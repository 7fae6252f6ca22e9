/**
 * Metric names the VU side records. Artillery's names keep Artillery's meanings
 * (`http.response_time` is time to first byte); perfgate's additions live under `perfgate.`.
 */
export const METRIC = {
  vusersCreated: 'vusers.created',
  vusersCreatedByName: 'vusers.created_by_name.',
  vusersCompleted: 'vusers.completed',
  vusersFailed: 'vusers.failed',
  /** VUs cut short by the end of the test (SIGINT, no grace left): neither completed nor failed. */
  vusersInterrupted: 'perfgate.vusers.interrupted',
  sessionLength: 'vusers.session_length',
  requests: 'http.requests',
  requestRate: 'http.request_rate',
  responses: 'http.responses',
  codes: 'http.codes.',
  responseTime: 'http.response_time',
  downloadedBytes: 'http.downloaded_bytes',
  duration: 'perfgate.http.duration',
  queued: 'perfgate.http.queued',
  connect: 'perfgate.http.connect',
  download: 'perfgate.http.download',
  errors: 'errors.',
  expectOk: 'plugins.expect.ok',
  expectFailed: 'plugins.expect.failed',
  /** Artillery's `http.extendedMetrics` histograms (connect time of a new connection; whole request). */
  tcp: 'http.tcp',
  total: 'http.total',
  /** A processor function threw (Artillery's worker crashes): the run fails (exit 3). */
  processorThrew: 'perfgate.processor.threw',
  /** Per-endpoint full duration from intended start (perfgate's honest per-endpoint latency). */
  endpointDuration: 'perfgate.metrics-by-endpoint.duration.',
} as const;

/** Artillery's error name for a strict capture that found nothing. */
export const FAILED_CAPTURE = 'Failed capture or match';
/** The error name when `reportFailuresAsErrors` turns failed expectations into a failed VU. */
export const FAILED_EXPECTATIONS = 'Failed expectations';
/** Artillery's error for a request its HTTP client refuses to send (a body on GET or HEAD). */
export const GOT_REQUEST_ERROR = 'ERR_GOT_REQUEST_ERROR';
/** Outcome code of a VU stopped by the test's end (its signal aborted). */
export const ABORTED = 'ABORTED';

export function undefinedFunctionError(name: string): string {
  return `Undefined function "${name}"`;
}
