import { createServer } from 'node:net';
import type { Clock } from '../../core/clock.js';
import type { LoadPlan } from '../schedule/plan.js';
import { createHttpClient } from './client.js';

/**
 * Enough requests for V8 to optimise the request path (and Node's socket and stream code under
 * it), a few at a time: with 200, the first second of an 8,000/s open-model run still ran
 * unoptimised code and stalled the schedule in 30–70 ms bursts.
 */
const WARM_UP_REQUESTS = 3_000;
const WARM_UP_CONCURRENCY = 8;

/**
 * A cold request path costs ~0.1 ms more per request; it matters when many requests start at
 * about the same moment (a burst of VUs, a high arrival rate), where the backlog shows up as
 * schedule slip and as latency. Below these, warming up (3,000 requests, ~0.1 CPU-s) costs more
 * than the few milliseconds it saves once.
 */
const WARM_UP_MIN_RATE = 500;
const WARM_UP_MIN_VUS = 100;

/** Whether a generator running `plan` should warm up first (see WARM_UP_MIN_RATE). */
export function needsWarmUp(plan: LoadPlan): boolean {
  return plan.phases.some((phase) => {
    if (phase.kind === 'closed') return phase.vus >= WARM_UP_MIN_VUS;
    if (phase.kind !== 'open') return false;
    const share = phase.totalArrivals > 0 ? phase.arrivals / phase.totalArrivals : 0;
    return Math.max(phase.rateStart, phase.rateEnd) * share >= WARM_UP_MIN_RATE;
  });
}

/** Timings of warm-up requests are thrown away; only the connection timeouts need a clock. */
const WARM_UP_CLOCK: Clock = {
  now: () => 0,
  monotonic: () => performance.now(),
  sleep: async () => {},
};

/**
 * Sends requests to a throwaway loopback socket of our own before the test's zero, so the
 * one-off costs of the first requests (V8 compiling and optimising the request path) do not
 * stall the first real arrivals and show up as schedule slip. Uses the plain-http client, the
 * one the test's http:// requests go through (undici is not loaded unless a target needs it).
 */
export async function warmUpHttp(): Promise<void> {
  const server = createServer((socket) => {
    socket.on('data', () => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok'));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const client = createHttpClient({
    clock: WARM_UP_CLOCK,
    testZeroMs: 0,
    rejectUnauthorized: true,
    traceparent: true,
    connectTimeoutMs: 1_000,
  });
  const spec = {
    method: 'GET',
    url: `http://127.0.0.1:${port}/`,
    headers: {},
    timeoutMs: 1_000,
    followRedirect: false,
    intendedStartMs: 0,
    needsBody: false,
  } as const;
  try {
    // Warming up is best effort: the test itself reports real connection problems.
    const lane = async () => {
      for (let i = 0; i < WARM_UP_REQUESTS / WARM_UP_CONCURRENCY; i++) await client.request(spec);
    };
    await Promise.all(Array.from({ length: WARM_UP_CONCURRENCY }, lane));
  } finally {
    await client.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
