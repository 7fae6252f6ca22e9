import { describe, expect, it } from 'vitest';
import { decodeHandover, encodeHandover, HANDOVER_END } from './handover.js';
import type { LoadResults } from './results.js';

const results = {
  aggregate: { counters: { 'http.requests': 39 } },
  perfgate: { segments: ['2/3'], note: 'x'.repeat(5_000) },
} as unknown as LoadResults;

describe('results handed over through a log', () => {
  it('finds the framed results among other log lines', () => {
    const log = `segment 2/3 ready\nSummary report\n${encodeHandover(results)}some later line\n`;
    expect(decodeHandover(log)).toEqual({ state: 'found', results });
    expect(
      encodeHandover(results)
        .split('\n')
        .every((line) => line.length <= 120),
    ).toBe(true);
  });

  it('tells a log without results from one whose results are cut or altered', () => {
    expect(decodeHandover('error: --start-at passed\n')).toEqual({ state: 'absent' });
    const framed = encodeHandover(results);
    const cut = framed.slice(0, framed.indexOf(HANDOVER_END));
    expect(decodeHandover(cut)).toMatchObject({
      state: 'corrupt',
      reason: expect.stringMatching(/end marker/),
    });
    const lines = framed.split('\n');
    lines.splice(2, 1);
    expect(decodeHandover(lines.join('\n'))).toMatchObject({ state: 'corrupt' });
    const other = encodeHandover({ ...results, aggregate: { counters: {} } } as unknown as LoadResults);
    const swapped = `${framed.split('\n')[0]}\n${other.split('\n').slice(1).join('\n')}`;
    expect(decodeHandover(swapped)).toMatchObject({
      state: 'corrupt',
      reason: expect.stringMatching(/checksum/),
    });
  });
});
