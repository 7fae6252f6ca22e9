import { describe, expect, it } from 'vitest';
import { needsWarmUp } from '../../../src/load/http/warm-up.js';
import { plan } from '../../../src/load/schedule/plan.js';
import { parseSegment } from '../../../src/load/schedule/segment.js';
import type { Phase } from '../../../src/load/script/model.js';

const closed = (concurrency: number): Phase => ({ kind: 'closed', durationMs: 10_000, concurrency });
const arrival = (arrivalRate: number, rampTo?: number): Phase => ({
  kind: 'arrival',
  durationMs: 10_000,
  arrivalRate,
  ...(rampTo === undefined ? {} : { rampTo }),
});

describe('needsWarmUp', () => {
  it('warms up for bursts a cold request path would show in: many VUs or a high arrival rate', () => {
    expect(needsWarmUp(plan([closed(50)]))).toBe(false);
    expect(needsWarmUp(plan([closed(200)]))).toBe(true);
    expect(needsWarmUp(plan([arrival(100)]))).toBe(false);
    expect(needsWarmUp(plan([arrival(10, 2_000)]))).toBe(true);
    expect(needsWarmUp(plan([{ kind: 'pause', pauseMs: 1_000 }, arrival(600)]))).toBe(true);
  });

  it("judges this generator's share of the rate, not the whole test's", () => {
    expect(needsWarmUp(plan([arrival(2_000)], parseSegment('1/4')))).toBe(true);
    expect(needsWarmUp(plan([arrival(1_000)], parseSegment('1/4')))).toBe(false);
  });
});
