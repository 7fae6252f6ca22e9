import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './http-post.js';

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 10, 27, 3, 0, 0);

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(['0.5'], now)).toBe(500);
  });

  it('reads an HTTP date as the time left until it, never negative', () => {
    expect(parseRetryAfter('Fri, 27 Nov 2026 03:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 02:00:00 GMT', now)).toBe(0);
  });

  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
