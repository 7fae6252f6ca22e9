import { request as httpRequest } from 'node:http';
import type { Clock } from '../../../src/core/clock.js';
import type { HttpClient, HttpFailure, HttpRequestSpec, HttpResponse } from '../../../src/load/contracts.js';

/**
 * A minimal, test-only HttpClient on node:http (part B's undici client is the real one): it
 * sends exactly what the spec says, follows redirects when asked, and times from the intended start.
 */
export function createNodeHttpClient(clock: Clock, testZeroMs: number): HttpClient {
  const testNow = () => clock.monotonic() - testZeroMs;
  const send = (spec: HttpRequestSpec, redirectsLeft: number): Promise<HttpResponse | HttpFailure> =>
    new Promise((resolve) => {
      const startedAt = testNow();
      let firstByteAt = startedAt;
      const request = httpRequest(
        spec.url,
        { method: spec.method, headers: spec.headers, timeout: spec.timeoutMs, signal: spec.signal },
        (response) => {
          firstByteAt = testNow();
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            const location = response.headers.location;
            if (spec.followRedirect && status >= 300 && status < 400 && location && redirectsLeft > 0) {
              resolve(
                send(
                  { ...spec, method: 'GET', url: new URL(location, spec.url).toString(), body: undefined },
                  redirectsLeft - 1,
                ),
              );
              return;
            }
            const endAt = testNow();
            const body = Buffer.concat(chunks);
            resolve({
              state: 'response',
              status,
              headers: response.headers as Record<string, string | string[]>,
              ...(spec.needsBody ? { body: body.toString('utf8') } : {}),
              bytes: body.length,
              timings: {
                queuedMs: Math.max(0, startedAt - spec.intendedStartMs),
                ttfbMs: firstByteAt - startedAt,
                downloadMs: endAt - firstByteAt,
                totalMs: endAt - spec.intendedStartMs,
              },
            });
          });
        },
      );
      request.on('timeout', () =>
        request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
      );
      request.on('error', (error: NodeJS.ErrnoException) =>
        resolve({
          state: 'error',
          code: error.code ?? 'EUNKNOWN',
          message: error.message,
          elapsedMs: testNow() - spec.intendedStartMs,
        }),
      );
      request.end(spec.body);
    });
  return { request: (spec) => send(spec, 10), close: async () => {} };
}
