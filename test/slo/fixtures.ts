// Result files for the SLO tests, in the layouts `slo check` reads (see src/slo/evidence/*.ts).

export const DEMO_CONFIG = 'examples/smm/perfgate.config.yaml';

/** An Artillery-layout load result: 5 minutes, 1,000 requests to /api/route, 12 of them bad. */
export function loadResult(overrides: { slowP95?: number; codes?: Record<string, number> } = {}) {
  const codes = overrides.codes ?? { '200': 988, '503': 10 };
  const counters: Record<string, number> = {
    'http.requests': 1_000,
    'errors.ETIMEDOUT': 2,
    'vusers.failed': 2,
  };
  for (const [code, n] of Object.entries(codes)) {
    counters[`http.codes.${code}`] = n;
    counters[`plugins.metrics-by-endpoint./api/route.codes.${code}`] = n;
  }
  counters['plugins.metrics-by-endpoint./api/route.errors.ETIMEDOUT'] = 2;
  const p95 = overrides.slowP95 ?? 2_100;
  const honest = {
    min: 50,
    max: 4_000,
    count: 1_000,
    mean: 400,
    p50: 200,
    median: 200,
    p75: 400,
    p90: 1_800,
    p95,
    p99: 3_000,
    p999: 3_500,
  };
  const ttfb = { ...honest, p90: 900, p95: 1_000, p99: 1_500, p999: 1_900, max: 1_950 };
  return {
    aggregate: {
      firstMetricAt: 1_700_000_000_000,
      lastMetricAt: 1_700_000_300_000,
      counters,
      rates: { 'http.request_rate': 3.3 },
      summaries: {
        'http.response_time': ttfb,
        'perfgate.http.duration': honest,
        'plugins.metrics-by-endpoint.response_time./api/route': ttfb,
        'perfgate.metrics-by-endpoint.duration./api/route': honest,
      },
    },
    intermediate: [],
    perfgate: { schemaVersion: 1 },
  };
}
