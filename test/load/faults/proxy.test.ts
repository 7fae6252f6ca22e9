// The fault proxy on real sockets: a real HTTP server on 127.0.0.1 behind it, a keep-alive client
// in front, each fault checked by what the client observes.
import { once } from 'node:events';
import { Agent, createServer, request, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/cli/clock.js';
import { type Fault, type FaultProxy, startFaultProxy } from '../../../src/load/faults/index.js';

let server: Server;
let upstreamPort = 0;
let proxy: FaultProxy | undefined;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      if (req.url === '/big') {
        res.writeHead(200, { 'content-length': 1000 }).end('x'.repeat(1000));
      } else if (req.url === '/chunked') {
        res.writeHead(200);
        res.write('part1-');
        setTimeout(() => res.end('part2'), 5);
      } else {
        res.writeHead(200, { 'content-type': 'text/plain' }).end(`${req.method} ${req.url} ${body}`);
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  upstreamPort = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  agent.destroy();
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function through(faults: Fault[], random?: () => number): Promise<FaultProxy> {
  proxy = await startFaultProxy({
    upstream: { host: '127.0.0.1', port: upstreamPort },
    faults,
    clock: systemClock,
    ...(random ? { random } : {}),
  });
  proxy.startSchedule();
  return proxy;
}

interface Answer {
  status: number;
  body: string;
  headers: Record<string, unknown>;
  ms: number;
}

function call(
  path: string,
  options: { method?: string; body?: string; agent?: Agent } = {},
): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      `${proxy?.url}${path}`,
      { method: options.method ?? 'GET', agent: options.agent ?? agent },
      (res) => {
        let body = '';
        res.setEncoding('latin1');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body,
            headers: res.headers,
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const fault = (name: string, effect: Fault['effect'], extra: Partial<Fault> = {}): Fault => ({
  name,
  fromMs: 0,
  toMs: Infinity,
  effect,
  ...extra,
});

describe('fault proxy on real sockets', { timeout: 20_000 }, () => {
  it('listens on 127.0.0.1 only and forwards untouched with no fault (plain pipe and framed)', async () => {
    for (const faults of [[], [fault('never', { kind: 'blackhole' }, { fromMs: 60_000 })]]) {
      await through(faults);
      expect(proxy?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await call('/a?q=1', { method: 'POST', body: 'hello' })).toMatchObject({
        status: 200,
        body: 'POST /a?q=1 hello',
      });
      expect((await call('/chunked')).body).toBe('part1-part2');
      expect((await call('/big', { method: 'HEAD' })).body).toBe('');
      expect((await call('/big')).body).toHaveLength(1000);
      await proxy?.close();
    }
  });

  it('answers pipelined requests in order', async () => {
    await through(
      [fault('half', { kind: 'error', status: 503, ratio: 0.5 })],
      (() => {
        const draws = [0.9, 0.1, 0.9];
        return () => draws.shift() ?? 0.9;
      })(),
    );
    const socket = connect(proxy?.port ?? 0, '127.0.0.1');
    let seen = '';
    socket.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
    });
    socket.write(
      'GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\nGET /3 HTTP/1.1\r\nHost: x\r\n\r\n',
    );
    const deadline = performance.now() + 5_000;
    while ((seen.match(/HTTP\/1\.1/g) ?? []).length < 3 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    socket.destroy();
    const order = [...seen.matchAll(/GET \/\d|injected fault/g)].map((m) => m[0]);
    expect(order).toEqual(['GET /1', 'injected fault', 'GET /3']);
  });

  it('adds fixed latency with jitter', async () => {
    await through([fault('slow', { kind: 'latency', fixedMs: 150, jitterMs: 50 })], () => 1);
    const answer = await call('/x');
    expect(answer.status).toBe(200);
    expect(answer.ms).toBeGreaterThanOrEqual(199);
  });

  it('injects error responses for the given ratio and keeps the connection usable', async () => {
    const draws = [0.1, 0.7, 0.2, 0.9];
    await through(
      [fault('router-errors', { kind: 'error', status: 503, ratio: 0.5 })],
      () => draws.shift() ?? 1,
    );
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await call(`/r${i}`));
    expect(answers.map((a) => a.status)).toEqual([503, 200, 503, 200]);
    expect(answers[0]?.headers['x-perfgate-fault']).toBe('router-errors');
    expect(JSON.parse(answers[0]?.body ?? '')).toEqual({ error: 'injected fault', fault: 'router-errors' });
    expect(proxy?.counts().get('router-errors')).toBe(2);
  });

  it('resets the connection', async () => {
    await through([fault('rst', { kind: 'reset', ratio: 1 })]);
    await expect(call('/x')).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('limits bandwidth', async () => {
    await through([fault('thin', { kind: 'bandwidth', bytesPerSecond: 2_000 })]);
    const answer = await call('/big');
    expect(answer.body).toHaveLength(1000);
    // ~1,100 bytes at 2,000 B/s in 100-byte ticks every 50 ms: at least ~0.5 s.
    expect(answer.ms).toBeGreaterThanOrEqual(450);
  });

  it('black-holes requests until the fault ends, then closes; later requests pass', async () => {
    await through([fault('hole', { kind: 'blackhole' }, { toMs: 400 })]);
    const started = performance.now();
    await expect(call('/x')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(350);
    expect((await call('/after')).status).toBe(200);
  });

  it('follows the schedule and the endpoint', async () => {
    await through([
      fault(
        'late',
        { kind: 'error', status: 500, ratio: 1 },
        {
          fromMs: 300,
          toMs: 700,
          endpoint: { method: 'POST', path: '/api/route' },
        },
      ),
    ]);
    expect((await call('/api/route', { method: 'POST' })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await call('/api/route?x=1', { method: 'POST' })).status).toBe(500);
    expect((await call('/api/route')).status).toBe(200);
    expect((await call('/api/other', { method: 'POST' })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await call('/api/route', { method: 'POST' })).status).toBe(200);
  });
});
