import { Counter, collectDefaultMetrics, Registry } from 'prom-client';

export interface ServiceMetrics {
  /** One registry per service, so nothing leaks in from prom-client's global default registry. */
  readonly registry: Registry;
  /** `<prefix>_requests_total{route,method,status}`, counted by the server for every request. */
  readonly requestsTotal: Counter<'route' | 'method' | 'status'>;
}

export function createServiceMetrics(prefix: string): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requestsTotal = new Counter({
    name: `${prefix}_requests_total`,
    help: 'HTTP requests handled, by route pattern, method and status code.',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  return { registry, requestsTotal };
}
