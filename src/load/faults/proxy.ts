/**
 * The fault proxy: a TCP server on 127.0.0.1 that forwards to one upstream service and applies
 * the scheduled faults to the HTTP/1.1 requests passing through.
 *
 * Why not Toxiproxy: it is a Go binary that neither Debian nor npm ship (npm has only clients),
 * and perfgate installs from those registries alone. Toxiproxy's faults act on bytes, so it cannot
 * answer an HTTP error status or fault one endpoint; this proxy frames HTTP/1.1 (http-framer.ts)
 * and forwards the bytes untouched. With no fault configured for a service it is a plain pipe.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { Clock } from '../../core/clock.js';
import { PerfgateError } from '../../core/errors.js';
import { ProxiedConnection, type ProxyContext } from './connection.js';
import type { Fault } from './model.js';

/** Loopback only: injected faults are for the machine that runs the test, never the network. */
export const PROXY_HOST = '127.0.0.1';

export interface FaultProxyOptions {
  /** The service the traffic goes to. */
  upstream: { host: string; port: number };
  /** The faults for this service (an empty list: a plain TCP pipe). */
  faults: readonly Fault[];
  clock: Clock;
  /** Port to listen on (default 0: any free port). */
  port?: number;
  /** Returns [0, 1), for the ratio of errors and resets and the jitter (default Math.random). */
  random?: () => number;
}

/** How many requests each fault touched so far. */
export type FaultCounts = ReadonlyMap<string, number>;

export interface FaultProxy {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly port: number;
  /**
   * Sets time zero of the faults' schedule (`from`/`to`, phases) `delayMs` from now (a load that
   * starts later, `--start-at`); no fault is active before it.
   */
  startSchedule(delayMs?: number): void;
  counts(): FaultCounts;
  close(): Promise<void>;
}

function pipeBoth(client: Socket, context: ProxyContext): Socket {
  const upstream = connect(context.upstream.port, context.upstream.host);
  upstream.setNoDelay(true);
  client.pipe(upstream).pipe(client);
  const destroy = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', destroy);
  upstream.on('error', destroy);
  return upstream;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const counts = new Map<string, number>();
  let origin: number | undefined;
  const context: ProxyContext = {
    upstream: options.upstream,
    faults: options.faults,
    random: options.random ?? Math.random,
    elapsedMs: () => (origin === undefined ? -Infinity : options.clock.monotonic() - origin),
    msUntil: (atMs) => Math.max(0, atMs - context.elapsedMs()),
    count: (names) => {
      for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
    },
  };
  const sockets = new Set<Socket>();
  const server: Server = createServer({ noDelay: true }, (client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    if (context.faults.length === 0) pipeBoth(client, context);
    else new ProxiedConnection(client, context).open();
  });
  await listen(server, options.port ?? 0);
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://${PROXY_HOST}:${port}`,
    port,
    startSchedule: (delayMs = 0) => {
      origin = options.clock.monotonic() + delayMs;
    },
    counts: () => new Map(counts),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new PerfgateError(
          'INVALID_ARGUMENT',
          `fault proxy: cannot listen on ${PROXY_HOST}:${port} (${error.code ?? error.message})`,
          { cause: error, hint: 'pick a free port, or 0 for any free port' },
        ),
      ),
    );
    server.listen(port, PROXY_HOST, () => resolve());
  });
}
