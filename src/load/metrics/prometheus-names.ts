/**
 * The Prometheus metrics perfgate exports for a load test (`perfgate load --metrics-port`,
 * `--pushgateway`), in one place so the exporter, the push and the Grafana dashboards agree.
 */
export const PROM = {
  /**
   * Finished requests by `scenario`, `method`, `endpoint` (the request's name, or its path with
   * `{variable}` per template) and `status` (the HTTP status, or "error" when no response came).
   */
  requests: 'perfgate_http_requests_total',
  /** Errors by code (ETIMEDOUT, ECONNREFUSED, "Failed capture or match"…), as Artillery's `errors.*`. */
  errors: 'perfgate_errors_total',
  /** Request duration from each arrival's intended start to the last body byte, by scenario, method, endpoint. */
  duration: 'perfgate_http_request_duration_seconds',
  vusersActive: 'perfgate_vusers_active',
  /** By `scenario` ("(none)" for VUs that failed before one was picked). */
  vusersCreated: 'perfgate_vusers_created_total',
  vusersCompleted: 'perfgate_vusers_completed_total',
  vusersFailed: 'perfgate_vusers_failed_total',
  /** Event-loop lag p99 of the generator (live: the coordinating thread; final: the worst generator). */
  eventLoopLag: 'perfgate_generator_event_loop_lag_seconds',
  /** Start slip p99 (intended start → request sent) over the last window; final: schedule slip p99. */
  scheduleSlip: 'perfgate_generator_schedule_slip_seconds',
  /** CPU of the load generator as a ratio of one core, 1 = one full core (live: since the last scrape). */
  cpu: 'perfgate_generator_cpu_ratio',
  /** Pushed only: 1 when the run finished with every strict ensure check passed and a trusted generator. */
  runPassed: 'perfgate_run_passed',
  /** Pushed only: when the run ended, Unix seconds. */
  runTimestamp: 'perfgate_run_timestamp_seconds',
} as const;

/**
 * `le` bounds (seconds) of the duration histogram: 1 ms to 60 s, dense where web SLO thresholds
 * usually sit (100 ms, 200 ms, 300 ms, 500 ms, 1 s, 2 s, 5 s) so `histogram_quantile` and
 * "share under the threshold" queries are accurate there. An SLO threshold should be one of them.
 */
export const DURATION_BUCKETS_SECONDS: readonly number[] = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2, 2.5, 5, 10, 30, 60,
];

/** Label every series carries: the load script's name (file name without extension). */
export const TEST_LABEL = 'test';
