/**
 * The flags that make one `perfgate load` process one generator of a larger test: which share
 * it runs (`--segment I/N`, or `--job-segment OFFSET/N` in a Kubernetes Indexed Job's pod), when
 * it starts (`--start-at`), which region it stands for (`--region`), and how it hands its results
 * over (`--print-results`, `--defer-verdict`).
 */
import { PerfgateError } from '../../core/errors.js';
import { parseSegment, type Segment, segmentOfJobPod, WHOLE_TEST } from '../../load/schedule/segment.js';
import { checkStartAt, parseStartAt } from '../../load/schedule/start-at.js';

export interface GeneratorFlags {
  segment?: string;
  jobSegment?: string;
  startAt?: string;
  region?: string[];
  printResults?: boolean;
  deferVerdict?: boolean;
}

export interface GeneratorRole {
  readonly segment: Segment;
  readonly startAt?: number;
  readonly region?: string;
}

/** Region names as Kubernetes label values allow them (63 characters, alphanumerics, `-_.`). */
export const REGION_NAME = /^[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** Reads the flags; INVALID_ARGUMENT for a malformed value or a start time already past. */
export function generatorRoleOf(
  flags: GeneratorFlags,
  env: Readonly<Record<string, string | undefined>>,
  nowMs: number,
): GeneratorRole {
  if (flags.segment !== undefined && flags.jobSegment !== undefined) {
    throw new PerfgateError('INVALID_ARGUMENT', '--segment and --job-segment: give one of them');
  }
  const segment =
    flags.jobSegment !== undefined
      ? segmentOfJobPod(flags.jobSegment, env.JOB_COMPLETION_INDEX)
      : flags.segment !== undefined
        ? parseSegment(flags.segment)
        : WHOLE_TEST;
  const regions = flags.region ?? [];
  if (regions.length > 1) {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `--region ${regions.join(' ')}: one generator runs in one region (several regions need --kubernetes)`,
    );
  }
  const region = regions[0];
  if (region !== undefined) checkRegionName(region);
  if (flags.startAt === undefined) return { segment, ...(region === undefined ? {} : { region }) };
  const startAt = parseStartAt(flags.startAt, nowMs);
  checkStartAt(startAt, nowMs);
  return { segment, startAt, ...(region === undefined ? {} : { region }) };
}

export function checkRegionName(region: string): void {
  if (REGION_NAME.test(region)) return;
  throw new PerfgateError(
    'INVALID_ARGUMENT',
    `--region ${region}: a region name has at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
  );
}
