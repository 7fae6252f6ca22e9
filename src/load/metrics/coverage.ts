import { PerfgateError } from '../../core/errors.js';

/** One machine's share of a test as it ran (`perfgate.generators`): what a merge needs to judge it. */
export interface GeneratorRecord {
  /** `I/N`, as `--segment` counts. */
  readonly segment: string;
  readonly region?: string;
  /** The shared `--start-at` instant (wall-clock ms), when one was given. */
  readonly startAt?: number;
  /** When this generator's schedule really began and ended (wall-clock ms). */
  readonly startedAt: number;
  readonly endedAt: number;
  readonly status: 'completed' | 'interrupted';
}

/**
 * Which segments of a split are absent from a set of results. A merge of `1/3` and `3/3` is not a
 * smaller test that passed: it is an incomplete one (`missing: ['2/3']`), which the CLI turns
 * into exit 3. Results of different splits, or the same segment twice, cannot be merged at all
 * (the counts would be wrong): INVALID_ARGUMENT.
 */
export function missingSegments(segments: readonly string[]): string[] {
  const parsed = segments.map(parseSegmentText);
  const counts = new Set(parsed.map((segment) => segment.count));
  if (counts.size > 1) {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `cannot merge segments of different splits (${segments.join(', ')}): every generator of one test uses the same N in I/N`,
    );
  }
  const seen = new Set<number>();
  for (const [i, segment] of parsed.entries()) {
    if (seen.has(segment.index)) {
      throw new PerfgateError(
        'INVALID_ARGUMENT',
        `segment ${segments[i]} appears twice: merging it twice would count its load twice`,
      );
    }
    seen.add(segment.index);
  }
  const count = parsed[0]?.count ?? 0;
  const missing: string[] = [];
  for (let index = 1; index <= count; index++) if (!seen.has(index)) missing.push(`${index}/${count}`);
  return missing;
}

/** Largest minus smallest start of the generators' schedules (ms); 0 for one generator. */
export function startSpreadMs(generators: readonly GeneratorRecord[]): number {
  if (generators.length === 0) return 0;
  const starts = generators.map((generator) => generator.startedAt);
  return Math.max(...starts) - Math.min(...starts);
}

function parseSegmentText(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || index > count) {
    throw new PerfgateError('INVALID_ARGUMENT', `results name segment "${text}": expected I/N`);
  }
  return { index, count };
}
