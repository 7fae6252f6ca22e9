import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector, faultAdminRoutes, faultSettingsFromEnv } from './faults.js';
import { json } from './http-json.js';
import type { ServiceMetrics } from './metrics.js';
import { randomFromEnv } from './prng.js';
import { createRequestHandler, type FinishedRequest } from './request-handler.js';
import type { Route } from './router.js';
import { readNumberEnv } from './validate.js';

/** After a shutdown signal, connections still open after this long are cut so we exit in ~2 s. */
const SHUTDOWN_GRACE_MS = 1_500;

export interface ServiceDefinition {
  /** `model-router`, `toolhub`, ...: shown in /health and in the listening line. */
  readonly name: string;
  readonly defaultPort: number;
  readonly metrics: ServiceMetrics;
  /** The service's own routes; /health, /metrics and /admin/faults are added here. */
  readonly routes: readonly Route[];
  readonly onRequestFinished?: (request: FinishedRequest) => void;
}

/** Prints a startup problem (bad env, port taken) and exits 1: the process cannot do its job. */
export function exitWithStartupError(service: string, message: string): never {
  process.stderr.write(`smm ${service}: ${message}\n`);
  process.exit(1);
}

function builtInRoutes(definition: ServiceDefinition): Route[] {
  const { name, metrics } = definition;
  return [
    {
      method: 'GET',
      path: '/health',
      handler: () =>
        json(200, { status: 'ok', service: name, uptimeSeconds: Number(process.uptime().toFixed(1)) }),
    },
    {
      method: 'GET',
      path: '/metrics',
      handler: async () => ({
        kind: 'text',
        status: 200,
        text: await metrics.registry.metrics(),
        contentType: metrics.registry.contentType,
      }),
    },
  ];
}

function installGracefulShutdown(server: Server): void {
  const shutdown = (): void => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, SHUTDOWN_GRACE_MS);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

/** Starts the service on 127.0.0.1:$PORT (0 picks a free port) and prints the listening line. */
export function startService(definition: ServiceDefinition, env: NodeJS.ProcessEnv = process.env): Server {
  const { name } = definition;
  let port: number;
  let faults: FaultInjector;
  try {
    port = readNumberEnv(env, 'PORT', definition.defaultPort, { min: 0, max: 65_535, integer: true });
    faults = new FaultInjector(faultSettingsFromEnv(env), randomFromEnv(env, `${name}/faults`));
  } catch (error) {
    exitWithStartupError(name, (error as Error).message);
  }
  const routes = [...builtInRoutes(definition), ...faultAdminRoutes(faults), ...definition.routes];
  const server = createServer(
    createRequestHandler({
      routes,
      faults,
      metrics: definition.metrics,
      onRequestFinished: definition.onRequestFinished,
    }),
  );
  server.on('error', (error: NodeJS.ErrnoException) => {
    const reason = error.code === 'EADDRINUSE' ? `port ${port} is already in use` : error.message;
    exitWithStartupError(name, `cannot listen on 127.0.0.1:${port}: ${reason}`);
  });
  server.listen(port, '127.0.0.1', () => {
    const { port: actualPort } = server.address() as AddressInfo;
    process.stdout.write(`smm ${name} listening on http://127.0.0.1:${actualPort}\n`);
  });
  installGracefulShutdown(server);
  return server;
}
