import { describe, expect, it } from 'vitest';
import { missingSegments, startSpreadMs } from './coverage.js';

describe('segment coverage of merged results', () => {
  it('lists the segments of the split that are absent', () => {
    expect(missingSegments(['1/3', '2/3', '3/3'])).toEqual([]);
    expect(missingSegments(['3/3', '1/3'])).toEqual(['2/3']);
    expect(missingSegments(['1/1'])).toEqual([]);
    expect(missingSegments(['2/4'])).toEqual(['1/4', '3/4', '4/4']);
  });

  it('refuses results of different splits and a segment given twice', () => {
    expect(() => missingSegments(['1/2', '2/3'])).toThrow(/different splits/);
    expect(() => missingSegments(['1/2', '1/2'])).toThrow(/segment 1\/2 appears twice/);
    expect(() => missingSegments(['0/2'])).toThrow(/expected I\/N/);
  });

  it('measures how far apart the schedules started', () => {
    const at = (startedAt: number) => ({
      segment: '1/1',
      startedAt,
      endedAt: startedAt + 1,
      status: 'completed' as const,
    });
    expect(startSpreadMs([at(1_000.5), at(1_003), at(999)])).toBe(4);
    expect(startSpreadMs([at(5)])).toBe(0);
    expect(startSpreadMs([])).toBe(0);
  });
});
