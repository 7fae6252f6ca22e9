import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Clock } from '../../core/clock.js';
import { createLatencyHistogram } from '../../stats/hdr.js';

/** CPU time of this process so far, µs (process.cpuUsage's shape), injected by the caller. */
export type CpuUsageProbe = () => { readonly user: number; readonly system: number };

/** What one generator (process or worker thread) measured about itself. */
export interface GeneratorSample {
  /**
   * Event-loop delay beyond the expected tick, ms (perf_hooks.monitorEventLoopDelay); `third`:
   * the third-highest delay (0 with fewer than three samples), so one stall is told from many.
   */
  readonly eventLoopLagMs: {
    readonly p50: number;
    readonly p99: number;
    readonly max: number;
    readonly third?: number;
  };
  /** User + system CPU over the run as % of one core; undefined without a probe. */
  readonly cpuPercent?: number;
  /** How late iterations started against their intended start: encoded HDR histogram (ms). */
  readonly scheduleSlip: string;
}

export interface HealthMonitor {
  /** Records one iteration's lateness (ms): the executor's `onSlip`. */
  readonly recordSlip: (lateMs: number) => void;
  stop(): GeneratorSample;
}

/** Event-loop delay sampling resolution, ms. */
const LAG_RESOLUTION_MS = 10;
const NS_PER_MS = 1e6;

/**
 * Watches the generator itself: event-loop lag, CPU and schedule slip. If the generator, not
 * the target, was the bottleneck its latencies are not the target's, so `judgeHealth` can
 * mark the run untrusted.
 */
export function startHealthMonitor(clock: Clock, cpuUsage?: CpuUsageProbe): HealthMonitor {
  const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  lag.enable();
  const slip = createLatencyHistogram();
  const startedAt = clock.monotonic();
  const cpuAtStart = cpuUsage?.();
  return {
    recordSlip: (lateMs) => slip.record(lateMs),
    stop() {
      lag.disable();
      const elapsedMs = clock.monotonic() - startedAt;
      const cpuNow = cpuUsage?.();
      const lagMs = (ns: number) => round1(Math.max(0, ns / NS_PER_MS - LAG_RESOLUTION_MS));
      const sample: GeneratorSample = {
        eventLoopLagMs:
          lag.count > 0
            ? {
                p50: lagMs(lag.percentile(50)),
                p99: lagMs(lag.percentile(99)),
                max: lagMs(lag.max),
                third: lag.count < SUSTAINED ? 0 : lagMs(lag.percentile(thirdHighestRank(lag.count))),
              }
            : { p50: 0, p99: 0, max: 0, third: 0 },
        ...(cpuAtStart && cpuNow && elapsedMs > 0
          ? {
              cpuPercent: round1(
                (cpuNow.user + cpuNow.system - cpuAtStart.user - cpuAtStart.system) / 10 / elapsedMs,
              ),
            }
          : {}),
        scheduleSlip: slip.encode(),
      };
      return sample;
    },
  };
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** How many samples over a limit make it sustained rather than one stall (a GC pause, a busy neighbour). */
export const SUSTAINED = 3;

/** The percentile (0–100) whose value is the third-highest of `count` samples. */
export function thirdHighestRank(count: number): number {
  return (100 * (count - (SUSTAINED - 1))) / count;
}
