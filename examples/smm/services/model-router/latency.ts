import { type Random, sampleLogNormal, sampleUniform } from '../lib/prng.js';

/**
 * Upstream model latency: a log-normal body (median 120 ms, sigma 0.35 puts p99 near 270 ms) plus
 * a heavy tail where ~1 % of calls take 800–1500 ms, as cold starts and provider queues do.
 */
export const ROUTING_LATENCY = {
  medianMs: 120,
  sigma: 0.35,
  tailShare: 0.01,
  tailMinMs: 800,
  tailMaxMs: 1_500,
} as const;

export function sampleRoutingLatencyMs(random: Random): number {
  const { medianMs, sigma, tailShare, tailMinMs, tailMaxMs } = ROUTING_LATENCY;
  const latency =
    random() < tailShare
      ? sampleUniform(random, tailMinMs, tailMaxMs)
      : sampleLogNormal(random, medianMs, sigma);
  return Math.round(latency);
}
