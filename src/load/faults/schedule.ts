/**
 * Which faults apply to one request: pure, decided once per request when it arrives (a request
 * that arrived during a fault keeps it even if the fault ends while it waits).
 */
import type { EndpointMatcher, Fault, FaultEffect } from './model.js';

/** The request as the proxy sees its head: method and path (the query is ignored). */
export interface RequestHead {
  method: string;
  target: string;
}

/** What happens to one request: at most one terminal outcome, plus delay and bandwidth limit. */
export interface RequestFate {
  /** Names of the faults that applied. */
  faults: string[];
  delayMs: number;
  /** The fault that ends the request before it reaches the service, if any. */
  outcome?:
    | { kind: 'error'; status: number; fault: string }
    | { kind: 'reset'; fault: string }
    | { kind: 'blackhole'; fault: string; untilMs: number };
  /** Lowest bandwidth limit among the active faults, bytes per second. */
  bytesPerSecond?: number;
}

export function pathOf(target: string): string {
  const query = target.indexOf('?');
  return query === -1 ? target : target.slice(0, query);
}

export function matchesEndpoint(endpoint: EndpointMatcher | undefined, head: RequestHead): boolean {
  if (endpoint === undefined) return true;
  if (endpoint.method !== undefined && endpoint.method !== head.method.toUpperCase()) return false;
  return pathOf(head.target) === endpoint.path;
}

/** The faults active at `elapsedMs` after the run started, for this request. */
export function activeFaults(faults: readonly Fault[], elapsedMs: number, head: RequestHead): Fault[] {
  return faults.filter(
    (fault) => elapsedMs >= fault.fromMs && elapsedMs < fault.toMs && matchesEndpoint(fault.endpoint, head),
  );
}

function latencyOf(effect: Extract<FaultEffect, { kind: 'latency' }>, random: () => number): number {
  // Uniform in [fixed - jitter, fixed + jitter], never negative (Toxiproxy's latency toxic).
  return Math.max(0, effect.fixedMs + (random() * 2 - 1) * effect.jitterMs);
}

/**
 * Folds the active faults into one fate: delays add up, the first black hole, reset or error
 * (in that order of precedence, each drawn against its ratio) ends the request, and the tightest
 * bandwidth limit wins. `random` returns [0, 1).
 */
export function decideFate(active: readonly Fault[], random: () => number): RequestFate {
  const fate: RequestFate = { faults: [], delayMs: 0 };
  const terminal: RequestFate['outcome'][] = [];
  for (const fault of active) {
    const effect = fault.effect;
    switch (effect.kind) {
      case 'latency':
        fate.delayMs += latencyOf(effect, random);
        break;
      case 'bandwidth':
        fate.bytesPerSecond = Math.min(fate.bytesPerSecond ?? Infinity, effect.bytesPerSecond);
        break;
      case 'blackhole':
        terminal.push({ kind: 'blackhole', fault: fault.name, untilMs: fault.toMs });
        break;
      case 'reset':
        if (random() < effect.ratio) terminal.push({ kind: 'reset', fault: fault.name });
        else continue;
        break;
      case 'error':
        if (random() < effect.ratio)
          terminal.push({ kind: 'error', status: effect.status, fault: fault.name });
        else continue;
        break;
    }
    fate.faults.push(fault.name);
  }
  const rank = { blackhole: 0, reset: 1, error: 2 } as const;
  const outcome = terminal.sort((a, b) => rank[a?.kind ?? 'error'] - rank[b?.kind ?? 'error'])[0];
  if (outcome !== undefined) fate.outcome = outcome;
  return fate;
}
