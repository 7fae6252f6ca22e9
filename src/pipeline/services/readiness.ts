import type { Clock } from '../../core/clock.js';
import { checkHealth } from './health.js';
import { PROBE_TIMEOUT_MS, READY_POLL_INITIAL_MS, READY_POLL_MAX_MS } from './tunables.js';
import type { ExitInfo, HealthProbe } from './types.js';

/** How waiting for a service's health ended. */
export type Readiness =
  | { state: 'ready'; probe: HealthProbe }
  | { state: 'timeout'; last: HealthProbe | undefined }
  | { state: 'exited'; exit: ExitInfo }
  | { state: 'aborted'; reason: unknown };

export interface ReadinessOptions {
  /** The health-check URL. */
  url: string;
  timeoutMs: number;
  clock: Clock;
  signal?: AbortSignal;
  /** The start command's exit, if there is a process to watch. */
  exited?: Promise<ExitInfo>;
}

/**
 * Polls `url` until it answers 2xx, pausing 100 ms and doubling up to 500 ms between probes (each
 * bounded by PROBE_TIMEOUT_MS and the time left). Whatever comes first ends the wait: a 2xx answer,
 * the process exiting, the signal aborting (both also cut a probe or pause short), or `timeoutMs`
 * passing. Never rejects.
 */
export async function waitUntilHealthy(options: ReadinessOptions): Promise<Readiness> {
  const { clock, signal } = options;
  const deadline = clock.monotonic() + options.timeoutMs;
  const interrupt = new AbortController();
  let ended: Readiness | undefined;
  const end = (readiness: Readiness) => {
    ended ??= readiness;
    interrupt.abort();
  };
  const onAbort = () => end({ state: 'aborted', reason: signal?.reason });
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  void options.exited?.then((exit) => end({ state: 'exited', exit }));
  let last: HealthProbe | undefined;
  let pause = READY_POLL_INITIAL_MS;
  try {
    while (ended === undefined) {
      const remaining = deadline - clock.monotonic();
      if (remaining <= 0) return { state: 'timeout', last };
      const probeTimeoutMs = Math.min(PROBE_TIMEOUT_MS, remaining);
      const probe = await checkHealth(options.url, probeTimeoutMs, { signal: interrupt.signal, clock });
      if (ended !== undefined) break;
      if (probe.ok) return { state: 'ready', probe };
      // A probe the deadline cut short says less than the answer before it.
      const cutShort = probe.status === undefined && probeTimeoutMs < PROBE_TIMEOUT_MS && last !== undefined;
      if (!cutShort || clock.monotonic() < deadline) last = probe;
      const wait = Math.min(pause, Math.max(0, deadline - clock.monotonic()));
      await clock.sleep(wait, interrupt.signal).catch(() => {});
      pause = Math.min(pause * 2, READY_POLL_MAX_MS);
    }
    return ended ?? { state: 'timeout', last };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    interrupt.abort();
  }
}
