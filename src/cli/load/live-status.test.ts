import { describe, expect, it } from 'vitest';
import type { WindowData } from '../../load/metrics/window.js';
import { createLatencyHistogram } from '../../stats/hdr.js';
import { LiveStatus } from './live-status.js';

function window(period: number, counters: Record<string, number>, latencies: number[] = []): WindowData {
  const histogram = createLatencyHistogram();
  for (const ms of latencies) histogram.record(ms);
  return {
    period,
    startedAt: period,
    endedAt: period + 1_000,
    counters,
    rateCounts: {},
    histograms: latencies.length > 0 ? { 'perfgate.http.duration': histogram.encode() } : {},
  };
}

function capture(tty: boolean, generators = 1) {
  const written: string[] = [];
  let now = 0;
  const status = new LiveStatus({
    stream: { write: (text: string) => written.push(text) },
    tty,
    plannedMs: 60_000,
    generators,
    now: () => now,
    clockTime: (ms) => `t${ms}`,
  });
  return { status, written, advance: (ms: number) => (now += ms) };
}

describe('LiveStatus', () => {
  it('without a terminal: one line per window, workers merged, an empty window a gap', () => {
    const { status, written } = capture(false, 2);
    status.onWindow(window(0, { 'http.requests': 3, 'vusers.created': 3 }, [10, 20, 30]));
    expect(written).toEqual([]);
    status.onWindow(window(0, { 'http.requests': 2, 'http.codes.503': 1 }, [40]));
    status.onWindow(window(1_000, {}));
    status.stop();
    expect(written).toHaveLength(2);
    expect(written[0]).toMatch(
      /^\[t1000\] 5 requests sent · 5 req\/s · 4 responses: p50 20\.0\d? p95 40\.0\d? p99 40\.0\d? ms · failed HTTP 503 1\n$/,
    );
    expect(written[1]).toBe('[t2000] 0 requests sent · 0 req/s · no responses in this window\n');
  });

  it('on a terminal: a status line with elapsed / planned, VUs, rate, failures and a recent p95', () => {
    const { status, written, advance } = capture(true);
    advance(12_300);
    status.onWindow(
      window(
        0,
        { 'http.requests': 10, 'vusers.created': 4, 'vusers.completed': 1, 'errors.ETIMEDOUT': 1 },
        [5, 5, 5, 100],
      ),
    );
    expect(status.statusLine()).toBe(
      '12 s / 60 s · 3 VUs running, 4 started · 10 req/s · failed 1 (10.0 %) · p95 100.0 ms (last 1.0 s)',
    );
    expect(written.at(-1)).toBe(`\r\x1b[2K${status.statusLine()}`);
    status.stop();
    expect(written.at(-1)).toBe('\r\x1b[2K');
  });
});
