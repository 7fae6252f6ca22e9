import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/load/engine/fake-clock.js';
import { checkStartAt, parseStartAt, START_AT_TOLERANCE_MS, waitUntil } from './start-at.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');

describe('--start-at', () => {
  it('reads ISO times with a zone and +durations from now', () => {
    expect(parseStartAt('2025-06-01T12:00:30Z', NOW)).toBe(NOW + 30_000);
    expect(parseStartAt('2025-06-01T14:00:30.250+02:00', NOW)).toBe(NOW + 30_250);
    expect(parseStartAt('+10s', NOW)).toBe(NOW + 10_000);
    expect(parseStartAt('+2m', NOW)).toBe(NOW + 120_000);
    expect(parseStartAt(' +1500ms ', NOW)).toBe(NOW + 1_500);
  });

  it('refuses a time without a zone (a different instant on each machine) and other text', () => {
    for (const text of ['2025-06-01T12:00:30', 'tomorrow', '+soon', '12:00', '2025-13-45T99:00:00Z']) {
      expect(() => parseStartAt(text, NOW), text).toThrow(/--start-at/);
    }
  });

  it('accepts a start up to a second past and refuses one later (bad input)', () => {
    expect(() => checkStartAt(NOW - START_AT_TOLERANCE_MS, NOW)).not.toThrow();
    expect(() => checkStartAt(NOW + 60_000, NOW)).not.toThrow();
    expect(() => checkStartAt(NOW - START_AT_TOLERANCE_MS - 1, NOW)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/passed 1s ago/) }),
    );
  });

  it('waits on the clock until the instant, or stops when aborted', async () => {
    const clock = new FakeClock();
    const at = clock.now() + 42_000;
    expect(await clock.run(waitUntil(clock, at, new AbortController().signal))).toBe(true);
    expect(clock.now()).toBe(at);
    const stop = new AbortController();
    const later = clock.now() + 60_000;
    expect(
      await clock.run(waitUntil(clock, later, stop.signal), { at: 10_000, action: () => stop.abort() }),
    ).toBe(false);
    expect(clock.now()).toBeLessThan(later);
  });
});
