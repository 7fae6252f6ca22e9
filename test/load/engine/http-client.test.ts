import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/cli/clock.js';
import type { HttpClient, HttpRequestSpec } from '../../../src/load/contracts.js';
import { createHttpClient } from '../../../src/load/http/client.js';
import type { HttpClientOptions } from '../../../src/load/http/options.js';
import { createUndiciHttpClient } from '../../../src/load/http/undici-client.js';

const servers: (Server | TcpServer)[] = [];
const clients: HttpClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  for (const server of servers.splice(0)) {
    if ('closeAllConnections' in server) server.closeAllConnections();
    server.close();
  }
});

async function listen<T extends Server | TcpServer>(server: T): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

type ClientFactory = (options: HttpClientOptions) => HttpClient;

function makeClient(
  factory: ClientFactory,
  options: { pool?: number; traceparent?: boolean } = {},
): HttpClient {
  const made = factory({
    clock: systemClock,
    testZeroMs: 0,
    rejectUnauthorized: true,
    traceparent: options.traceparent ?? true,
    connectTimeoutMs: 2_000,
    ...(options.pool === undefined ? {} : { pool: options.pool }),
  });
  clients.push(made);
  return made;
}

function spec(url: string, overrides: Partial<HttpRequestSpec> = {}): HttpRequestSpec {
  return {
    method: 'GET',
    url,
    headers: {},
    timeoutMs: 2_000,
    followRedirect: false,
    intendedStartMs: performance.now(),
    needsBody: true,
    ...overrides,
  };
}

// One contract, every implementation (STYLE.md #14): the raw-socket client that serves http://
// and undici, which serves https:// and redirects there.
describe.each([
  ['plain-http (net) client', createHttpClient],
  ['undici client', createUndiciHttpClient],
] as [string, ClientFactory][])('%s', (_name, factory) => {
  const client = (options: { pool?: number; traceparent?: boolean } = {}) => makeClient(factory, options);

  it('returns status, headers, body and phase timings, and sends a W3C traceparent', async () => {
    let received: string | undefined;
    const port = await listen(
      createServer((req, res) => {
        received = req.headers.traceparent as string;
        res.setHeader('set-cookie', ['a=1', 'b=2']);
        res.setHeader('content-type', 'application/json');
        setTimeout(() => res.end('{"id":7}'), 30);
      }),
    );
    const result = await client().request(
      spec(`http://127.0.0.1:${port}/x?q=1`, { headers: { 'x-a': 'b' } }),
    );
    expect(result.state).toBe('response');
    if (result.state !== 'response') return;
    expect(result.status).toBe(200);
    expect(result.body).toBe('{"id":7}');
    expect(result.bytes).toBe(8);
    expect(result.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(result.headers['content-type']).toBe('application/json');
    expect(received).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(received).toContain(result.traceId);
    const { timings } = result;
    expect(timings.ttfbMs).toBeGreaterThanOrEqual(25);
    expect(timings.totalMs).toBeCloseTo(timings.queuedMs + timings.ttfbMs + timings.downloadMs, 5);
  });

  it('decompresses a gzip body it reads, and counts the bytes as they came over the wire', async () => {
    const zipped = gzipSync(Buffer.from('{"compressed":true}'));
    const port = await listen(
      createServer((_req, res) => {
        res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': zipped.length });
        res.end(zipped);
      }),
    );
    const result = await client().request(spec(`http://127.0.0.1:${port}/`));
    expect(result.state === 'response' && [result.body, result.bytes]).toEqual([
      '{"compressed":true}',
      zipped.length,
    ]);
  });

  it('keeps each body intact while many connections deliver large bodies in pieces at once', async () => {
    const traces = new Set<string>();
    const port = await listen(
      createServer((req, res) => {
        traces.add(req.headers.traceparent as string);
        const id = (req.url ?? '/').slice(1);
        const body = `${id}:`.padEnd(200_000, id);
        // Written in pieces, so reads of different connections interleave.
        res.writeHead(200, { 'content-length': body.length });
        let at = 0;
        const next = () => {
          if (at >= body.length) return res.end();
          res.write(body.slice(at, at + 16_384));
          at += 16_384;
          setImmediate(next);
        };
        next();
      }),
    );
    const http = client();
    const ids = Array.from({ length: 12 }, (_, i) => String.fromCharCode(97 + i));
    const results = await Promise.all(ids.map((id) => http.request(spec(`http://127.0.0.1:${port}/${id}`))));
    results.forEach((result, i) => {
      const id = ids[i] as string;
      expect(result.state === 'response' && result.body).toBe(`${id}:`.padEnd(200_000, id));
    });
    expect(traces.size).toBe(ids.length);
  });

  it('measures from the intended start: a request scheduled 200 ms ago has waited 200 ms', async () => {
    const port = await listen(createServer((_req, res) => res.end('ok')));
    const result = await client({ traceparent: false }).request(
      spec(`http://127.0.0.1:${port}/`, { intendedStartMs: performance.now() - 200, needsBody: false }),
    );
    expect(result.state).toBe('response');
    if (result.state !== 'response') return;
    expect(result.body).toBeUndefined();
    expect(result.bytes).toBe(2);
    expect(result.traceId).toBeUndefined();
    expect(result.timings.queuedMs).toBeGreaterThanOrEqual(200);
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(200);
  });

  it('queues behind a full pool of 1: the second request waits for the first', async () => {
    const port = await listen(createServer((_req, res) => setTimeout(() => res.end('ok'), 100)));
    const http = client({ pool: 1 });
    const start = performance.now();
    const [first, second] = await Promise.all([
      http.request(spec(`http://127.0.0.1:${port}/`, { intendedStartMs: start })),
      http.request(spec(`http://127.0.0.1:${port}/`, { intendedStartMs: start })),
    ]);
    if (first.state !== 'response' || second.state !== 'response') throw new Error('expected responses');
    const [fast, slow] = [first, second].sort((a, b) => a.timings.totalMs - b.timings.totalMs);
    expect(slow?.timings.queuedMs).toBeGreaterThanOrEqual(90);
    expect(slow?.timings.totalMs).toBeGreaterThanOrEqual(190);
    expect(fast?.timings.queuedMs).toBeLessThan(90);
  });

  it('reports ECONNREFUSED for a closed port', async () => {
    const port = await listen(createServer());
    await new Promise<void>((resolve) => servers.pop()?.close(() => resolve()));
    const result = await client().request(spec(`http://127.0.0.1:${port}/`));
    expect(result).toMatchObject({ state: 'error', code: 'ECONNREFUSED' });
  });

  it('reports ECONNRESET when the server destroys the socket', async () => {
    const port = await listen(createServer((req) => req.socket.destroy()));
    const result = await client().request(spec(`http://127.0.0.1:${port}/`));
    expect(result).toMatchObject({ state: 'error', code: 'ECONNRESET' });
  });

  it('reports ETIMEDOUT when the server never answers', async () => {
    const port = await listen(createTcpServer(() => {}));
    const result = await client().request(spec(`http://127.0.0.1:${port}/`, { timeoutMs: 300 }));
    expect(result).toMatchObject({ state: 'error', code: 'ETIMEDOUT' });
    if (result.state === 'error') expect(result.elapsedMs).toBeGreaterThanOrEqual(290);
  });

  it('follows redirects only when asked', async () => {
    const port = await listen(
      createServer((req, res) => {
        if (req.url === '/old') res.writeHead(302, { location: '/new' }).end();
        else res.end('new');
      }),
    );
    const http = client();
    expect(await http.request(spec(`http://127.0.0.1:${port}/old`))).toMatchObject({ status: 302 });
    expect(await http.request(spec(`http://127.0.0.1:${port}/old`, { followRedirect: true }))).toMatchObject({
      status: 200,
      body: 'new',
    });
  });

  it('reads chunked bodies, sends request bodies with their length and keeps the connection alive', async () => {
    let connections = 0;
    const server = createServer((req, res) => {
      let received = '';
      req.on('data', (chunk: Buffer) => {
        received += chunk.toString();
      });
      req.on('end', () => {
        res.write(`${req.method} `);
        setTimeout(() => res.end(`${req.headers['content-length'] ?? '-'} ${received}`), 5);
      });
    });
    server.on('connection', () => connections++);
    const port = await listen(server);
    const http = client({ pool: 1 });
    const url = `http://127.0.0.1:${port}/`;
    const posted = await http.request(spec(url, { method: 'POST', body: 'héllo' }));
    const got = await http.request(spec(url));
    expect(posted).toMatchObject({ state: 'response', status: 200, body: 'POST 6 héllo' });
    expect(got).toMatchObject({ state: 'response', status: 200, body: 'GET - ' });
    expect(connections).toBe(1);
  });

  it('sends again on a fresh connection when the server closed an idle kept-alive one', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    const port = await listen(server);
    const http = client({ pool: 1 });
    const url = `http://127.0.0.1:${port}/`;
    expect(await http.request(spec(url))).toMatchObject({ status: 200 });
    server.closeIdleConnections();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await http.request(spec(url))).toMatchObject({ status: 200, body: 'ok' });
  });

  it('ends in-flight requests with ABORTED when their signal aborts', async () => {
    const port = await listen(createTcpServer(() => {}));
    const controller = new AbortController();
    const pending = client().request(spec(`http://127.0.0.1:${port}/`, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ state: 'error', code: 'ABORTED' });
  });
});

describe('createHttpClient routing', () => {
  it('sends https:// through undici (loaded on first use) and plain http:// through the socket client', async () => {
    const firstBytes: number[] = [];
    const port = await listen(
      createTcpServer((socket) => {
        socket.once('data', (data: Buffer) => {
          firstBytes.push(data[0] ?? -1);
          socket.destroy();
        });
      }),
    );
    const http = makeClient(createHttpClient);
    expect(await http.request(spec(`https://127.0.0.1:${port}/`))).toMatchObject({ state: 'error' });
    expect(await http.request(spec(`http://127.0.0.1:${port}/`))).toMatchObject({
      state: 'error',
      code: 'ECONNRESET',
    });
    // 0x16: a TLS handshake record (undici); 'G': the plain client's request line.
    expect(firstBytes).toEqual([0x16, 'G'.charCodeAt(0)]);
    expect(await http.request(spec('not a url'))).toMatchObject({ state: 'error', code: 'ERR_INVALID_URL' });
  });
});
