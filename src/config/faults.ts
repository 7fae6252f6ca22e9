/** The config's `faults:` entries as the proxy's model (src/load/faults). */
import type { EndpointMatcher, Fault, FaultEffect } from '../load/faults/model.js';
import type { FaultConfig } from './schema/gameday.js';

function effectOf(entry: FaultConfig): FaultEffect {
  if (entry.latency) return { kind: 'latency', fixedMs: entry.latency.fixed, jitterMs: entry.latency.jitter };
  if (entry.error) return { kind: 'error', status: entry.error.status, ratio: entry.error.ratio };
  if (entry.reset) return { kind: 'reset', ratio: entry.reset.ratio };
  if (entry.bandwidth) return { kind: 'bandwidth', bytesPerSecond: entry.bandwidth.bytesPerSecond };
  return { kind: 'blackhole' };
}

function endpointOf(text: string): EndpointMatcher {
  const [first, second] = text.trim().split(/\s+/);
  return second === undefined
    ? { path: first ?? '/' }
    : { method: (first ?? '').toUpperCase(), path: second };
}

/** Faults with their names: `name`, else `service-kind` (`-2`, `-3`… when taken). */
export function faultsFromConfig(entries: readonly FaultConfig[]): Fault[] {
  const taken = new Set<string>();
  return entries.map((entry) => {
    const effect = effectOf(entry);
    const base = entry.name ?? `${entry.service ?? 'all'}-${effect.kind}`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    return {
      name,
      ...(entry.service === undefined ? {} : { service: entry.service }),
      ...(entry.endpoint === undefined ? {} : { endpoint: endpointOf(entry.endpoint) }),
      fromMs: entry.from,
      toMs: entry.to ?? Infinity,
      effect,
    };
  });
}
