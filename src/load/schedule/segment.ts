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

/**
 * `--job-segment OFFSET/N` in a pod of a Kubernetes Indexed Job: the pod runs segment
 * OFFSET + JOB_COMPLETION_INDEX + 1 of N (the index is 0-based; one Job per region gives each
 * region's Job the offset of its first segment). `jobIndex` is the pod's JOB_COMPLETION_INDEX.
 */
export function segmentOfJobPod(text: string, jobIndex: string | undefined): Segment {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) {
    throw new PerfgateError('INVALID_ARGUMENT', `--job-segment ${text}: expected OFFSET/N, e.g. 0/3`);
  }
  if (jobIndex === undefined || !/^\d+$/.test(jobIndex)) {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `--job-segment needs JOB_COMPLETION_INDEX (set by Kubernetes in an Indexed Job's pods), got ${jobIndex === undefined ? 'nothing' : `"${jobIndex}"`}`,
    );
  }
  const count = Number(match[2]);
  const index = Number(match[1]) + Number(jobIndex);
  if (count < 1 || index >= count) {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `--job-segment ${text} with JOB_COMPLETION_INDEX ${jobIndex}: segment ${index + 1} is beyond ${count}`,
    );
  }
  return { index, count };
}
