import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/fixtures/services/helpers.js';
import { checkHealth, resolveHealthUrl } from './health.js';

describe('resolveHealthUrl', () => {
  it.each([
    ['http://127.0.0.1:4101', undefined, 'http://127.0.0.1:4101/'],
    ['http://127.0.0.1:4101', '/health', 'http://127.0.0.1:4101/health'],
    ['http://127.0.0.1:4101', 'health', 'http://127.0.0.1:4101/health'],
    ['http://127.0.0.1:4101/api', '/health', 'http://127.0.0.1:4101/api/health'],
    ['http://127.0.0.1:4101/api/', '/health?deep=1', 'http://127.0.0.1:4101/api/health?deep=1'],
    ['http://127.0.0.1:4101', 'http://127.0.0.1:9000/ready', 'http://127.0.0.1:9000/ready'],
  ])('%s + %s → %s', (url, healthcheck, expected) => {
    expect(resolveHealthUrl({ url, healthcheck }).href).toBe(expected);
  });
});

describe('checkHealth', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/hang') return; // never answers
      response.statusCode = request.url === '/down' ? 503 : 200;
      response.end('body');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });

  it('is ok for a 2xx answer, with status and latency', async () => {
    const probe = await checkHealth(`${base}/health`, 2_000);
    expect(probe).toMatchObject({ url: `${base}/health`, ok: true, status: 200 });
    expect(probe.error).toBeUndefined();
    expect(probe.latencyMs).toBeGreaterThan(0);
  });

  it('is not ok for a non-2xx answer, keeping the status', async () => {
    expect(await checkHealth(`${base}/down`, 2_000)).toMatchObject({ ok: false, status: 503 });
  });

  it('names a refused connection', async () => {
    const probe = await checkHealth(`http://127.0.0.1:${await freePort()}/`, 2_000);
    expect(probe).toMatchObject({ ok: false, error: 'ECONNREFUSED' });
    expect(probe.status).toBeUndefined();
  });

  it('gives up after the timeout', async () => {
    const probe = await checkHealth(`${base}/hang`, 200);
    expect(probe).toMatchObject({ ok: false, error: 'timeout after 200ms' });
    expect(probe.latencyMs).toBeGreaterThanOrEqual(190);
    expect(probe.latencyMs).toBeLessThan(1_500);
  });

  it('reports an abort through its signal', async () => {
    const probe = await checkHealth(`${base}/hang`, 5_000, { signal: AbortSignal.timeout(50) });
    expect(probe).toMatchObject({ ok: false, error: 'aborted' });
  });

  it('never throws, even for a malformed URL', async () => {
    const probe = await checkHealth('not a url', 1_000);
    expect(probe.ok).toBe(false);
    expect(probe.error).toEqual(expect.any(String));
  });
});
