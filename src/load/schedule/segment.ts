import { PerfgateError } from '../../core/errors.js';

/**
 * One share of a test (k6 execution segments, simplified to equal stripes): global arrival
 * `i` belongs to the segment with `i % count === index`. Every segment is deterministic and the
 * union of all segments of one `count` is exactly the whole plan. `index` is 0-based.
 */
export interface Segment {
  readonly index: number;
  readonly count: number;
}

export const WHOLE_TEST: Segment = { index: 0, count: 1 };

/** Parses the CLI's `I/N` (1-based I, as users count machines). */
export function parseSegment(text: string): Segment {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new PerfgateError('INVALID_ARGUMENT', `--segment ${text}: expected I/N with 1 <= I <= N, e.g. 2/4`);
  }
  return { index: index - 1, count };
}

export function formatSegment(segment: Segment): string {
  return `${segment.index + 1}/${segment.count}`;
}

/**
 * The `part`-th of `parts` stripes of `segment` (e.g. worker threads inside one machine's
 * segment): stripe of a stripe is again a stripe, with stride `count × parts`.
 */
export function subSegment(segment: Segment, part: number, parts: number): Segment {
  return { index: segment.index + segment.count * part, count: segment.count * parts };
}

/** How many of `total` items (indexes 0…total−1) fall in the segment. */
export function countInSegment(total: number, segment: Segment): number {
  if (total <= segment.index) return 0;
  return Math.floor((total - 1 - segment.index) / segment.count) + 1;
}
