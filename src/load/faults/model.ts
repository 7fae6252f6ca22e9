/**
 * Faults as plain data (Toxiproxy's model: latency, bandwidth, timeout, reset_peer), each on a
 * schedule relative to the start of the run and optionally limited to one endpoint. The proxy
 * (proxy.ts) applies them; `activeEffects` (schedule.ts) decides which apply to one request.
 */

/** What a fault does to a request it applies to. */
export type FaultEffect =
  /** Holds the request `fixedMs` ± up to `jitterMs` (uniform) before it is forwarded. */
  | { kind: 'latency'; fixedMs: number; jitterMs: number }
  /** Answers `status` itself, without forwarding, for `ratio` (0..1) of the requests. */
  | { kind: 'error'; status: number; ratio: number }
  /** Resets the client's connection (TCP RST) for `ratio` of the requests. */
  | { kind: 'reset'; ratio: number }
  /** Sends responses to the client at most `bytesPerSecond`. */
  | { kind: 'bandwidth'; bytesPerSecond: number }
  /** Never answers: the request is swallowed and the connection closed when the fault ends. */
  | { kind: 'blackhole' };

export type FaultKind = FaultEffect['kind'];

/** `POST /api/route` or `/api/route`: the request path (query left out) must equal `path`. */
export interface EndpointMatcher {
  method?: string;
  path: string;
}

export interface Fault {
  /** Stable name for reports and the `x-perfgate-fault` header, e.g. `toolhub-latency`. */
  name: string;
  /** The service whose traffic it disturbs (undefined: every proxied service). */
  service?: string;
  endpoint?: EndpointMatcher;
  /** Active from this many ms after the run starts… */
  fromMs: number;
  /** …until this many ms after it starts (Infinity: until the run ends). */
  toMs: number;
  effect: FaultEffect;
}

/** The header an injected error response carries, naming the fault that produced it. */
export const FAULT_HEADER = 'x-perfgate-fault';

/** `fault name (kind, from–to)` for logs and reports. */
export function describeFault(fault: Fault): string {
  const to = Number.isFinite(fault.toMs) ? `${fault.toMs / 1000}s` : 'end';
  const where = fault.endpoint
    ? ` on ${fault.endpoint.method ? `${fault.endpoint.method} ` : ''}${fault.endpoint.path}`
    : '';
  return `${fault.name} (${describeEffect(fault.effect)}${where}, ${fault.fromMs / 1000}s–${to})`;
}

export function describeEffect(effect: FaultEffect): string {
  switch (effect.kind) {
    case 'latency':
      return `latency ${effect.fixedMs}ms${effect.jitterMs > 0 ? ` ± ${effect.jitterMs}ms` : ''}`;
    case 'error':
      return `error ${effect.status} × ${effect.ratio * 100}%`;
    case 'reset':
      return `reset × ${effect.ratio * 100}%`;
    case 'bandwidth':
      return `bandwidth ${effect.bytesPerSecond} B/s`;
    case 'blackhole':
      return 'black hole';
  }
}
