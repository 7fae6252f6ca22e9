import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { PerfgateError } from '../../core/errors.js';
import type { LoadTestMetrics } from '../../load/metrics/prometheus.js';

/** Loopback unless the user says otherwise: live metrics are not for the whole network by default. */
export const DEFAULT_METRICS_HOST = '127.0.0.1';

export interface MetricsServer {
  /** `http://host:port/metrics`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The network edge of `perfgate load --metrics-port`: serves the load test's own registry on
 * `/metrics`. Each scrape first refreshes the health gauges this thread can measure itself:
 * its event-loop lag since the last scrape and the process CPU (all worker threads included).
 */
export async function startMetricsServer(
  metrics: LoadTestMetrics,
  listen: { readonly host: string; readonly port: number },
): Promise<MetricsServer> {
  const refreshHealth = liveHealthProbe(metrics);
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('perfgate serves /metrics only\n');
      return;
    }
    refreshHealth();
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      refreshHealth.stop();
      reject(
        new PerfgateError(
          'INVALID_ARGUMENT',
          `--metrics-port ${listen.port}: cannot listen on ${listen.host}:${listen.port} (${error.code ?? error.message})`,
          { hint: 'pick a free port, or 0 for any free port (the URL is printed)', cause: error },
        ),
      );
    });
    server.listen(listen.port, listen.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return { url: `http://${host}:${port}/metrics`, close: () => closeServer(server, refreshHealth.stop) };
}

const LAG_RESOLUTION_MS = 10;

function liveHealthProbe(metrics: LoadTestMetrics): (() => void) & { stop: () => void } {
  const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  lag.enable();
  let cpuBefore = process.cpuUsage();
  let at = performance.now();
  const refresh = () => {
    const now = performance.now();
    const cpu = process.cpuUsage(cpuBefore);
    const elapsedMs = now - at;
    metrics.setHealth({
      eventLoopLagMs: lag.count > 0 ? Math.max(0, lag.percentile(99) / 1e6 - LAG_RESOLUTION_MS) : 0,
      ...(elapsedMs > 0 ? { cpuPercent: Math.round((cpu.user + cpu.system) / 10 / elapsedMs) } : {}),
    });
    lag.reset();
    cpuBefore = process.cpuUsage();
    at = now;
  };
  return Object.assign(refresh, { stop: () => lag.disable() });
}

function closeServer(server: Server, stop: () => void): Promise<void> {
  stop();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
