import { describe, expect, it } from 'vitest';
import type { Fault } from './model.js';
import { activeFaults, decideFate } from './schedule.js';

const fault = (name: string, effect: Fault['effect'], extra: Partial<Fault> = {}): Fault => ({
  name,
  fromMs: 0,
  toMs: Infinity,
  effect,
  ...extra,
});
const sequence = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length] ?? 0;
};

describe('fault schedule', () => {
  it('applies a fault from `from` (inclusive) to `to` (exclusive), on its endpoint only', () => {
    const slow = fault(
      'slow',
      { kind: 'latency', fixedMs: 10, jitterMs: 0 },
      {
        fromMs: 1000,
        toMs: 2000,
        endpoint: { method: 'POST', path: '/api/route' },
      },
    );
    const post = { method: 'post', target: '/api/route?x=1' };
    expect(activeFaults([slow], 999, post)).toEqual([]);
    expect(activeFaults([slow], 1000, post)).toEqual([slow]);
    expect(activeFaults([slow], 2000, post)).toEqual([]);
    expect(activeFaults([slow], 1500, { method: 'GET', target: '/api/route' })).toEqual([]);
    expect(activeFaults([slow], 1500, { method: 'POST', target: '/api/routes' })).toEqual([]);
    expect(activeFaults([slow], -Infinity, post)).toEqual([]);
  });

  it('adds latencies with jitter in [fixed - jitter, fixed + jitter], never below 0', () => {
    const faults = [
      fault('a', { kind: 'latency', fixedMs: 100, jitterMs: 50 }),
      fault('b', { kind: 'latency', fixedMs: 10, jitterMs: 20 }),
    ];
    expect(decideFate(faults, sequence(0, 0)).delayMs).toBe(50);
    expect(decideFate(faults, sequence(0.999999, 0.5)).delayMs).toBeCloseTo(160, 3);
  });

  it('draws errors and resets against their ratio; black hole, then reset, then error wins', () => {
    const error = fault('err', { kind: 'error', status: 503, ratio: 0.5 });
    expect(decideFate([error], sequence(0.49)).outcome).toEqual({ kind: 'error', status: 503, fault: 'err' });
    expect(decideFate([error], sequence(0.5))).toEqual({ faults: [], delayMs: 0 });
    const reset = fault('rst', { kind: 'reset', ratio: 1 });
    const hole = fault('hole', { kind: 'blackhole' }, { toMs: 5000 });
    expect(decideFate([error, reset], sequence(0)).outcome?.kind).toBe('reset');
    expect(decideFate([error, reset, hole], sequence(0)).outcome).toEqual({
      kind: 'blackhole',
      fault: 'hole',
      untilMs: 5000,
    });
  });

  it('keeps the tightest bandwidth limit', () => {
    const fate = decideFate(
      [
        fault('a', { kind: 'bandwidth', bytesPerSecond: 1000 }),
        fault('b', { kind: 'bandwidth', bytesPerSecond: 300 }),
      ],
      Math.random,
    );
    expect(fate).toMatchObject({ bytesPerSecond: 300, faults: ['a', 'b'] });
  });
});
