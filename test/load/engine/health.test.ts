import { describe, expect, it } from 'vitest';
import type { GeneratorSample } from '../../../src/load/health/monitor.js';
import { judgeHealth } from '../../../src/load/health/verdict.js';
import { createLatencyHistogram } from '../../../src/stats/hdr.js';

function sample(slips: number[], lagP99: number, cpuPercent?: number): GeneratorSample {
  const histogram = createLatencyHistogram();
  for (const ms of slips) histogram.record(ms);
  return {
    eventLoopLagMs: { p50: 0.1, p99: lagP99, max: lagP99 },
    scheduleSlip: histogram.encode(),
    ...(cpuPercent === undefined ? {} : { cpuPercent }),
  };
}

const punctual = Array.from({ length: 1000 }, (_, i) => (i % 10) / 10);

describe('judgeHealth', () => {
  it('trusts a generator that started iterations on time with a free event loop', () => {
    const health = judgeHealth([sample(punctual, 5, 40)]);
    expect(health).toMatchObject({ verdict: 'trusted', reasons: [], generators: 1, cpuPercent: 40 });
    expect(health.scheduleSlipMs.p99).toBeLessThan(1);
  });

  it('marks the run untrusted when iterations started late (merged across generators)', () => {
    const late = Array.from({ length: 50 }, () => 300);
    const health = judgeHealth([sample(punctual, 5), sample(late, 5)]);
    expect(health.verdict).toBe('untrusted');
    expect(health.reasons.join()).toContain('schedule slip p99');
    expect(health.scheduleSlipMs.count).toBe(1050);
  });

  it('marks the run untrusted when the event loop was blocked, and only warns about high CPU', () => {
    expect(judgeHealth([sample(punctual, 250)]).reasons.join()).toContain('event loop blocked');
    const busy = judgeHealth([sample(punctual, 5, 99)]);
    expect(busy.verdict).toBe('trusted');
    expect(busy.warnings.join()).toContain('99%');
  });
});

describe('judgeHealth on short runs', () => {
  it('forgives one stall: a one-VU run whose only iteration started late is still trusted', () => {
    expect(judgeHealth([sample([350], 5)]).verdict).toBe('trusted');
    const oneStall = { ...sample(punctual, 180), eventLoopLagMs: { p50: 0.1, p99: 180, max: 180, third: 2 } };
    expect(judgeHealth([oneStall]).verdict).toBe('trusted');
  });

  it('still distrusts lateness that repeats, however short the run', () => {
    expect(judgeHealth([sample([350, 300, 320], 5)]).verdict).toBe('untrusted');
    const stalls = { ...sample(punctual, 180), eventLoopLagMs: { p50: 0.1, p99: 180, max: 200, third: 150 } };
    expect(judgeHealth([stalls]).reasons.join()).toContain('event loop blocked');
  });
});
