import type { LoadTestingProfiles, SloTargets } from './schema/legacy.js';
import type { LoadProfile } from './schema/load.js';
import type { SloConfig } from './schema/slos.js';

const PERCENTILES = [
  ['p50', 50],
  ['p90', 90],
  ['p95', 95],
  ['p99', 99],
] as const;

/** `model-router` + `responseTime` + 95 → `model_router_responseTime_p95`. */
export function legacySloName(service: string, metric: string, percentile: number): string {
  return `${service}_${metric}_p${percentile}`.replace(/[^\w]/g, '_').replace(/^([^A-Za-z_])/, '_$1');
}

/** `sloTargets.<service>.<metric>.{p50,p95,p99,unit}` → one latency SLO per percentile given. */
export function slosFromTargets(targets: SloTargets): SloConfig[] {
  const slos: SloConfig[] = [];
  for (const [service, metrics] of Object.entries(targets)) {
    for (const [metric, target] of Object.entries(metrics)) {
      for (const [key, percentile] of PERCENTILES) {
        const value = target[key];
        if (value === undefined) continue;
        slos.push({
          name: legacySloName(service, metric, percentile),
          service,
          description: target.description ?? `${service} ${metric} p${percentile} <= ${value} ${target.unit}`,
          sli: { type: 'latency', percentile },
          slo: { target: value, operator: '<=', unit: target.unit },
          labels: { metric },
        });
      }
    }
  }
  return slos;
}

/** `loadTestingProfiles.<name>.{concurrentUsers,duration}` → load profiles. */
export function profilesFromLegacy(profiles: LoadTestingProfiles): Record<string, LoadProfile> {
  return Object.fromEntries(
    Object.entries(profiles).map(([name, p]) => [
      name,
      { users: p.concurrentUsers, duration: p.duration, rps: p.requestsPerSecond, rampUp: p.rampUp },
    ]),
  );
}
